import { Injectable } from '@nestjs/common';
import { BallotsService } from '../ballots/ballots.service';
import { MembersService } from '../members/members.service';
import { MailOutbox } from '../notifications/mail-outbox.service';
import { AuditService } from '../platform/audit/audit.service';
import { AppConfig } from '../platform/config/app-config';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { ConsultationResult, OUTCOME_NL } from '../tallies/tallies.service';
import { Consultation } from './consultation.entity';
import { ConsultationsRepository } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

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
