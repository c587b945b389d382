import { Injectable } from '@nestjs/common';
import { BallotsService } from '../ballots/ballots.service';
import { MembersService } from '../members/members.service';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { AuditService } from '../platform/audit/audit.service';
import { AppConfig } from '../platform/config/app-config';
import { Clock } from '../platform/clock';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { ConsultationResult, OUTCOME_NL } from '../tallies/tallies.service';
import { Consultation } from './consultation.entity';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

/** A member that has not voted yet, as the board's list shows it. */
export interface NonVoter {
  memberId: string;
  memberCode: string;
  memberName: string;
  weight: number;
  secretaryName: string;
  secretaryEmail: string;
  /** The latest invitation to the current secretary address; null if none was queued. */
  invitation: { status: 'queued' | 'sent' | 'failed'; to: string; reason: string | null } | null;
  reminders: number;
}

/** The mail of a consultation: reminders, invitations resent, ballots reissued, dispatch progress, result letters. */
@Injectable()
export class ConsultationMailService {
  private readonly publicUrl: string;

  constructor(
    private readonly tx: Transactions,
    private readonly consultations: ConsultationsService,
    private readonly repository: ConsultationsRepository,
    private readonly ballots: BallotsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly outbox: MailOutbox,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  }

  /** The reminder job for a deadline finds nothing to do if the deadline moved or voting closed. */
  async sendReminders(id: string, hoursBefore: number, deadline: string): Promise<number> {
    return this.tx.run(async () => {
      const c = await this.consultations.require(id);
      if (c.status !== 'voting_open' || c.votingDeadline.getTime() !== new Date(deadline).getTime()) return 0;
      const sent = await this.ballots.queueReminders(c, hoursBefore);
      await this.audit.record({
        actor: 'system:reminders',
        action: 'consultation.reminders_queued',
        subjectType: 'consultation',
        subjectId: id,
        details: { hoursBefore, members: sent },
      });
      return sent;
    });
  }

  /** Change a member's secretary and reissue its ballot: the old link stops working at once. */
  async reissueBallot(id: string, memberId: string, secretary: { secretaryName: string; secretaryEmail: string }, actor: string): Promise<void> {
    await this.tx.run(async () => {
      const c = await this.consultations.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('VOTING_NOT_OPEN', 'a ballot can be reissued only while voting is open');
      await this.members.update(memberId, secretary, actor);
      await this.ballots.reissue(c, memberId, { name: secretary.secretaryName, email: secretary.secretaryEmail }, actor);
    });
  }

  /** The board sends the invitation again to one member (same live link). */
  async resendInvitation(id: string, memberId: string, actor: string): Promise<void> {
    await this.tx.run(async () => {
      const c = await this.consultations.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('VOTING_NOT_OPEN', 'invitations can be resent only while voting is open');
      await this.ballots.queueInvitations(c, memberId, new Date().toISOString());
      await this.audit.record({ actor, action: 'ballot.invitation_resent', subjectType: 'consultation', subjectId: id, details: { memberId } });
    });
  }

  /** The board reminds, now, every member that has not voted, or one of them; the number of mails queued. */
  async remindNow(id: string, actor: string, memberId?: string, now = this.clock.now()): Promise<number> {
    return this.tx.run(async () => {
      const c = await this.consultations.lock(id);
      if (c.status !== 'voting_open') throw new DomainError('VOTING_NOT_OPEN', 'reminders can be sent only while voting is open');
      const queued = await this.ballots.queueRemindersNow(c, now, memberId);
      await this.audit.record({
        actor,
        action: 'consultation.reminders_sent_by_hand',
        subjectType: 'consultation',
        subjectId: id,
        details: { members: queued, ...(memberId ? { memberId } : {}) },
      });
      return queued;
    });
  }

  /**
   * The members that have not voted, heaviest first, each with its secretary and how the mail to it
   * stands: the latest invitation's state and the reminders sent.
   */
  async nonVoters(id: string): Promise<NonVoter[]> {
    const c = await this.consultations.require(id);
    if (!c.votingOpenedAt) throw new DomainError('VOTING_NOT_OPEN', 'voting has not opened yet');
    const secretaries = (await this.ballots.secretaries(id)).filter((s) => !s.voted);
    const history = (await this.outbox.progress(id, true)).history ?? [];
    return secretaries
      .map((s) => {
        const own = history.filter((h) => h.memberId === s.memberId);
        const invitation = own.find((h) => h.kind === 'invitation' && h.latest) ?? null;
        const reminders = own.filter((h) => h.kind === 'reminder');
        return {
          memberId: s.memberId,
          memberCode: s.memberCode,
          memberName: s.memberName,
          weight: s.weight,
          secretaryName: s.holderName,
          secretaryEmail: s.holderEmail,
          invitation: invitation && { status: invitation.status, to: invitation.to, reason: invitation.reason },
          reminders: reminders.length,
        };
      })
      .sort((a, b) => b.weight - a.weight || a.memberName.localeCompare(b.memberName, 'nl'));
  }

  async mailProgress(id: string, history = false) {
    await this.consultations.require(id);
    return this.outbox.progress(id, history);
  }

  /** The result letter to every member's secretary, queued in the publishing transaction. */
  async queueResultLetters(c: Consultation, result: ConsultationResult): Promise<void> {
    const register = await this.repository.weightRegister(c.id);
    const proposals = result.proposals.map((p) => ({
      nummer: p.number,
      titel: p.title,
      uitkomst: OUTCOME_NL[p.outcome],
      aangenomenKeuze: p.adoptedChoice,
      keuzes: p.choices.map((x) => ({ label: x.label, aandeel: x.share ?? 'onthouding, telt niet mee' })),
    }));
    await this.outbox.queueMany(
      register.map((m) => ({
        key: `result:${c.id}:${m.memberId}`,
        kind: 'result',
        to: m.secretaryEmail,
        template: 'result-letter',
        memberId: m.memberId,
        consultationId: c.id,
        context: {
          consultatie: { titel: c.title, kenmerk: c.reference, deadline: c.votingDeadline },
          gemeente: m.name,
          secretaris: m.secretaryName,
          opkomst: { leden: result.turnout.members, van: result.eligible.members, aandeel: result.turnout.membersShare, gewicht: result.turnout.weightShare },
          voorstellen: proposals,
          uitslagUrl: `${this.publicUrl}/raadplegingen/${c.id}/uitslag`,
        },
      })),
    );
  }
}
