import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startServiceModule } from '../../test/support/service-module';
import { MembersService } from '../members/members.service';
import { FixedClock } from '../platform/clock';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';
import { ConsultationPublicationService } from './consultation-publication.service';
import { ConsultationsModule } from './consultations.module';
import { ConsultationsService } from './consultations.service';

// Deadlines against a clock the test holds: no test here waits for the real one.
const ACTOR = 'staff:test@vng.example';
const OPENED = new Date('2026-03-02T09:00:00Z'); // a Monday morning, 10:00 in Amsterdam
const DEADLINE_LOCAL = '2026-03-06T12:00'; // Friday noon, Amsterdam (CET, UTC+1)
const DEADLINE = new Date('2026-03-06T11:00:00Z');
const CSV = [
  'code;name;inhabitants;secretary_name;secretary_email',
  'GM0014;Groningen;233218;Secretaris Groningen;secretaris.gm0014@gemeente.example',
  'GM0034;Almere;211893;Secretaris Almere;secretaris.gm0034@gemeente.example',
  'GM0088;Schiermonnikoog;932;Secretaris Schiermonnikoog;secretaris.gm0088@gemeente.example',
].join('\n');

describe('a vote against its deadline (fixed clock)', () => {
  const clock = new FixedClock(OPENED);
  let context: INestApplicationContext;
  let consultations: ConsultationsService;
  let consultationId: string;

  const statusOf = async () => (await consultations.get(consultationId)).status;
  const closedAudit = () =>
    context
      .get(DataSource)
      .query<{ actor: string }[]>(`SELECT actor FROM audit_event WHERE action = 'consultation.voting_closed' AND subject_id = $1`, [consultationId]);

  beforeAll(async () => {
    context = await startServiceModule([ConsultationsModule], clock);
    consultations = context.get(ConsultationsService);
    await context.get(MembersService).import({ referenceDate: '2026-01-01', source: 'test', csv: CSV, dryRun: false }, ACTOR);
    const scheme = await context
      .get(WeightingSchemesService)
      .create({ name: 'één lid één stem', definition: { kind: 'one_member_one_vote' }, source: 'test', effectiveFrom: '2026-01-01' }, ACTOR);
    const c = await consultations.create(
      { kind: 'ledenraadpleging', title: 'Deadline', referenceDate: '2026-01-01', weightingSchemeId: scheme.id, votingDeadline: DEADLINE_LOCAL },
      ACTOR,
    );
    consultationId = c.id;
    await consultations.addProposal(c.id, { title: 'Voorstel', questionType: 'for_against' }, ACTOR);
    await context.get(ConsultationPublicationService).publishFinalProposals(c.id, ACTOR);
    await consultations.openVoting(c.id, ACTOR);
  });
  afterAll(() => context.close());

  it('stores the deadline given in Amsterdam time as its UTC instant', async () => {
    expect((await consultations.get(consultationId)).votingDeadline).toEqual(DEADLINE);
  });

  it('one second before the deadline, neither the sweep nor the closing job closes the vote', async () => {
    clock.set(new Date(DEADLINE.getTime() - 1000));
    expect(await consultations.overdueOpenVotes()).not.toContain(consultationId);
    expect(await consultations.closeAtDeadline(consultationId)).toBe(false);
    expect(await statusOf()).toBe('voting_open');
    expect(await closedAudit()).toEqual([]);
  });

  it('at the deadline and up to 5 s after it, votes still in the API are waited for: the vote stays open', async () => {
    for (const ms of [0, 4_999]) {
      clock.set(new Date(DEADLINE.getTime() + ms));
      expect(await consultations.overdueOpenVotes()).not.toContain(consultationId);
      expect(await consultations.closeAtDeadline(consultationId)).toBe(false);
    }
    expect(await statusOf()).toBe('voting_open');
    expect(await closedAudit()).toEqual([]);
  });

  it('5 s after the deadline the vote is overdue and the closing job closes it, once, as the system', async () => {
    clock.set(new Date(DEADLINE.getTime() + 5_000));
    expect(await consultations.overdueOpenVotes()).toContain(consultationId);
    expect(await consultations.closeAtDeadline(consultationId)).toBe(true);
    expect(await statusOf()).toBe('voting_closed');
    expect(await consultations.closeAtDeadline(consultationId)).toBe(false);
    expect(await closedAudit()).toEqual([{ actor: 'system:deadline' }]);
  });

  it('a deadline that has passed by the clock cannot be set when creating a consultation', async () => {
    clock.set(new Date('2026-03-06T11:00:01Z'));
    await expect(
      consultations.create(
        { kind: 'ledenraadpleging', title: 'Te laat', referenceDate: '2026-01-01', weightingSchemeId: 'x', votingDeadline: DEADLINE_LOCAL },
        ACTOR,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: [{ field: 'votingDeadline', rule: 'must be in the future' }] });
  });
});
