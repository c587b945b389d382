import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startServiceModule } from '../../test/support/service-module';
import { ConsultationPublicationService } from '../consultations/consultation-publication.service';
import { ConsultationsModule } from '../consultations/consultations.module';
import { ConsultationsService } from '../consultations/consultations.service';
import { MembersService } from '../members/members.service';
import { FixedClock } from '../platform/clock';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';
import { TalliesService } from './tallies.service';

// The tally's figures worked out by hand. Weights by a bracket table: from 100,000 inhabitants 3, below 1.
//   Groningen (233,218) 3, Almere (211,893) 3, Schiermonnikoog (932) 1; eligible 3 members, weight 7.
// Submissions, in the order received (the later one of a ballot counts):
//   Groningen: proposal 1 Voor, proposal 2 Voor; then again: 1 Tegen, 2 Voor.
//   Schiermonnikoog: 1 Voor, 2 Tegen.
// Counted: proposal 1 Voor 1 member weight 1, Tegen 1 / 3, Onthouding 0 / 0;
//          proposal 2 Voor 1 / 3, Tegen 1 / 1, Onthouding 0 / 0. Turnout 2 members, weight 4 of 7.
const ACTOR = 'staff:test@vng.example';
const CSV = [
  'code;name;inhabitants;secretary_name;secretary_email',
  'GM0014;Groningen;233218;Secretaris Groningen;secretaris.gm0014@gemeente.example',
  'GM0034;Almere;211893;Secretaris Almere;secretaris.gm0034@gemeente.example',
  'GM0088;Schiermonnikoog;932;Secretaris Schiermonnikoog;secretaris.gm0088@gemeente.example',
].join('\n');

describe('the weighted tally (aggregate SQL on the real database)', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let consultationId: string;
  let proposalIds: string[];
  let receipts = 0;

  const choiceId = async (proposal: number, label: string) =>
    (await db.query<{ id: string }[]>(`SELECT id FROM choice WHERE proposal_id = $1 AND label = $2`, [proposalIds[proposal - 1], label]))[0].id;

  /** A submission written straight into the tables, as `cast_submission` would store it, with the answers given. */
  const submit = async (memberCode: string, answers: [proposal: number, label: string][]) => {
    const [{ ballotId, accessId }] = await db.query<{ ballotId: string; accessId: string }[]>(
      `SELECT b.id AS "ballotId", a.id AS "accessId" FROM ballot b JOIN member m ON m.id = b.member_id JOIN ballot_access a ON a.ballot_id = b.id
        WHERE b.consultation_id = $1 AND m.cbs_code = $2 LIMIT 1`,
      [consultationId, memberCode],
    );
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO ballot_submission (ballot_id, access_id, voter_name, voter_role, received_at, receipt_code)
       VALUES ($1, $2, 'Secretaris', 'secretary', now(), $3) RETURNING id`,
      [ballotId, accessId, `TEST-${++receipts}`],
    );
    for (const [proposal, label] of answers) {
      await db.query(`INSERT INTO submission_answer (submission_id, proposal_id, choice_id) VALUES ($1, $2, $3)`, [
        id,
        proposalIds[proposal - 1],
        await choiceId(proposal, label),
      ]);
    }
  };

  const figures = async () => {
    const result = await context.get(TalliesService).compute(consultationId);
    return {
      eligible: result.eligible,
      turnout: { members: result.turnout.members, weight: result.turnout.weight },
      proposals: result.proposals.map((p) => p.choices.map((c) => [c.label, c.members, c.weight])),
    };
  };

  beforeAll(async () => {
    context = await startServiceModule([ConsultationsModule], new FixedClock(new Date('2026-03-02T09:00:00Z')));
    db = context.get(DataSource);
    const consultations = context.get(ConsultationsService);
    await context.get(MembersService).import({ referenceDate: '2026-01-01', source: 'test', csv: CSV, dryRun: false }, ACTOR);
    const scheme = await context.get(WeightingSchemesService).create(
      {
        name: 'drie tegen één',
        definition: {
          kind: 'brackets',
          brackets: [
            { fromInhabitants: 0, weight: 1 },
            { fromInhabitants: 100_000, weight: 3 },
          ],
        },
        source: 'test',
        effectiveFrom: '2026-01-01',
      },
      ACTOR,
    );
    const c = await consultations.create(
      { kind: 'ledenraadpleging', title: 'Telling', referenceDate: '2026-01-01', weightingSchemeId: scheme.id, votingDeadline: '2026-03-06T12:00' },
      ACTOR,
    );
    consultationId = c.id;
    await consultations.addProposal(c.id, { title: 'Voorstel 1', questionType: 'for_against' }, ACTOR);
    await consultations.addProposal(c.id, { title: 'Voorstel 2', questionType: 'for_against' }, ACTOR);
    await context.get(ConsultationPublicationService).publishFinalProposals(c.id, ACTOR);
    await consultations.openVoting(c.id, ACTOR);
    proposalIds = (await db.query<{ id: string }[]>(`SELECT id FROM proposal WHERE consultation_id = $1 ORDER BY number`, [c.id])).map((r) => r.id);
  });
  afterAll(() => context.close());

  it('counts the later submission of a ballot, weighted, and the turnout from the same pass', async () => {
    await submit('GM0014', [
      [1, 'Voor'],
      [2, 'Voor'],
    ]);
    await submit('GM0014', [
      [1, 'Tegen'],
      [2, 'Voor'],
    ]);
    await submit('GM0088', [
      [1, 'Voor'],
      [2, 'Tegen'],
    ]);
    expect(await figures()).toEqual({
      eligible: { members: 3, weight: 7 },
      turnout: { members: 2, weight: 4 },
      proposals: [
        [
          ['Voor', 1, 1],
          ['Tegen', 1, 3],
          ['Onthouding', 0, 0],
        ],
        [
          ['Voor', 1, 3],
          ['Tegen', 1, 1],
          ['Onthouding', 0, 0],
        ],
      ],
    });
  });

  it('counts a submission in the turnout even where it lacks an answer (written past cast_submission)', async () => {
    // Almere's submission answers proposal 2 only: proposal 1's counts still add up to 2 members and
    // weight 4, proposal 2's now to 3 and 7. The turnout is then counted on its own: 3 members, 7.
    await submit('GM0034', [[2, 'Onthouding']]);
    const { turnout, proposals } = await figures();
    expect(turnout).toEqual({ members: 3, weight: 7 });
    expect(proposals[1]).toEqual([
      ['Voor', 1, 3],
      ['Tegen', 1, 1],
      ['Onthouding', 1, 3],
    ]);
  });
});
