import { Injectable } from '@nestjs/common';
import { ChargeLine, ChargeSource, ChargeSources, InvoiceTerms, MemberCharge } from '../billing/charge-source';
import { ConsultationsService } from '../consultations/consultations.service';
import { DomainError } from '../platform/http/domain-error';
import { formatDateNl } from '../platform/text/dutch-format';
import { formatTariff } from './subscription-money';
import { Arrangement } from './subscriptions.repository';
import { SUBSCRIPTIONS_SOURCE_KEY, SubscriptionsService } from './subscriptions.service';

/**
 * The social-domain subscriptions as billing charges them: one source for every arrangement, because
 * billing invoices a member once per year and source and the terms of an arrangement and its renewal
 * follow one another (never two arrangements in one year). A year is charged from the arrangement whose
 * term covers it: per signed member a line per provider (LINE_ROUNDING), invoiced on the arrangement's
 * invoice date (1 December before the year) in the two instalments of INSTALMENT_SPLIT, due 1 January
 * and 1 July. The invoice keeps the arrangement's id, so its dissolution credits exactly its invoices.
 * A year whose arrangement was dissolved is refused with the subscriptions' own rule (409).
 */
@Injectable()
export class SubscriptionsChargeSource implements ChargeSource {
  readonly key = SUBSCRIPTIONS_SOURCE_KEY;
  readonly label = 'Abonnementen sociaal domein';
  readonly position = 4;

  constructor(
    sources: ChargeSources,
    private readonly subscriptions: SubscriptionsService,
    private readonly consultations: ConsultationsService,
  ) {
    sources.register(this);
  }

  /** The arrangement whose term covers the year; refused when none does, or when two open ones would charge the same year. */
  private async arrangementFor(year: number): Promise<Arrangement> {
    const covering = (await this.subscriptions.list()).filter((a) => a.firstYear <= year && year <= a.lastYear);
    if (covering.length === 0) throw DomainError.invalid('year', `no social-domain subscription arrangement covers ${year}`);
    const open = covering.filter((a) => a.status !== 'dissolved');
    if (open.length > 1) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `year: ${year} is covered by ${open.length} open arrangements (${open.map((a) => `"${a.title}"`).join(', ')}); a member is invoiced once per year and source`,
        [{ field: 'year', rule: 'one subscription arrangement per year' }],
      );
    }
    // A dissolved arrangement is passed on, so subscriptionCharges refuses it with its own rule.
    return open[0] ?? covering[0];
  }

  async chargesFor(year: number): Promise<MemberCharge[]> {
    const a = await this.arrangementFor(year);
    const charges = await this.subscriptions.subscriptionCharges(a.id, year).catch((error: unknown) => {
      // The subscriptions' rule, naming the arrangement and the year the run asked for.
      if (error instanceof DomainError && error.code === 'NOT_EDITABLE') {
        throw new DomainError('NOT_EDITABLE', `year: ${year} falls under "${a.title}", and ${error.message}`, [{ field: 'year', rule: error.message }]);
      }
      throw error;
    });
    const decidedBy = await this.decidedBy(a);
    return charges.members.map((m) => ({
      memberId: m.memberId,
      reference: a.id,
      instalmentsCents: m.instalmentsCents.map((c) => BigInt(c)),
      lines: m.lines.map((l): ChargeLine => {
        const [provider, calculation] = splitDescription(l.description);
        return {
          description: `Abonnement ${provider}`,
          explanation: `${calculation} (inwoners op ${formatDateNl(`${a.referenceDate}T12:00:00Z`)}; per regel afgerond op hele centen, een halve cent naar boven)`,
          amountCents: BigInt(l.amountCents),
          decidedBy,
        };
      }),
    }));
  }

  async invoiceTermsFor(year: number): Promise<InvoiceTerms> {
    const charges = await this.subscriptions.subscriptionCharges((await this.arrangementFor(year)).id, year);
    return {
      issuedOn: charges.invoiceDate,
      dueDates: charges.instalmentDueDates,
      splitRule: 'INSTALMENT_SPLIT: de eerste termijn is de helft naar beneden afgerond op hele centen, de tweede neemt de rest',
    };
  }

  /** The years of the open arrangements' terms whose tariffs are set. */
  async yearsWithFigures(): Promise<number[]> {
    const years = new Set<number>();
    for (const a of (await this.subscriptions.list()).filter((x) => x.status !== 'dissolved')) {
      const { providers } = await this.subscriptions.get(a.id);
      for (let y = a.firstYear; y <= a.lastYear; y++) if (providers.length && providers.every((p) => p.years.some((x) => x.year === y))) years.add(y);
    }
    return [...years].sort((x, y) => x - y);
  }

  async basisFor(year: number): Promise<string> {
    const a = await this.arrangementFor(year);
    const { providers } = await this.subscriptions.get(a.id);
    const tariffs = providers.map((p) => `${p.name} ${formatTariff(p.years.find((y) => y.year === year)?.tariffHundredthsOfCent ?? 0)}`).join(', ');
    const vote = await this.decidedBy(a);
    return `"${a.title}"${a.reference ? ` (${a.reference})` : ''}, looptijd ${a.firstYear}-${a.lastYear}; tarieven ${year} per inwoner: ${tariffs}${vote ? `; ingesteld door ${vote.text}` : ''}`;
  }

  /** The vote that created the arrangement, with its result page. */
  private async decidedBy(a: Arrangement): Promise<ChargeLine['decidedBy']> {
    const result = await this.consultations.publishedResult(a.decidedByConsultationId, { offset: 0, limit: 1 }).catch(() => null);
    const proposal = result?.proposals.find((p) => p.proposalId === a.decidedByProposalId);
    if (!result || !proposal) return null;
    return { text: `${result.title}, voorstel ${proposal.number} ${proposal.title}`, path: `/raadplegingen/${a.decidedByConsultationId}/uitslag` };
  }
}

/** "Stichting AKJ (Vertrouwenswerk Jeugd) 2018: 50.000 inwoners × € 0,44" -> the provider part and the calculation. */
function splitDescription(description: string): [string, string] {
  const at = description.indexOf(': ');
  return at < 0 ? [description, description] : [description.slice(0, at), description.slice(at + 2)];
}
