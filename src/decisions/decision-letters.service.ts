import { Injectable } from '@nestjs/common';
import { AuditService } from '../platform/audit/audit.service';
import { MembersService } from '../members/members.service';
import { MailingProgress, MailOutbox } from '../notifications/mail-outbox.service';
import { AppConfig } from '../platform/config/app-config';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { instantToAmsterdam } from '../platform/text/amsterdam-time';
import { formatDateNl } from '../platform/text/dutch-format';
import { DecisionLetter, DecisionLetterContent } from './decision.entity';
import { DecisionsRepository } from './decisions.repository';
import { ASK_STATUS_NL, DecisionsService, DecisionView, dueNl } from './decisions.service';
import { DraftLetterDto, EditLetterDto } from './dto/decision.dto';
import { Clock } from '../platform/clock';

export const LETTER_SUBJECT = 'Stand van zaken moties en resoluties';

/** The idempotency keys of a letter's mails start with this: one mail per letter and member. */
const mailingKey = (letterId: string) => `decision-letter:${letterId}:`;

const amsterdamDate = (instant: Date) => instantToAmsterdam(instant).slice(0, 10);

/** What the draft says of an ask: the progress since the last letter, or that nothing changed. */
function draftReport(ask: DecisionView['asks'][number]): string {
  if (ask.progress.length === 0) return `Geen nieuwe ontwikkelingen sinds de vorige brief; stand: ${ask.statusNl}.`;
  return ask.progress.map((p) => `${formatDateNl(p.happenedOn)}: ${p.text}${p.reason ? ` (${p.reason})` : ''}`).join('\n');
}

/**
 * The member letter "Stand van zaken moties en resoluties": before each assembly the platform drafts
 * it from the decisions (each ask and what became of it since the last letter), the board edits and
 * publishes it, and every member is mailed through the outbox.
 */
@Injectable()
export class DecisionLettersService {
  private readonly publicUrl: string;

  constructor(
    private readonly tx: Transactions,
    private readonly repository: DecisionsRepository,
    private readonly decisions: DecisionsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  }

  /** Drafts the letter for an assembly, or redrafts its unpublished draft (keeping kenmerk, opening and closing). */
  async draft(input: DraftLetterDto, actor: string, now = this.clock.now()): Promise<DecisionLetter> {
    return (await this.drafting(input, actor, now, false))!;
  }

  /**
   * The worker's draft before an assembly: only when no letter (draft or published) exists for that
   * date, so a draft the board already edits is never redrafted; and only when there is something to
   * report. Null when nothing was drafted.
   */
  draftIfMissing(input: DraftLetterDto, actor: string, now = this.clock.now()): Promise<DecisionLetter | null> {
    return this.drafting(input, actor, now, true);
  }

  private async drafting(input: DraftLetterDto, actor: string, now: Date, onlyIfMissing: boolean): Promise<DecisionLetter | null> {
    if (input.assemblyDate < amsterdamDate(now)) throw DomainError.invalid('assemblyDate', 'must not be in the past: the letter prepares a coming assembly');
    return this.tx.run(async () => {
      await this.repository.lockLetters();
      const existing = await this.repository.letterForAssembly(input.assemblyDate);
      if (onlyIfMissing && existing) return null;
      if (existing?.status === 'published')
        throw new DomainError('ALREADY_PUBLISHED', `the letter for the assembly of ${input.assemblyDate} (${existing.reference}) is published`);
      const previous = await this.repository.lastPublishedLetter();
      const coversFrom = previous?.publishedAt ?? null;
      const decisions = await this.decisions.withAsks(await this.repository.decisionsForLetter(coversFrom), coversFrom);
      if (onlyIfMissing && decisions.length === 0) return null;
      const year = Number(input.assemblyDate.slice(0, 4));
      const reference = input.reference ?? existing?.reference ?? `SvZ ${year}-${(await this.repository.countLettersOfYear(year)) + 1}`;
      if (await this.repository.referenceTaken(reference, existing?.id ?? null)) {
        throw new DomainError('DUPLICATE', `reference: ${reference} is the kenmerk of another letter`, [{ field: 'reference', rule: 'must be unique' }]);
      }
      const content: DecisionLetterContent = {
        date: formatDateNl(now),
        intro:
          existing?.content.intro ??
          `In deze ledenbrief informeren wij u, ter voorbereiding op de ${input.assembly}, over de stand van zaken van de moties en resoluties die de leden hebben aangenomen: per motie of resolutie wat het bestuur is gevraagd en wat daarvan${previous ? ` sinds onze brief ${previous.reference}` : ''} is geworden.`,
        closing: existing?.content.closing ?? 'Wij bespreken de stand van zaken graag met u in de vergadering.',
        decisions: decisions.map((d) => ({
          decisionId: d.id,
          reference: d.reference,
          title: d.title,
          adoptedAt: `${d.adoptedAt} (${formatDateNl(d.adoptedOn)})`,
          asks: d.asks.map((a) => ({
            askId: a.id,
            position: a.position,
            text: a.text,
            status: a.status,
            statusNl: a.statusReason ? `${a.statusNl}: ${a.statusReason}` : a.statusNl,
            due: dueNl(a),
            owner: a.owner,
            report: draftReport(a),
          })),
        })),
      };
      const fields = { reference, assembly: input.assembly, assemblyDate: input.assemblyDate, coversFrom, content, draftedAt: now, draftedBy: actor };
      const letter = existing
        ? (await this.repository.updateLetter(existing.id, fields), { ...existing, ...fields })
        : await this.repository.insertLetter({ ...fields, status: 'draft', publishedAt: null, publishedBy: null });
      await this.audit.record({
        actor,
        action: existing ? 'decision_letter.redrafted' : 'decision_letter.drafted',
        subjectType: 'decision_letter',
        subjectId: letter.id,
        details: { reference, assembly: input.assembly, decisions: decisions.length, coversFrom },
      });
      return letter;
    });
  }

  /** The board edits the draft: kenmerk, opening, closing, and what the letter says of each ask. */
  async edit(id: string, input: EditLetterDto, actor: string): Promise<DecisionLetter> {
    if (Object.values(input).every((v) => v === undefined))
      throw DomainError.invalid('request body', 'must change at least one of reference, intro, closing, reports');
    return this.tx.run(async () => {
      const letter = await this.lockDraft(id);
      const content = structuredClone(letter.content);
      if (input.intro !== undefined) content.intro = input.intro.trim();
      if (input.closing !== undefined) content.closing = input.closing.trim();
      const asks = new Map(content.decisions.flatMap((d) => d.asks.map((a) => [a.askId, a] as const)));
      (input.reports ?? []).forEach((r, i) => {
        const ask = asks.get(r.askId);
        if (!ask) throw DomainError.invalid(`reports[${i}].askId`, 'is not an ask in this letter');
        ask.report = r.report.trim();
      });
      const reference = input.reference ?? letter.reference;
      if (reference !== letter.reference && (await this.repository.referenceTaken(reference, id))) {
        throw new DomainError('DUPLICATE', `reference: ${reference} is the kenmerk of another letter`, [{ field: 'reference', rule: 'must be unique' }]);
      }
      await this.repository.updateLetter(id, { reference, content });
      await this.audit.record({ actor, action: 'decision_letter.edited', subjectType: 'decision_letter', subjectId: id, details: { ...input } });
      return { ...letter, reference, content };
    });
  }

  /** Publishes the letter (dated today, then frozen) and mails every member through the outbox. */
  async publish(id: string, actor: string, now = this.clock.now()): Promise<DecisionLetter & { mailed: number }> {
    return this.tx.run(async () => {
      await this.repository.lockLetters();
      const letter = await this.lockDraft(id);
      const content = { ...letter.content, date: formatDateNl(now) };
      await this.repository.updateLetter(id, { status: 'published', publishedAt: now, publishedBy: actor, content });
      const members = await this.members.listOn(amsterdamDate(now));
      const url = `${this.publicUrl}/besluiten/brieven/${id}`;
      await this.mail.queueMany(
        members.map((m) => ({
          key: `${mailingKey(id)}${m.id}`,
          kind: 'decision-letter',
          to: m.secretaryEmail,
          template: 'decision-letter',
          memberId: m.id,
          context: {
            gemeente: m.name,
            secretaris: m.secretaryName,
            kenmerk: letter.reference,
            briefdatum: content.date,
            vergadering: letter.assembly,
            besluiten: content.decisions.map((d) => ({
              titel: d.title,
              kenmerk: d.reference,
              verzoeken: d.asks.map((a) => ({ nummer: a.position, tekst: a.text, stand: a.statusNl })),
            })),
            briefUrl: url,
            pdfUrl: `${url}.pdf`,
          },
        })),
      );
      await this.audit.record({
        actor,
        action: 'decision_letter.published',
        subjectType: 'decision_letter',
        subjectId: id,
        details: { reference: letter.reference, mailed: members.length },
      });
      return { ...letter, status: 'published', publishedAt: now, publishedBy: actor, content, mailed: members.length };
    });
  }

  /** How the mailing of a published letter stands, per member: sent, waiting, failed (with the reason). */
  async mailProgress(id: string): Promise<MailingProgress & { letterId: string }> {
    const letter = await this.get(id, false);
    if (letter.status !== 'published') throw new DomainError('NOT_EDITABLE', `letter ${letter.reference} is a draft: it is mailed when it is published`);
    return { letterId: id, ...(await this.mail.mailingProgress(mailingKey(id))) };
  }

  list(publishedOnly: boolean): Promise<DecisionLetter[]> {
    return this.repository.listLetters(publishedOnly);
  }

  /** A published letter for anyone; drafts only for the board (publishedOnly false). */
  async get(id: string, publishedOnly: boolean): Promise<DecisionLetter> {
    const letter = await this.repository.findLetter(id);
    if (!letter || (publishedOnly && letter.status !== 'published')) throw DomainError.notFound('letter', id);
    return letter;
  }

  private async lockDraft(id: string): Promise<DecisionLetter> {
    const letter = await this.repository.lockLetter(id);
    if (!letter) throw DomainError.notFound('letter', id);
    if (letter.status === 'published') throw new DomainError('ALREADY_PUBLISHED', `letter ${letter.reference} is published and cannot change`);
    return letter;
  }
}

export { ASK_STATUS_NL };
