import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import { SignedInStaff } from '../accounts/accounts.service';
import { staffActor } from '../accounts/staff.guard';
import { BillingService } from '../billing/billing.service';
import { AuditService } from '../platform/audit/audit.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { MembersService } from '../members/members.service';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { parseAmsterdamDateTime } from '../platform/text/amsterdam-time';
import { formatDateNl, formatDateTimeNl, formatEuroCents, TIME_ZONE } from '../platform/text/dutch-format';
import { Templates } from '../platform/text/templates';
import {
  CreateArrangementDto,
  DissolveDto,
  IndexationDto,
  PollAnswerDto,
  RefuseContractDto,
  RenewArrangementDto,
  SignContractDto,
} from './dto/subscription-input.dto';
import {
  breakEvenTariff,
  distribute,
  formatBasisPoints,
  formatTariff,
  indexAmount,
  MemberCharge,
  memberCharge,
  percentageToBasisPoints,
  ProviderDistribution,
  TariffLine,
} from './subscription-money';
import { Answer, Arrangement, Contract, ContractStatus, ContractVariant, Provider, ProviderYear, SubscriptionsRepository } from './subscriptions.repository';
import { Clock } from '../platform/clock';

/** The key of the subscriptions' charge source in billing (one source for every arrangement; the invoice keeps the arrangement's id). */
export const SUBSCRIPTIONS_SOURCE_KEY = 'social-domain-subscriptions';

/** Instalments fall due on these days of the subscription year (the subscription is paid in advance). */
export const INSTALMENT_DUE = ['01-01', '07-01'];

export const STATUS_NL: Record<ContractStatus, string> = {
  pending: 'nog niet getekend',
  signed: 'getekend',
  refused: 'geweigerd',
  dissolved: 'ontbonden',
  lapsed: 'vervallen',
};

export interface ProviderWithYears extends Provider {
  years: { year: number; budgetCents: number; tariffHundredthsOfCent: number; tariff: string }[];
}

export interface SubscriptionCharges {
  arrangementId: string;
  year: number;
  invoiceDate: string;
  instalmentDueDates: string[];
  members: MemberCharge[];
  totalCents: number;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The social-domain subscriptions: the arrangement a vote created, the members' contracts and their
 * signatures, the board's follow-up (progress, reminders, poll, indexation, what-if) and the money
 * (charges per member, distribution per provider) up to an early end by dissolution.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly repository: SubscriptionsRepository,
    private readonly consultations: ConsultationsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly templates: Templates,
    private readonly clock: Clock,
    private readonly billing: BillingService,
  ) {}

  /**
   * The one call into decisions: the proposal `number` of a consultation whose result is published
   * (or ratified) and which was adopted. Returns its id.
   */
  private async adoptedProposal(consultationId: string, number: number, field: string): Promise<{ proposalId: string; title: string }> {
    const result = await this.consultations.publishedResult(consultationId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'NOT_FOUND')
        throw DomainError.invalid(`${field}ConsultationId`, 'must be a consultation whose result is published');
      throw error;
    });
    if (result.status === 'not_ratified')
      throw DomainError.invalid(`${field}ConsultationId`, 'the result of this consultation was not ratified, so its decisions do not stand');
    const proposal = result.proposals.find((p) => p.number === number);
    if (!proposal) throw DomainError.invalid(`${field}ProposalNumber`, `consultation has no proposal ${number}`);
    if (proposal.outcome !== 'adopted')
      throw DomainError.invalid(
        `${field}ProposalNumber`,
        `proposal ${number} was not adopted (${proposal.outcome}): only an adopted proposal creates or ends an arrangement`,
      );
    return { proposalId: proposal.proposalId, title: proposal.title };
  }

  async create(input: CreateArrangementDto, actor: string): Promise<Arrangement> {
    if (input.lastYear < input.firstYear) throw DomainError.invalid('lastYear', 'must not be before firstYear');
    const codes = input.providers.map((p) => p.code);
    if (new Set(codes).size !== codes.length) throw DomainError.invalid('providers', 'each provider code must be unique');
    if (input.providers.every((p) => !p.takenByExempt) && input.exemptMemberCodes.length)
      throw DomainError.invalid('providers', 'exempt members must take at least one provider');
    const signingDeadline = parseAmsterdamDateTime(input.signingDeadline)!;
    return this.tx.run(async () => {
      const decision = await this.adoptedProposal(input.decidedByConsultationId, input.decidedByProposalNumber, 'decidedBy');
      await this.refuseUsedProposal(decision.proposalId, input.decidedByProposalNumber);
      const { arrangement, contracts } = await this.openTerm(
        {
          title: input.title,
          reference: input.reference ?? null,
          decidedByConsultationId: input.decidedByConsultationId,
          decidedByProposalId: decision.proposalId,
          referenceDate: input.referenceDate,
          firstYear: input.firstYear,
          lastYear: input.lastYear,
          signingDeadline,
          firstInvoiceDate: input.firstInvoiceDate,
          officeName: input.officeName,
          renewsArrangementId: null,
        },
        input.providers.map((p) => ({ ...p, tariffHundredthsOfCent: Math.round(p.tariffCents * 100) })),
        input.officeCostCents,
        { codes: new Set(input.exemptMemberCodes), strict: true },
      );
      await this.audit.record({
        actor,
        action: 'subscriptions.arrangement_created',
        subjectType: 'subscription_arrangement',
        subjectId: arrangement.id,
        details: { ...input, decidedByProposalId: decision.proposalId, contracts },
      });
      return arrangement;
    });
  }

  private async refuseUsedProposal(proposalId: string, number: number): Promise<void> {
    if (await this.repository.findByProposal(proposalId)) {
      throw new DomainError('DUPLICATE', `decidedByProposalNumber: proposal ${number} already created an arrangement`, [
        { field: 'decidedByProposalNumber', rule: 'already created an arrangement' },
      ]);
    }
  }

  /**
   * A term of the arrangement: its row, its providers with the first year's budgets and tariffs, the
   * office's cost, and one contract per member on the reference date (inhabitants of that date), the
   * variant by the exempt list. A strict exempt list refuses codes that are not members then; a list
   * carried over from an earlier term drops them (a municipality that merged away).
   */
  private async openTerm(
    fields: Omit<Arrangement, 'id' | 'status' | 'dissolvedOn' | 'dissolvedAt' | 'dissolutionReason' | 'dissolvedByProposalId' | 'createdAt'>,
    providers: { code: string; name: string; service: string; takenByExempt: boolean; budgetCents: number; tariffHundredthsOfCent: number }[],
    officeCostCents: number,
    exempt: { codes: Set<string>; strict: boolean },
  ): Promise<{ arrangement: Arrangement; contracts: number }> {
    const members = await this.members.listOn(fields.referenceDate);
    if (members.length === 0) throw DomainError.invalid('referenceDate', `no members on ${fields.referenceDate}`);
    const without = members.filter((m) => m.inhabitants === null);
    if (without.length)
      throw DomainError.invalid(
        'referenceDate',
        `no inhabitants recorded on or before ${fields.referenceDate} for ${without
          .slice(0, 10)
          .map((m) => m.cbsCode)
          .join(', ')}`,
      );
    const unknown = [...exempt.codes].filter((code) => !members.some((m) => m.cbsCode === code));
    if (unknown.length && exempt.strict) throw DomainError.invalid('exemptMemberCodes', `${unknown.join(', ')} is not a member on ${fields.referenceDate}`);
    const arrangement = await this.repository.insertArrangement(fields);
    const years: ProviderYear[] = [];
    for (const [position, p] of providers.entries()) {
      const provider = await this.repository.insertProvider(arrangement.id, {
        code: p.code,
        name: p.name,
        service: p.service,
        position: position + 1,
        takenByExempt: p.takenByExempt,
      });
      years.push({ providerId: provider.id, year: fields.firstYear, budgetCents: p.budgetCents, tariffHundredthsOfCent: p.tariffHundredthsOfCent });
    }
    await this.repository.insertProviderYears(years);
    await this.repository.insertOfficeYear(arrangement.id, fields.firstYear, officeCostCents);
    await this.repository.insertContracts(
      arrangement.id,
      members.map((m) => ({
        memberId: m.id,
        cbsCode: m.cbsCode,
        memberName: m.name,
        inhabitants: m.inhabitants!,
        variant: exempt.codes.has(m.cbsCode) ? 'reduced' : 'full',
      })),
    );
    return { arrangement, contracts: members.length };
  }

  /**
   * A later vote renews the arrangement: a new term from the year after it ends, the same providers
   * with the last year's tariffs, budgets and office cost indexed by the percentage the vote set
   * (INDEXATION_ROUNDING), the exempt list carried over unless given, and new contracts that every
   * member signs again. The renewed arrangement runs on to the end of its own term.
   */
  async renew(id: string, input: RenewArrangementDto, actor: string, now = this.clock.now()): Promise<Arrangement & { contracts: number }> {
    const basisPoints = percentageToBasisPoints(input.percentage);
    if (basisPoints < 0 && input.confirmNegative !== true) {
      throw DomainError.invalid(
        'confirmNegative',
        `a negative indexation (${formatBasisPoints(basisPoints)}) lowers every tariff and budget: confirm it explicitly with confirmNegative: true`,
      );
    }
    const signingDeadline = parseAmsterdamDateTime(input.signingDeadline)!;
    return this.tx.run(async () => {
      const old = await this.lock(id);
      if (old.status === 'dissolved')
        throw new DomainError('NOT_EDITABLE', `the arrangement was dissolved on ${old.dissolvedOn}: a dissolved arrangement is not renewed`);
      const earlier = await this.repository.findRenewalOf(id);
      if (earlier) throw new DomainError('DUPLICATE', `the arrangement was already renewed for ${earlier.firstYear}-${earlier.lastYear} (${earlier.title})`);
      const firstYear = old.lastYear + 1;
      if (input.lastYear < firstYear)
        throw DomainError.invalid('lastYear', `must be ${firstYear} or later: the new term starts the year after the renewed one ends (${old.lastYear})`);
      if (input.decidedByConsultationId === old.decidedByConsultationId) {
        throw DomainError.invalid('decidedByConsultationId', 'must be a later vote than the one that created the arrangement');
      }
      const decision = await this.adoptedProposal(input.decidedByConsultationId, input.decidedByProposalNumber, 'decidedBy');
      await this.refuseUsedProposal(decision.proposalId, input.decidedByProposalNumber);
      const providers = await this.providersWithYears(id);
      const missing = providers.filter((p) => !p.years.some((y) => y.year === old.lastYear));
      if (missing.length) {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `the tariffs of ${old.lastYear} are not set yet: index ${old.lastYear} first (the renewal indexes the tariffs of the last year of the term)`,
        );
      }
      const officeCost = (await this.repository.officeYears(id)).find((o) => o.year === old.lastYear)?.costCents ?? 0;
      const exempt = input.exemptMemberCodes
        ? { codes: new Set(input.exemptMemberCodes), strict: true }
        : { codes: new Set((await this.repository.contracts(id)).filter((c) => c.variant === 'reduced').map((c) => c.cbsCode)), strict: false };
      const indexed = providers.map((p) => {
        const last = p.years.find((y) => y.year === old.lastYear)!;
        return { ...p, budgetCents: indexAmount(last.budgetCents, basisPoints), tariffHundredthsOfCent: indexAmount(last.tariffHundredthsOfCent, basisPoints) };
      });
      const { arrangement, contracts } = await this.openTerm(
        {
          title: input.title ?? old.title,
          reference: input.reference ?? null,
          decidedByConsultationId: input.decidedByConsultationId,
          decidedByProposalId: decision.proposalId,
          referenceDate: input.referenceDate,
          firstYear,
          lastYear: input.lastYear,
          signingDeadline,
          firstInvoiceDate: input.firstInvoiceDate,
          officeName: old.officeName,
          renewsArrangementId: old.id,
        },
        indexed,
        indexAmount(officeCost, basisPoints),
        exempt,
      );
      await this.repository.insertIndexation(arrangement.id, {
        year: firstYear,
        basisPoints,
        negativeConfirmed: basisPoints < 0,
        decidedBy: actor,
        decidedAt: now,
      });
      await this.audit.record({
        actor,
        action: 'subscriptions.renewed',
        subjectType: 'subscription_arrangement',
        subjectId: arrangement.id,
        details: {
          ...input,
          renews: old.id,
          decidedByProposalId: decision.proposalId,
          firstYear,
          basisPoints,
          contracts,
          tariffs: indexed.map((p) => ({ code: p.code, budgetCents: p.budgetCents, tariffHundredthsOfCent: p.tariffHundredthsOfCent })),
        },
      });
      return { ...arrangement, contracts };
    });
  }

  list(): Promise<Arrangement[]> {
    return this.repository.list();
  }

  async get(id: string) {
    const arrangement = await this.require(id);
    const providers = await this.providersWithYears(id);
    const contracts = await this.repository.contracts(id);
    return {
      ...arrangement,
      providers,
      officeYears: await this.repository.officeYears(id),
      indexations: (await this.repository.indexations(id)).map((i) => ({ ...i, percentage: formatBasisPoints(i.basisPoints) })),
      exemptMembers: contracts.filter((c) => c.variant === 'reduced').map((c) => ({ cbsCode: c.cbsCode, name: c.memberName })),
      variants: this.variantsOf(providers),
      renewedByArrangementId: (await this.repository.findRenewalOf(id))?.id ?? null,
    };
  }

  private async require(id: string): Promise<Arrangement> {
    const arrangement = await this.repository.findById(id);
    if (!arrangement) throw DomainError.notFound('subscription arrangement', id);
    return arrangement;
  }

  private async lock(id: string): Promise<Arrangement> {
    const arrangement = await this.repository.lockById(id);
    if (!arrangement) throw DomainError.notFound('subscription arrangement', id);
    return arrangement;
  }

  private async providersWithYears(id: string): Promise<ProviderWithYears[]> {
    const providers = await this.repository.providers(id);
    const years = await this.repository.providerYears(id);
    return providers.map((p) => ({
      ...p,
      years: years
        .filter((y) => y.providerId === p.id)
        .map(({ year, budgetCents, tariffHundredthsOfCent }) => ({ year, budgetCents, tariffHundredthsOfCent, tariff: formatTariff(tariffHundredthsOfCent) })),
    }));
  }

  private variantsOf(providers: Provider[]) {
    const names = (list: Provider[]) => list.map((p) => p.name);
    return {
      full: { label: `alle aanbieders (${names(providers).join(', ')})`, providers: providers.map((p) => p.code) },
      reduced: {
        label: `zonder ${names(providers.filter((p) => !p.takenByExempt)).join(', ')}`,
        providers: providers.filter((p) => p.takenByExempt).map((p) => p.code),
      },
    };
  }

  private takes(variant: ContractVariant, provider: Provider): boolean {
    return variant === 'full' || provider.takenByExempt;
  }

  /** The tariff lines of a year for a variant; refused when the year has no tariffs (not yet indexed). */
  private tariffsFor(providers: ProviderWithYears[], year: number, variant: ContractVariant): TariffLine[] {
    return providers
      .filter((p) => this.takes(variant, p))
      .map((p) => {
        const y = p.years.find((x) => x.year === year);
        if (!y) throw DomainError.invalid('year', `no tariffs for ${year} yet: the board sets them by indexing the previous year`);
        return { providerCode: p.code, providerName: p.name, service: p.service, tariffHundredthsOfCent: y.tariffHundredthsOfCent };
      });
  }

  private checkYear(a: Arrangement, year: number): void {
    if (year < a.firstYear || year > a.lastYear) throw DomainError.invalid('year', `must be within the term ${a.firstYear}-${a.lastYear}`);
  }

  // ---- contracts and signatures -------------------------------------------------------------

  /** The contract as the member official reads it, and the SHA-256 of exactly that text. */
  private async contractText(a: Arrangement, contract: Contract): Promise<{ text: string; sha256: string }> {
    const providers = await this.providersWithYears(a.id);
    const tariffs = this.tariffsFor(providers, a.firstYear, contract.variant);
    const charge = memberCharge({ ...contract, variant: contract.variant }, a.firstYear, tariffs);
    const text = this.templates.render('contracts/subscription-contract', {
      regeling: {
        titel: a.title,
        kenmerk: a.reference,
        eersteJaar: a.firstYear,
        laatsteJaar: a.lastYear,
        deadline: a.signingDeadline,
        factuurdatum: a.firstInvoiceDate,
        administratie: a.officeName,
        verlengt: a.renewsArrangementId ? await this.renewedTermOf(a.renewsArrangementId) : null,
      },
      gemeente: { naam: contract.memberName, code: contract.cbsCode, inwoners: contract.inhabitants, peildatum: a.referenceDate },
      variant: this.variantsOf(providers)[contract.variant].label,
      aanbieders: providers.filter((p) => this.takes(contract.variant, p)).map((p) => ({ naam: p.name, taak: p.service })),
      regels: charge.lines.map((l) => ({ omschrijving: l.description, bedrag: formatEuroCents(l.amountCents) })),
      totaal: formatEuroCents(charge.totalCents),
      termijnen: charge.instalmentsCents.map((c, i) => ({
        bedrag: formatEuroCents(c),
        vervaldatum: formatDateNl(`${a.firstYear}-${INSTALMENT_DUE[i] ?? INSTALMENT_DUE[INSTALMENT_DUE.length - 1]}T12:00:00Z`),
      })),
    });
    return { text, sha256: sha256(text) };
  }

  /** "Abonnementen … (2018-2021)": the term a renewal continues, as its contract names it. */
  private async renewedTermOf(id: string): Promise<string> {
    const renewed = await this.require(id);
    return `${renewed.title} (${renewed.firstYear}-${renewed.lastYear})`;
  }

  private async ownContract(contractId: string, account: SignedInStaff, lock = false): Promise<Contract> {
    const contract = lock ? await this.repository.lockContract(contractId) : await this.repository.findContract(contractId);
    if (!contract) throw DomainError.notFound('subscription contract', contractId);
    if (!account.memberId || contract.memberId !== account.memberId) {
      throw new DomainError(
        'FORBIDDEN',
        `a member official signs for its own municipality only: this is the contract of ${contract.memberName} (${contract.cbsCode})`,
      );
    }
    return contract;
  }

  async myContracts(account: SignedInStaff) {
    if (!account.memberId) return [];
    const contracts = await this.repository.contractsOfMember(account.memberId);
    return Promise.all(
      contracts.map(async (c) => {
        const a = await this.require(c.arrangementId);
        return {
          ...c,
          statusNl: STATUS_NL[c.status],
          arrangement: {
            id: a.id,
            title: a.title,
            reference: a.reference,
            firstYear: a.firstYear,
            lastYear: a.lastYear,
            signingDeadline: a.signingDeadline,
            status: a.status,
          },
        };
      }),
    );
  }

  /** A member official's own contract: its text as it stands (or as signed), its answer, the deadline. */
  async contractFor(contractId: string, account: SignedInStaff) {
    const contract = await this.ownContract(contractId, account);
    const a = await this.require(contract.arrangementId);
    const answer = await this.repository.findAnswer(contract.id);
    const current = answer?.contractText ? { text: answer.contractText, sha256: answer.contractTextSha256! } : await this.contractText(a, contract);
    const providers = await this.repository.providers(a.id);
    return {
      ...contract,
      statusNl: STATUS_NL[contract.status],
      variantLabel: this.variantsOf(providers)[contract.variant].label,
      arrangement: {
        id: a.id,
        title: a.title,
        reference: a.reference,
        firstYear: a.firstYear,
        lastYear: a.lastYear,
        signingDeadline: a.signingDeadline,
        status: a.status,
        dissolvedOn: a.dissolvedOn,
        dissolutionReason: a.dissolutionReason,
      },
      text: current.text,
      textSha256: current.sha256,
      answer,
    };
  }

  /** Signs the municipality's contract: who, when, from which account, and the text as it was signed. */
  async sign(contractId: string, input: SignContractDto, account: SignedInStaff, receivedAt = this.clock.now()) {
    return this.tx.run(async () => {
      const { a, contract } = await this.lockForAnswer(contractId, account);
      if (receivedAt >= a.signingDeadline) {
        throw new DomainError(
          'DEADLINE_PASSED',
          `signingDeadline: contracts are signed before ${formatDateTimeNl(a.signingDeadline)}; this one arrived later`,
          [{ field: 'signingDeadline', rule: `passed on ${a.signingDeadline.toISOString()}` }],
        );
      }
      if (input.variant !== contract.variant) {
        const providers = await this.repository.providers(a.id);
        const optional = providers
          .filter((p) => !p.takenByExempt)
          .map((p) => p.name)
          .join(', ');
        throw DomainError.invalid(
          'variant',
          contract.variant === 'reduced'
            ? `${contract.memberName} is on the exempt list (it organises the service of ${optional} itself): it signs the contract without ${optional} (variant reduced)`
            : `${contract.memberName} is not on the exempt list: it signs the contract with all providers (variant full)`,
        );
      }
      const { text, sha256: hash } = await this.contractText(a, contract);
      if (hash !== input.textSha256)
        throw DomainError.invalid('textSha256', 'does not match the contract text as it stands: it changed since it was shown; read it again before signing');
      const answer = {
        contractId: contract.id,
        answer: 'signed' as const,
        accountId: account.id,
        accountEmail: account.email,
        signatoryName: input.signatoryName,
        signatoryRole: input.signatoryRole,
        variant: contract.variant,
        contractText: text,
        contractTextSha256: hash,
        refusalReason: null,
        answeredAt: receivedAt,
      };
      await this.repository.recordAnswer(answer);
      await this.audit.record({
        actor: staffActor(account),
        action: 'subscriptions.contract_signed',
        subjectType: 'subscription_contract',
        subjectId: contract.id,
        details: {
          arrangementId: a.id,
          member: contract.cbsCode,
          variant: contract.variant,
          signatoryName: input.signatoryName,
          signatoryRole: input.signatoryRole,
          textSha256: hash,
        },
      });
      await this.confirmAnswer(a, contract, answer);
      return { ...contract, status: 'signed' as const, answeredAt: receivedAt, answer };
    });
  }

  async refuse(contractId: string, input: RefuseContractDto, account: SignedInStaff, receivedAt = this.clock.now()) {
    return this.tx.run(async () => {
      const { a, contract } = await this.lockForAnswer(contractId, account);
      const answer = {
        contractId: contract.id,
        answer: 'refused' as const,
        accountId: account.id,
        accountEmail: account.email,
        signatoryName: input.signatoryName,
        signatoryRole: input.signatoryRole,
        variant: null,
        contractText: null,
        contractTextSha256: null,
        refusalReason: input.reason,
        answeredAt: receivedAt,
      };
      await this.repository.recordAnswer(answer);
      await this.audit.record({
        actor: staffActor(account),
        action: 'subscriptions.contract_refused',
        subjectType: 'subscription_contract',
        subjectId: contract.id,
        details: { arrangementId: a.id, member: contract.cbsCode, signatoryName: input.signatoryName, reason: input.reason },
      });
      await this.confirmAnswer(a, contract, answer);
      return { ...contract, status: 'refused' as const, answeredAt: receivedAt, answer };
    });
  }

  /**
   * The confirmation of a signature or refusal, in the same transaction as the answer (mail outbox):
   * to the municipality's secretary as the register has it, and to the account that answered when that
   * is another address. It names who answered, when, from which account, the variant and the SHA-256
   * of the text as signed, so the municipality can check a copy against what was signed.
   */
  private async confirmAnswer(a: Arrangement, contract: Contract, answer: Answer): Promise<void> {
    const member = await this.members.get(contract.memberId);
    const providers = await this.repository.providers(a.id);
    const context = {
      gemeente: contract.memberName,
      secretaris: member.secretaryName,
      regeling: { titel: a.title, kenmerk: a.reference },
      getekend: answer.answer === 'signed',
      ondertekenaar: { naam: answer.signatoryName, functie: answer.signatoryRole },
      account: answer.accountEmail,
      tijdstip: answer.answeredAt,
      variant: answer.variant ? this.variantsOf(providers)[answer.variant].label : null,
      sha256: answer.contractTextSha256,
      reden: answer.refusalReason,
    };
    const to = [
      member.secretaryEmail.toLowerCase(),
      ...(answer.accountEmail.toLowerCase() === member.secretaryEmail.toLowerCase() ? [] : [answer.accountEmail.toLowerCase()]),
    ];
    await this.mail.queueMany(
      to.map((address, i) => ({
        key: `subscription-answer:${contract.id}:${i === 0 ? 'secretary' : 'official'}`,
        kind: 'subscription_answer',
        to: address,
        template: 'subscription-answer',
        memberId: contract.memberId,
        context,
      })),
    );
  }

  /**
   * Locks the arrangement, then the contract: the same order as a dissolution (arrangement, then its
   * contracts), so a signature and a dissolution at the same moment wait for each other, never deadlock.
   */
  private async lockForAnswer(contractId: string, account: SignedInStaff): Promise<{ a: Arrangement; contract: Contract }> {
    const seen = await this.ownContract(contractId, account);
    const a = await this.lock(seen.arrangementId);
    const contract = await this.ownContract(contractId, account, true);
    this.checkAnswerable(a, contract);
    return { a, contract };
  }

  private checkAnswerable(a: Arrangement, contract: Contract): void {
    if (a.status === 'dissolved')
      throw new DomainError('NOT_EDITABLE', `the arrangement was dissolved on ${a.dissolvedOn}: its contracts can no longer be signed or refused`);
    if (contract.status !== 'pending') {
      throw new DomainError(
        'DUPLICATE',
        `the contract of ${contract.memberName} was already ${contract.status} on ${contract.answeredAt?.toISOString()}: a contract is answered once`,
      );
    }
  }

  // ---- the board's follow-up ----------------------------------------------------------------

  /** Signed, not yet, refused; inhabitants and money (of `year`) covered by the signatures. */
  async progress(id: string, year?: number) {
    const a = await this.require(id);
    const y = year ?? a.firstYear;
    this.checkYear(a, y);
    const providers = await this.providersWithYears(id);
    const contracts = await this.repository.contracts(id);
    const answers = new Map((await this.repository.answers(id)).map((x) => [x.contractId, x]));
    const chargeOf = (c: Contract) => memberCharge(c, y, this.tariffsFor(providers, y, c.variant)).totalCents;
    const group = (statuses: ContractStatus[]) => {
      const list = contracts.filter((c) => statuses.includes(c.status));
      return { members: list.length, inhabitants: list.reduce((s, c) => s + c.inhabitants, 0), amountCents: list.reduce((s, c) => s + chargeOf(c), 0) };
    };
    const all = group(['pending', 'signed', 'refused', 'dissolved', 'lapsed']);
    const signed = group(['signed', 'dissolved']);
    return {
      arrangementId: id,
      year: y,
      status: a.status,
      signingDeadline: a.signingDeadline,
      signed,
      pending: group(['pending', 'lapsed']),
      refused: group(['refused']),
      all,
      coveredShare: { inhabitants: shareNl(signed.inhabitants, all.inhabitants), money: shareNl(signed.amountCents, all.amountCents) },
      contracts: contracts.map((c) => {
        const answer = answers.get(c.id);
        return {
          id: c.id,
          memberId: c.memberId,
          cbsCode: c.cbsCode,
          memberName: c.memberName,
          inhabitants: c.inhabitants,
          variant: c.variant,
          status: c.status,
          statusNl: STATUS_NL[c.status],
          amountCents: chargeOf(c),
          answeredAt: c.answeredAt,
          signatoryName: answer?.signatoryName ?? null,
          signatoryRole: answer?.signatoryRole ?? null,
          accountEmail: answer?.accountEmail ?? null,
          refusalReason: answer?.refusalReason ?? null,
        };
      }),
    };
  }

  /**
   * What-if: per provider the break-even tariff (budget / inhabitants of the members that take it)
   * for everyone, for the signatures so far, and for "everyone who has not refused signs", next to
   * the stated tariff: the difference is what non-participation costs the others per inhabitant.
   */
  async breakEven(id: string, year?: number) {
    const a = await this.require(id);
    const y = year ?? a.firstYear;
    this.checkYear(a, y);
    const providers = await this.providersWithYears(id);
    const contracts = await this.repository.contracts(id);
    const scenario = (p: ProviderWithYears, budgetCents: number, stated: number, statuses: ContractStatus[]) => {
      const inhabitants = contracts.filter((c) => statuses.includes(c.status) && this.takes(c.variant, p)).reduce((s, c) => s + c.inhabitants, 0);
      const tariff = breakEvenTariff(budgetCents, inhabitants);
      return {
        inhabitants,
        breakEvenTariffHundredthsOfCent: tariff,
        breakEvenTariff: tariff === null ? null : formatTariff(tariff),
        aboveStatedHundredthsOfCent: tariff === null ? null : tariff - stated,
        shortfallAtStatedTariffCents: Math.max(0, budgetCents - Math.floor((inhabitants * stated) / 100)),
      };
    };
    return {
      arrangementId: id,
      year: y,
      providers: providers.map((p) => {
        const py = p.years.find((x) => x.year === y);
        if (!py) throw DomainError.invalid('year', `no tariffs for ${y} yet: the board sets them by indexing the previous year`);
        return {
          code: p.code,
          name: p.name,
          service: p.service,
          budgetCents: py.budgetCents,
          statedTariffHundredthsOfCent: py.tariffHundredthsOfCent,
          statedTariff: py.tariff,
          everyone: scenario(p, py.budgetCents, py.tariffHundredthsOfCent, ['pending', 'signed', 'refused', 'dissolved', 'lapsed']),
          signedSoFar: scenario(p, py.budgetCents, py.tariffHundredthsOfCent, ['signed', 'dissolved']),
          allButRefused: scenario(p, py.budgetCents, py.tariffHundredthsOfCent, ['signed', 'dissolved', 'pending', 'lapsed']),
        };
      }),
    };
  }

  /** The board's yearly indexation: next year's tariffs and budgets (and the office's cost) from the previous year's. */
  async index(id: string, input: IndexationDto, actor: string, now = this.clock.now()) {
    const basisPoints = percentageToBasisPoints(input.percentage);
    if (basisPoints < 0 && input.confirmNegative !== true) {
      throw DomainError.invalid(
        'confirmNegative',
        `a negative indexation (${formatBasisPoints(basisPoints)}) lowers every tariff and budget: confirm it explicitly with confirmNegative: true`,
      );
    }
    return this.tx.run(async () => {
      const a = await this.lock(id);
      if (a.status === 'dissolved') throw new DomainError('NOT_EDITABLE', `the arrangement was dissolved on ${a.dissolvedOn}: it is no longer indexed`);
      if (input.year <= a.firstYear || input.year > a.lastYear)
        throw DomainError.invalid(
          'year',
          `must be a later year of the term (${a.firstYear + 1}-${a.lastYear}); the first year's tariffs are those of the contract`,
        );
      if ((await this.repository.indexations(id)).some((i) => i.year === input.year)) {
        throw new DomainError('DUPLICATE', `year: the indexation for ${input.year} is already set`, [{ field: 'year', rule: 'already indexed' }]);
      }
      const years = await this.repository.providerYears(id);
      const previous = years.filter((y) => y.year === input.year - 1);
      if (previous.length === 0)
        throw DomainError.invalid('year', `index ${input.year - 1} first: ${input.year} is indexed from the tariffs of ${input.year - 1}`);
      const next = previous.map((y) => ({
        providerId: y.providerId,
        year: input.year,
        budgetCents: indexAmount(y.budgetCents, basisPoints),
        tariffHundredthsOfCent: indexAmount(y.tariffHundredthsOfCent, basisPoints),
      }));
      await this.repository.insertProviderYears(next);
      const office = (await this.repository.officeYears(id)).find((o) => o.year === input.year - 1);
      if (office) await this.repository.insertOfficeYear(id, input.year, indexAmount(office.costCents, basisPoints));
      await this.repository.insertIndexation(id, { year: input.year, basisPoints, negativeConfirmed: basisPoints < 0, decidedBy: actor, decidedAt: now });
      await this.audit.record({
        actor,
        action: 'subscriptions.indexed',
        subjectType: 'subscription_arrangement',
        subjectId: id,
        details: { year: input.year, basisPoints, tariffs: next },
      });
      return { year: input.year, percentage: formatBasisPoints(basisPoints), basisPoints, providers: next };
    });
  }

  /**
   * Reminders to the secretaries of members that have not signed (nor refused), through the mail
   * outbox. At most one per member per day (Amsterdam): pressing twice the same day sends nothing new.
   */
  async remind(id: string, actor: string, now = this.clock.now()) {
    return this.tx.run(async () => {
      const a = await this.lock(id);
      if (a.status === 'dissolved') throw new DomainError('NOT_EDITABLE', `the arrangement was dissolved on ${a.dissolvedOn}: there is nothing to sign`);
      const pending = (await this.repository.contracts(id)).filter((c) => c.status === 'pending');
      const register = new Map((await this.members.listOn(a.referenceDate)).map((m) => [m.id, m]));
      const day = DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate()!;
      const late = now >= a.signingDeadline;
      await this.mail.queueMany(
        pending
          .filter((c) => register.has(c.memberId))
          .map((c) => {
            const m = register.get(c.memberId)!;
            return {
              key: `subscription-reminder:${a.id}:${c.memberId}:${day}`,
              kind: 'subscription_reminder',
              to: m.secretaryEmail,
              template: 'subscription-reminder',
              memberId: c.memberId,
              context: {
                gemeente: c.memberName,
                secretaris: m.secretaryName,
                regeling: { titel: a.title, kenmerk: a.reference, deadline: a.signingDeadline },
                verlopen: late,
              },
            };
          }),
      );
      await this.audit.record({
        actor,
        action: 'subscriptions.reminders_queued',
        subjectType: 'subscription_arrangement',
        subjectId: id,
        details: { members: pending.length, day },
      });
      return { members: pending.length, day };
    });
  }

  /** The answer of a late member to the poll (ledenpeiling); a second answer replaces the first. */
  async recordPollAnswer(id: string, input: PollAnswerDto, actor: string, now = this.clock.now()) {
    return this.tx.run(async () => {
      const a = await this.lock(id);
      if (a.status === 'dissolved') throw new DomainError('NOT_EDITABLE', `the arrangement was dissolved on ${a.dissolvedOn}`);
      const contract = (await this.repository.contracts(id)).find((c) => c.cbsCode === input.memberCode);
      if (!contract) throw DomainError.invalid('memberCode', `${input.memberCode} has no contract in this arrangement`);
      if (contract.status !== 'pending')
        throw DomainError.invalid(
          'memberCode',
          `${contract.memberName} has already ${contract.status === 'signed' ? 'signed' : 'refused'}: the poll asks the members that have not answered`,
        );
      const before = await this.repository.findPollAnswer(id, contract.memberId);
      const answer = {
        memberId: contract.memberId,
        prefersCollectiveFunding: input.prefersCollectiveFunding,
        expectedSigningDate: input.expectedSigningDate ?? null,
        remark: input.remark?.length ? input.remark : null,
        recordedBy: actor,
        recordedAt: now,
      };
      await this.repository.upsertPollAnswer(id, answer);
      await this.audit.record({
        actor,
        action: 'subscriptions.poll_answer_recorded',
        subjectType: 'subscription_arrangement',
        subjectId: id,
        details: { member: input.memberCode, before, answer },
      });
      return { ...answer, cbsCode: contract.cbsCode, memberName: contract.memberName };
    });
  }

  async poll(id: string) {
    await this.require(id);
    const contracts = new Map((await this.repository.contracts(id)).map((c) => [c.memberId, c]));
    const answers = await this.repository.pollAnswers(id);
    const prefer = answers.filter((x) => x.prefersCollectiveFunding).length;
    return {
      arrangementId: id,
      answered: answers.length,
      prefersCollectiveFunding: prefer,
      prefersCollectiveFundingShare: shareNl(prefer, answers.length),
      answers: answers.map((x) => ({ ...x, cbsCode: contracts.get(x.memberId)?.cbsCode ?? null, memberName: contracts.get(x.memberId)?.memberName ?? null })),
    };
  }

  /** The votes whose adopted proposals could renew an arrangement: published (or ratified) results, newest first. */
  async decisionOptions(): Promise<{ id: string; title: string; reference: string | null }[]> {
    const all = await this.consultations.list(false);
    return all.filter((c) => c.status === 'results_published' || c.status === 'ratified').map((c) => ({ id: c.id, title: c.title, reference: c.reference }));
  }

  // ---- the providers' own view ----------------------------------------------------------------

  /**
   * The provider a provider account acts for, in this arrangement: its code or its name, ignoring
   * case and surrounding spaces (accounts name the organisation, e.g. "Stichting De Kindertelefoon").
   */
  private providerOf(account: SignedInStaff, providers: Provider[]): Provider | undefined {
    const own = account.provider?.trim().toLowerCase();
    return own ? providers.find((p) => p.code === own || p.name.trim().toLowerCase() === own) : undefined;
  }

  /** The arrangements the provider account's organisation takes part in, newest first. */
  async providerArrangements(account: SignedInStaff) {
    const all = await this.repository.list();
    const mine = await Promise.all(all.map(async (a) => ({ a, provider: this.providerOf(account, await this.repository.providers(a.id)) })));
    return mine
      .filter((x) => x.provider)
      .map(({ a, provider }) => ({
        arrangementId: a.id,
        title: a.title,
        reference: a.reference,
        firstYear: a.firstYear,
        lastYear: a.lastYear,
        status: a.status,
        dissolvedOn: a.dissolvedOn,
        provider: { code: provider!.code, name: provider!.name, service: provider!.service },
      }));
  }

  /**
   * What a provider sees of an arrangement for a year: its own budget and tariff, the inhabitants its
   * service is paid for (signed members that take it) and those not (yet), the money charged for it,
   * its part of the office's cost and what it receives. Municipalities by name and inhabitants only:
   * no signatories, accounts, secretaries or refusal reasons. Another provider's arrangement is 404.
   */
  async providerView(arrangementId: string, account: SignedInStaff, year?: number) {
    const a = await this.require(arrangementId);
    const providers = await this.providersWithYears(arrangementId);
    const own = this.providerOf(account, providers);
    if (!own) throw DomainError.notFound('subscription arrangement of your provider', arrangementId);
    const provider = providers.find((p) => p.id === own.id)!;
    const y = year ?? a.firstYear;
    this.checkYear(a, y);
    const py = provider.years.find((x) => x.year === y);
    if (!py) throw DomainError.invalid('year', `no tariffs for ${y} yet: the board sets them by indexing the previous year`);
    const taking = (await this.repository.contracts(arrangementId)).filter((c) => this.takes(c.variant, provider));
    const group = (statuses: ContractStatus[]) => {
      const list = taking.filter((c) => statuses.includes(c.status));
      return { members: list.length, inhabitants: list.reduce((s, c) => s + c.inhabitants, 0) };
    };
    // Only open arrangements are paid: after a dissolution no invoice goes out, so nothing is charged.
    const paying = a.status === 'open' ? taking.filter((c) => c.status === 'signed') : [];
    const municipalities = paying.map((c) => {
      const line = memberCharge(c, y, this.tariffsFor(providers, y, c.variant)).lines.find((l) => l.providerCode === provider.code)!;
      return { cbsCode: c.cbsCode, memberName: c.memberName, inhabitants: c.inhabitants, amountCents: line.amountCents };
    });
    const distribution =
      a.status === 'open' ? (await this.distributionReport(arrangementId, y)).providers.find((p) => p.providerCode === provider.code)! : null;
    const chargedCents = municipalities.reduce((s, m) => s + m.amountCents, 0);
    return {
      arrangementId,
      title: a.title,
      reference: a.reference,
      year: y,
      status: a.status,
      signingDeadline: a.signingDeadline,
      dissolvedOn: a.dissolvedOn,
      dissolutionReason: a.dissolutionReason,
      provider: { code: provider.code, name: provider.name, service: provider.service },
      budgetCents: py.budgetCents,
      tariffHundredthsOfCent: py.tariffHundredthsOfCent,
      tariff: py.tariff,
      covered: group(['signed']),
      notYetSigned: group(['pending']),
      refused: group(['refused']),
      ended: group(['dissolved', 'lapsed']),
      chargedCents,
      officeShareCents: distribution?.officeShareCents ?? 0,
      payableCents: distribution?.payableCents ?? 0,
      shortfallCents: Math.max(0, py.budgetCents - chargedCents),
      municipalities,
    };
  }

  // ---- money ----------------------------------------------------------------------------------

  /**
   * What each signed member is charged for `year`: a line per provider in cents with its description,
   * the total and its two instalments. This is the function the billing module invoices from. Refused
   * for a dissolved arrangement: after the dissolution no invoice goes out.
   */
  async subscriptionCharges(arrangementId: string, year?: number): Promise<SubscriptionCharges> {
    const a = await this.require(arrangementId);
    if (a.status === 'dissolved') {
      throw new DomainError(
        'NOT_EDITABLE',
        `the arrangement was dissolved on ${a.dissolvedOn} (${a.dissolutionReason}): no invoice goes out after a dissolution`,
      );
    }
    const y = year ?? a.firstYear;
    this.checkYear(a, y);
    const providers = await this.providersWithYears(arrangementId);
    const signed = (await this.repository.contracts(arrangementId)).filter((c) => c.status === 'signed');
    const members = signed.map((c) => memberCharge(c, y, this.tariffsFor(providers, y, c.variant)));
    const invoiceDate = DateTime.fromISO(a.firstInvoiceDate)
      .plus({ years: y - a.firstYear })
      .toISODate()!;
    return {
      arrangementId,
      year: y,
      invoiceDate,
      instalmentDueDates: INSTALMENT_DUE.map((d) => `${y}-${d}`),
      members,
      totalCents: members.reduce((s, m) => s + m.totalCents, 0),
    };
  }

  /** The administration office's report: per provider the money charged for it, the office's share, what it receives. */
  async distributionReport(
    arrangementId: string,
    year?: number,
  ): Promise<{
    arrangementId: string;
    year: number;
    officeName: string;
    officeCostCents: number;
    providers: (ProviderDistribution & { name: string })[];
    totalCents: number;
  }> {
    const charges = await this.subscriptionCharges(arrangementId, year);
    const a = await this.require(arrangementId);
    const providers = await this.repository.providers(arrangementId);
    const office = (await this.repository.officeYears(arrangementId)).find((o) => o.year === charges.year)?.costCents ?? 0;
    const collected = providers.map((p) => ({
      providerCode: p.code,
      collectedCents: charges.members.reduce((s, m) => s + m.lines.filter((l) => l.providerCode === p.code).reduce((t, l) => t + l.amountCents, 0), 0),
    }));
    const report = distribute(collected, office);
    return {
      arrangementId,
      year: charges.year,
      officeName: a.officeName,
      officeCostCents: office,
      providers: report.map((r) => ({ ...r, name: providers.find((p) => p.code === r.providerCode)!.name })),
      totalCents: charges.totalCents,
    };
  }

  /**
   * The early end: signed contracts are dissolved, unanswered ones lapse, every member gets a letter
   * (mail outbox), and from now on no invoice goes out (subscriptionCharges refuses).
   */
  async dissolve(id: string, input: DissolveDto, actor: string, now = this.clock.now()) {
    if ((input.decidedByConsultationId === undefined) !== (input.decidedByProposalNumber === undefined)) {
      throw DomainError.invalid('decidedByProposalNumber', 'give decidedByConsultationId and decidedByProposalNumber together, or neither');
    }
    return this.tx.run(async () => {
      const a = await this.lock(id);
      if (a.status === 'dissolved') throw new DomainError('NOT_EDITABLE', `the arrangement was already dissolved on ${a.dissolvedOn}`);
      const decision = input.decidedByConsultationId
        ? await this.adoptedProposal(input.decidedByConsultationId, input.decidedByProposalNumber!, 'decidedBy')
        : null;
      const contracts = await this.repository.contracts(id);
      const counts = await this.repository.dissolve(id, {
        dissolvedOn: input.effectiveOn,
        dissolvedAt: now,
        reason: input.reason,
        byProposalId: decision?.proposalId ?? null,
      });
      // What was invoiced already is credited in this same transaction, through billing's credit-note path, with the dissolution's reason.
      const credits = await this.billing.creditAllOf(
        SUBSCRIPTIONS_SOURCE_KEY,
        id,
        `Ontbinding per ${formatDateNl(`${input.effectiveOn}T12:00:00Z`)}: ${input.reason}`,
        actor,
        now,
      );
      const credited = credits.map(({ invoice, creditNote }) => ({
        memberId: invoice.memberId,
        memberCode: invoice.memberCode,
        memberName: invoice.memberName,
        invoiceNumber: invoice.number,
        creditNoteNumber: creditNote.number,
        creditNoteId: creditNote.id,
        amountCents: creditNote.totalCents,
      }));
      const register = new Map((await this.members.listOn(a.referenceDate)).map((m) => [m.id, m]));
      await this.mail.queueMany(
        contracts
          .filter((c) => register.has(c.memberId))
          .map((c) => {
            const m = register.get(c.memberId)!;
            const own = credited.filter((x) => x.memberId === c.memberId);
            return {
              key: `subscription-dissolved:${a.id}:${c.memberId}`,
              kind: 'subscription_dissolution',
              to: m.secretaryEmail,
              template: 'subscription-dissolution',
              memberId: c.memberId,
              context: {
                gemeente: c.memberName,
                secretaris: m.secretaryName,
                regeling: { titel: a.title, kenmerk: a.reference },
                reden: input.reason,
                einddatum: input.effectiveOn,
                getekend: c.status === 'signed',
                geweigerd: c.status === 'refused',
                besluit: decision?.title ?? null,
                gecrediteerd: own.map((x) => ({ factuur: x.invoiceNumber, creditnota: x.creditNoteNumber, bedrag: formatEuroCents(BigInt(-x.amountCents)) })),
                totaalGecrediteerd: own.length ? formatEuroCents(BigInt(-own.reduce((sum, x) => sum + x.amountCents, 0))) : null,
              },
            };
          }),
      );
      await this.audit.record({
        actor,
        action: 'subscriptions.dissolved',
        subjectType: 'subscription_arrangement',
        subjectId: id,
        details: {
          ...input,
          ...counts,
          letters: contracts.length,
          credited: credited.map((x) => ({ invoice: x.invoiceNumber, creditNote: x.creditNoteNumber, amountCents: x.amountCents })),
        },
      });
      return {
        ...a,
        status: 'dissolved' as const,
        dissolvedOn: input.effectiveOn,
        dissolvedAt: now,
        dissolutionReason: input.reason,
        contractsDissolved: counts.dissolved,
        contractsLapsed: counts.lapsed,
        letters: contracts.length,
        credited: credited.map(({ memberId: _member, ...rest }) => rest),
      };
    });
  }
}

/** A share with two decimals, rounded half up, Dutch: "77,78%" (of nothing: "0,00%"). */
export function shareNl(part: number, whole: number): string {
  if (whole <= 0) return '0,00%';
  const basisPoints = Math.floor((part * 10_000 * 2 + whole) / (2 * whole));
  return `${Math.floor(basisPoints / 100)},${String(basisPoints % 100).padStart(2, '0')}%`;
}
