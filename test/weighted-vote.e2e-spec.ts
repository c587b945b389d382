import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import {
  auth, choiceOf, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens, vote,
} from './support/factories';

// Weights under the example table: Amsterdam 12, Rotterdam 12, Barendrecht 5, Drechterland 3, Schiermonnikoog 1 = 33.
const PROPOSALS = [
  { title: 'Invulling vacatures bestuur', questionType: 'for_against' },
  { title: 'Contributievoorstel 2021', questionType: 'alternatives', variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }] },
  { title: 'Statutenwijziging', questionType: 'for_against', rule: { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' } } },
];

describe('a weighted vote from opening to published result', () => {
  let t: TestApp;
  let db: DataSource;
  let c: OpenConsultation;
  let tokens: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), PROPOSALS);
    tokens = await secretaryTokens(t, c.id);
  });
  afterAll(() => t.close());

  const ballot = (code: string, p1: string, p2: string, p3: string) =>
    vote(t, c.id, tokens.get(code)!, [choiceOf(c, 1, p1), choiceOf(c, 2, p2), choiceOf(c, 3, p3)]);

  it('freezes the weights of the reference date in a public register', async () => {
    const res = await t.http().get(`/api/public/consultations/${c.id}/weights`).expect(200);
    expect(res.body.totalWeight).toBe(33);
    expect(Object.fromEntries(res.body.members.items.map((m: { cbsCode: string; weight: number }) => [m.cbsCode, m.weight])))
      .toEqual({ GM0363: 12, GM0599: 12, GM0489: 5, GM0498: 3, GM0088: 1 });
  });

  it('a later change to the register does not change the open vote', async () => {
    const member = (await t.http().get('/api/members?on=2020-06-30').set(auth(t))).body.items.find((m: { cbsCode: string }) => m.cbsCode === 'GM0088');
    await t.http().put(`/api/members/${member.id}/inhabitants`).set(auth(t)).send({ referenceDate: '2020-06-30', inhabitants: 6000, source: 'correctie' }).expect(204);
    const res = await t.http().get(`/api/public/consultations/${c.id}/weights`).expect(200);
    expect(res.body.members.items.find((m: { cbsCode: string }) => m.cbsCode === 'GM0088').weight).toBe(1);
  });

  it('takes every member\'s vote once, the last submission counting', async () => {
    await ballot('GM0363', 'for', 'Voorstel bestuur: +3,9%', 'for').expect(201);
    await ballot('GM0599', 'against', 'Geamendeerd voorstel: +2,9%', 'for').expect(201);
    await ballot('GM0489', 'abstain', 'against', 'against').expect(201);
    await ballot('GM0498', 'abstain', 'Geamendeerd voorstel: +2,9%', 'against').expect(201);
    const first = await ballot('GM0088', 'abstain', 'against', 'abstain').expect(201);
    expect(first.body.replacedEarlierSubmission).toBe(false);
    const second = await ballot('GM0088', 'abstain', 'Voorstel bestuur: +3,9%', 'abstain').expect(201);
    expect(second.body.replacedEarlierSubmission).toBe(true);
    expect(second.body.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);

    const view = await t.http().get(`/api/consultations/${c.id}/ballot`).set('X-Ballot-Token', tokens.get('GM0088')!).expect(200);
    expect(view.body.submissionCount).toBe(2);
    expect(view.body.current.receiptCode).toBe(second.body.receiptCode);
  });

  it('shows the board turnout only while voting is open', async () => {
    const turnout = await t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(t)).expect(200);
    expect(turnout.body.voted).toEqual({ members: 5, weight: 33 });
    expect(turnout.body.weightShare).toBe('100,00%');
    const tally = await t.http().get(`/api/consultations/${c.id}/tally`).set(auth(t)).expect(409);
    expect(tally.body.error).toBe('VOTING_NOT_OPEN');
  });

  it('after closing, decides each proposal under its own rule', async () => {
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    const res = await t.http().get(`/api/consultations/${c.id}/tally`).set(auth(t)).expect(200);
    const [p1, p2, p3] = res.body.proposals;

    // 1: 12 for, 12 against, 9 abstaining: a tie is rejected
    expect(p1.outcome).toBe('rejected');
    expect(p1.choices.map((x: { weight: number }) => x.weight)).toEqual([12, 12, 9]);
    expect(p1.choices.map((x: { share: string | null }) => x.share)).toEqual(['50,00%', '50,00%', null]);

    // 2: board 13 (12 + 1), amended 15 (12 + 3), against 5: the variants pass together, the amended one wins
    expect(p2.outcome).toBe('adopted');
    expect(p2.adoptedChoice).toBe('Geamendeerd voorstel: +2,9%');
    expect(p2.choices.map((x: { share: string | null }) => x.share)).toEqual(['39,39%', '45,45%', '15,15%', null]);
    expect(p2.choices.map((x: { members: number }) => x.members)).toEqual([2, 2, 1, 0]);
    expect(p2.decision.reasons).toEqual(['for 28 of 33 weighted votes cast is more than 1/2; variant "Geamendeerd voorstel: +2,9%" has the most weight (15), adopted']);

    // 3: 24 for, 8 against: 75,00% is at least two thirds
    expect(p3.outcome).toBe('adopted');
    expect(p3.choices.map((x: { share: string | null }) => x.share)).toEqual(['75,00%', '25,00%', null]);
  });

  it('publication makes the result public and freezes it', async () => {
    await t.http().get(`/api/public/consultations/${c.id}/results`).expect(404);
    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
    const res = await t.http().get(`/api/public/consultations/${c.id}/results`).expect(200);
    expect(res.body.proposals.map((p: { outcome: string }) => p.outcome)).toEqual(['rejected', 'adopted', 'adopted']);
    expect(res.body.turnout).toMatchObject({ members: 5, weight: 33, membersShare: '100,00%' });
    expect(res.body.votes.items.find((v: { memberCode: string }) => v.memberCode === 'GM0363').answers.map((a: { choiceLabel: string }) => a.choiceLabel))
      .toEqual(['Voor', 'Voorstel bestuur: +3,9%', 'Voor']);

    const again = await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(409);
    expect(again.body.error).toBe('ALREADY_PUBLISHED');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM published_result WHERE consultation_id = $1`, [c.id]);
    expect(n).toBe(3);

    const page = await t.http().get(`/raadplegingen/${c.id}/uitslag`).expect(200);
    expect(page.text).toContain('45,45%');
    expect(page.text).toContain('aangenomen');
  });

  it('the audit trail records who opened, voted, closed and published', async () => {
    const rows = await db.query(`SELECT actor, action FROM audit_event WHERE action LIKE 'consultation.%' OR action LIKE 'ballot.%' ORDER BY id`);
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['consultation.voting_open', 'ballot.submitted', 'ballot.resubmitted', 'consultation.voting_closed', 'consultation.results_published']));
    expect(rows.find((r: { action: string }) => r.action === 'consultation.results_published').actor).toBe('staff:bestuur@test.example');
    expect(rows.find((r: { action: string }) => r.action === 'ballot.resubmitted').actor).toBe('ballot:GM0088:secretary:secretaris.gm0088@gemeente.example');
  });
});
