import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SignedInStaff } from '../accounts/accounts.service';
import { Can, CurrentStaff, staffActor } from '../accounts/staff.guard';
import { BallotsService } from '../ballots/ballots.service';
import { PAPER_REFERENCE } from '../ballots/dto/paper-ballot.dto';
import { VOTER_ROLES, VoterRole } from '../ballots/dto/submit-ballot.dto';
import { ConsultationsService } from '../consultations/consultations.service';
import { Clock } from '../platform/clock';
import { DomainError } from '../platform/http/domain-error';
import { PageRenderer } from '../platform/http/page-renderer';
import { UuidPipe } from '../platform/http/uuid.pipe';
import { formatDateTimeNl } from '../platform/text/dutch-format';
import { paperBallotPdf } from './ballot-pdf';
import { decisionRuleNl } from './decision-rule-nl';
import { FormBody, formFields } from '../platform/http/form-fields';
import { FieldMessage, textField } from './page-form';
import { KIND_NL, roleNl, voterRoleOptions, votingClosedSince } from './view-models';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL_NL = { online: 'online', paper: 'op papier' } as const;

/** The page's own messages, in Dutch; each tied to the field it is about. */
const MESSAGES = {
  noBallot: 'Vul het stembiljetnummer in of kies de gemeente.',
  badReference: 'Vul het stembiljetnummer in zoals het op het stembiljet staat, bijvoorbeeld GM0489-7KQ2.',
  wrongReference: 'Dit stembiljetnummer hoort bij geen stembiljet van deze raadpleging. Controleer het nummer op het stembiljet.',
  otherMember: 'Dit stembiljetnummer hoort niet bij de gekozen gemeente. Controleer het nummer of de gemeente.',
  voterName: 'Vul de naam in van wie het stembiljet ondertekende (hoogstens 120 tekens).',
  voterRole: 'Kies de functie van wie het stembiljet ondertekende.',
};

/**
 * Paper ballots (papieren stembiljetten) for the bureau: every member's printable ballot with its
 * reference, and the form to record a returned one on the member's behalf (the same vote as online,
 * marked as paper). The board's consultation page links here.
 */
@ApiExcludeController()
@Controller('bestuur/raadplegingen/:id')
export class PaperBallotPages {
  constructor(
    private readonly ballots: BallotsService,
    private readonly consultations: ConsultationsService,
    private readonly renderer: PageRenderer,
    private readonly clock: Clock,
  ) {}

  /** Every member's ballot: its reference, the PDF to print, and how the member has voted so far (online, on paper, not yet). */
  @Get('papieren-stembiljetten')
  @Can('consultations.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async overview(@Param('id', new UuidPipe('id')) id: string, @Query('vastgelegd') recorded?: string) {
    const consultation = await this.consultations.get(id);
    const ballots = await this.ballots.paperBallots(id);
    const just = recorded && UUID.test(recorded) ? await this.justRecorded(id, recorded) : null;
    return this.renderer.render('paper-ballots', {
      title: `Papieren stembiljetten: ${consultation.title}`,
      signedIn: true,
      consultation,
      kindNl: KIND_NL[consultation.kind] ?? '',
      votingOpen: consultation.status === 'voting_open',
      votingClosedSince: votingClosedSince(consultation),
      just,
      ballots: ballots.map((b) => ({ ...b, votedNl: b.votedBy ? CHANNEL_NL[b.votedBy] : 'nog niet' })),
      paperCount: ballots.filter((b) => b.votedBy === 'paper').length,
    });
  }

  /** The printable paper ballot of one member (PDF): `…/papieren-stembiljet/<memberId>.pdf`. */
  @Get('papieren-stembiljet/:file')
  @Can('consultations.read')
  async pdf(@Param('id', new UuidPipe('id')) id: string, @Param('file') file: string, @Res({ passthrough: true }) response: Response) {
    const memberId = /^(.+)\.pdf$/.exec(file)?.[1] ?? '';
    if (!UUID.test(memberId)) throw DomainError.invalid('memberId', 'must be a member id followed by .pdf');
    const consultation = await this.consultations.get(id);
    const ballot = await this.ballots.paperBallotOf(id, memberId);
    const pdf = await paperBallotPdf(
      {
        consultation,
        member: { name: ballot.memberName, cbsCode: ballot.memberCode, weight: ballot.weight, inhabitants: ballot.inhabitants },
        secretaryName: ballot.secretaryName,
        reference: ballot.reference,
        proposals: consultation.proposals,
      },
      this.clock.now(),
    );
    response.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="stembiljet-${ballot.reference}.pdf"` });
    return new StreamableFile(pdf);
  }

  /** The form to record a returned paper ballot; `?lid=<memberId>` chooses the member beforehand. */
  @Get('papieren-stembiljetten/vastleggen')
  @Can('consultations.prepare')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async form(@Param('id', new UuidPipe('id')) id: string, @Query('lid') member?: string) {
    return this.renderForm(id, { memberId: typeof member === 'string' && UUID.test(member) ? member : '' }, []);
  }

  /**
   * Records the paper ballot: checked here for what the bureau can fix at a field, then the same vote
   * as online (`BallotsService.recordPaper`), marked as paper with the staff member who recorded it.
   * 303 to the overview, which names what was recorded.
   */
  @Post('papieren-stembiljetten/vastleggen')
  @Can('consultations.prepare')
  @HttpCode(303)
  async record(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() posted: unknown,
    @CurrentStaff() staff: SignedInStaff,
    @Res({ passthrough: true }) response: Response,
  ) {
    const receivedAt = this.clock.now();
    const body = formFields(posted);
    response.type('html');
    const consultation = await this.consultations.get(id);
    const reference = textField(body, 'reference').toUpperCase();
    const memberId = textField(body, 'memberId');
    const voterName = textField(body, 'voterName');
    const voterRole = textField(body, 'voterRole');
    const errors: FieldMessage[] = [];
    if (!reference && !memberId) errors.push({ field: 'reference', message: MESSAGES.noBallot });
    else if (reference && !PAPER_REFERENCE.test(reference)) errors.push({ field: 'reference', message: MESSAGES.badReference });
    if (memberId && !UUID.test(memberId)) errors.push({ field: 'memberId', message: MESSAGES.noBallot });
    const answers = consultation.proposals.flatMap((p) => {
      const choiceId = textField(body, `q_${p.id}`);
      if (!p.choices.some((c) => c.id === choiceId)) {
        errors.push({ field: `vraag-${p.id}`, message: `Kies bij voorstel ${p.number} het antwoord dat op het stembiljet is aangekruist.` });
        return [];
      }
      return [{ proposalId: p.id, choiceId }];
    });
    if (!voterName || voterName.length > 120) errors.push({ field: 'voterName', message: MESSAGES.voterName });
    if (!(VOTER_ROLES as readonly string[]).includes(voterRole)) errors.push({ field: 'voterRole', message: MESSAGES.voterRole });
    if (errors.length) {
      response.status(400);
      return this.renderForm(id, body, errors);
    }
    try {
      const receipt = await this.ballots.recordPaper(
        id,
        { memberId: memberId || undefined, reference: reference || undefined },
        { voterName, voterRole: voterRole as VoterRole, answers },
        staffActor(staff),
        receivedAt,
      );
      const next = `/bestuur/raadplegingen/${id}/papieren-stembiljetten?vastgelegd=${receipt.memberId}`;
      response.status(303).location(next);
      return `<!doctype html><html lang="nl"><title>Vastgelegd</title><p><a href="${next}">Verder</a></p></html>`;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const refusal = this.refusal(error, memberId, receivedAt, consultation);
      if (!refusal) throw error;
      response.status(error.code === 'VOTING_CLOSED' || error.code === 'VOTING_NOT_OPEN' ? 409 : 400);
      return this.renderForm(id, body, [refusal]);
    }
  }

  /** What the service refused, at the field the bureau can correct (or at the form when voting is not open). */
  private refusal(error: DomainError, memberId: string, receivedAt: Date, c: { votingClosedAt: Date | null; votingDeadline: Date }): FieldMessage | null {
    if (error.code === 'INVALID_INPUT' && error.fieldErrors.some((e) => e.field === 'reference')) {
      return { field: 'reference', message: memberId ? MESSAGES.otherMember : MESSAGES.wrongReference };
    }
    if (error.code === 'VOTING_CLOSED') {
      const closed = votingClosedSince(c) ?? c.votingDeadline;
      return {
        field: 'papier-vastleggen',
        message: `De stemming is gesloten sinds ${formatDateTimeNl(closed)}; een papieren stembiljet dat op ${formatDateTimeNl(receivedAt)} wordt vastgelegd, telt niet mee.`,
      };
    }
    if (error.code === 'VOTING_NOT_OPEN')
      return { field: 'papier-vastleggen', message: 'De stemming is nog niet geopend; er kan nog niets worden vastgelegd.' };
    if (error.code === 'NOT_FOUND') return { field: 'memberId', message: 'Deze gemeente heeft geen stembiljet in deze raadpleging.' };
    return null;
  }

  private async justRecorded(consultationId: string, memberId: string) {
    const current = await this.ballots.currentSubmissionOf(consultationId, memberId);
    if (!current || current.channel !== 'paper') return null;
    const ballot = await this.ballots.paperBallotOf(consultationId, memberId);
    return { ...current, memberName: ballot.memberName, reference: ballot.reference, voterRoleNl: roleNl(current.voterRole) };
  }

  private async renderForm(id: string, body: FormBody, errors: FieldMessage[]): Promise<string> {
    const consultation = await this.consultations.get(id);
    const ballots = await this.ballots.paperBallots(id);
    const at = (field: string) => errors.find((e) => e.field === field)?.message ?? null;
    const memberId = textField(body, 'memberId');
    return this.renderer.render('paper-ballot-record', {
      title: `Papieren stembiljet vastleggen: ${consultation.title}`,
      signedIn: true,
      consultation,
      kindNl: KIND_NL[consultation.kind] ?? '',
      votingOpen: consultation.status === 'voting_open' && new Date(consultation.votingDeadline) > this.clock.now(),
      errors: errors.map((e) => (e.field.startsWith('vraag-') || e.field === 'papier-vastleggen' ? { fieldId: e.field, message: e.message } : e)),
      formError: at('papier-vastleggen'),
      reference: textField(body, 'reference'),
      referenceError: at('reference'),
      memberIdError: at('memberId'),
      members: ballots.map((b) => ({ value: b.memberId, label: `${b.memberName} (${b.memberCode})`, selected: b.memberId === memberId })),
      voterName: textField(body, 'voterName'),
      voterNameError: at('voterName'),
      voterRoleError: at('voterRole'),
      roles: voterRoleOptions(textField(body, 'voterRole') || 'secretary'),
      proposals: consultation.proposals.map((p) => ({
        id: p.id,
        number: p.number,
        title: p.title,
        rule: decisionRuleNl(p.rule, p.questionType).threshold,
        error: at(`vraag-${p.id}`),
        choices: p.choices.map((c) => ({ id: c.id, label: c.label, checked: textField(body, `q_${p.id}`) === c.id })),
      })),
    });
  }
}
