import { DataSource } from 'typeorm';
import type { LedenraadplegingClient } from '../client';
import { startTestApp, TestApp } from './setup/test-app';
import {
  auth,
  choiceOf,
  createScheme,
  EXAMPLE_TABLE,
  FIVE_MEMBERS,
  importRegister,
  OpenConsultation,
  openConsultation,
  secretaryTokens,
} from './support/factories';
import { typedClient } from './support/typed-client';

// Weights under the example table: Amsterdam 12, Rotterdam 12, Barendrecht 5, Drechterland 3, Schiermonnikoog 1 = 33.
const PROPOSALS = [
  { title: 'Invulling vacatures bestuur', questionType: 'for_against' },
  {
    title: 'Contributievoorstel 2021',
    questionType: 'alternatives',
    variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }],
  },
  { title: 'Statutenwijziging', questionType: 'for_against', rule: { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' } } },
];

/** The core voting flow as an integrator sees it: every call through the client generated from the OpenAPI document. */
describe('a weighted vote from opening to published result', () => {
  let t: TestApp;
  let api: LedenraadplegingClient;
  let db: DataSource;
  let c: OpenConsultation;
  let tokens: Map<string, string>;
  let board: { Authorization: string };
  let replacedReceipt: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = await typedClient(t);
    board = auth(t);
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), PROPOSALS);
    tokens = await secretaryTokens(t, c.id);
  });
  afterAll(() => t.close());

  const path = () => ({ path: { id: c.id } });
  const ballot = (code: string, p1: string, p2: string, p3: string) =>
    api.POST('/api/consultations/{consultationId}/ballot/submissions', {
      params: { path: { consultationId: c.id } },
      headers: { 'X-Ballot-Token': tokens.get(code)! },
      body: { voterName: 'J. de Vries', voterRole: 'secretary', answers: [choiceOf(c, 1, p1), choiceOf(c, 2, p2), choiceOf(c, 3, p3)] },
    });

  it('freezes the weights of the reference date in a public register', async () => {
    const { data, response } = await api.GET('/api/public/consultations/{id}/weights', { params: path() });
    expect(response.status).toBe(200);
    expect(data!.totalWeight).toBe(33);
    expect(Object.fromEntries(data!.members.items.map((m) => [m.cbsCode, m.weight]))).toEqual({ GM0363: 12, GM0599: 12, GM0489: 5, GM0498: 3, GM0088: 1 });
  });

  it('a later change to the register does not change the open vote', async () => {
    const members = await api.GET('/api/members', { params: { query: { on: '2020-06-30' } }, headers: board });
    const member = members.data!.items.find((m) => m.cbsCode === 'GM0088')!;
    const recorded = await api.PUT('/api/members/{id}/inhabitants', {
      params: { path: { id: member.id } },
      headers: board,
      body: { referenceDate: '2020-06-30', inhabitants: 6000, source: 'correctie' },
    });
    expect(recorded.response.status).toBe(204);
    const { data } = await api.GET('/api/public/consultations/{id}/weights', { params: path() });
    expect(data!.members.items.find((m) => m.cbsCode === 'GM0088')!.weight).toBe(1);
  });

  it("takes every member's vote once, the last submission counting", async () => {
    for (const [code, p1, p2, p3] of [
      ['GM0363', 'for', 'Voorstel bestuur: +3,9%', 'for'],
      ['GM0599', 'against', 'Geamendeerd voorstel: +2,9%', 'for'],
      ['GM0489', 'abstain', 'against', 'against'],
      ['GM0498', 'abstain', 'Geamendeerd voorstel: +2,9%', 'against'],
    ] as const) {
      expect((await ballot(code, p1, p2, p3)).response.status).toBe(201);
    }
    const first = await ballot('GM0088', 'abstain', 'against', 'abstain');
    expect(first.response.status).toBe(201);
    expect(first.data!.replacedEarlierSubmission).toBe(false);
    const second = await ballot('GM0088', 'abstain', 'Voorstel bestuur: +3,9%', 'abstain');
    expect(second.data!.replacedEarlierSubmission).toBe(true);
    expect(second.data!.receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);

    const view = await api.GET('/api/consultations/{consultationId}/ballot', {
      params: { path: { consultationId: c.id } },
      headers: { 'X-Ballot-Token': tokens.get('GM0088')! },
    });
    expect(view.data!.submissionCount).toBe(2);
    expect(view.data!.current!.receiptCode).toBe(second.data!.receiptCode);
    replacedReceipt = first.data!.receiptCode;
    // Anyone with the code may check it: while voting, it does not say whose vote it was.
    const receipt = await api.GET('/api/receipts/{code}', { params: { path: { code: replacedReceipt } } });
    expect(receipt.data).toEqual({ consultationId: c.id, member: null, receivedAt: expect.any(String), counts: false });
  });

  it('a ballot link of no ballot gets the one error shape, typed', async () => {
    const { error, response } = await api.GET('/api/consultations/{consultationId}/ballot', {
      params: { path: { consultationId: c.id } },
      headers: { 'X-Ballot-Token': 'x'.repeat(43) },
    });
    expect(response.status).toBe(401);
    expect(error).toEqual({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'ballot token: this ballot link is not valid' });
  });

  it('shows the board turnout only while voting is open', async () => {
    const turnout = await api.GET('/api/consultations/{id}/turnout', { params: path(), headers: board });
    expect(turnout.data!.voted).toEqual({ members: 5, weight: 33 });
    expect(turnout.data!.weightShare).toBe('100,00%');
    const tally = await api.GET('/api/consultations/{id}/tally', { params: path(), headers: board });
    expect(tally.response.status).toBe(409);
    expect(tally.error!.error).toBe('VOTING_NOT_OPEN');
  });

  it('after closing, decides each proposal under its own rule', async () => {
    expect((await api.POST('/api/consultations/{id}/close-voting', { params: path(), headers: board })).data!.status).toBe('voting_closed');
    const { data } = await api.GET('/api/consultations/{id}/tally', { params: path(), headers: board });
    const [p1, p2, p3] = data!.proposals;

    // 1: 12 for, 12 against, 9 abstaining: a tie is rejected
    expect(p1.outcome).toBe('rejected');
    expect(p1.choices.map((x) => x.weight)).toEqual([12, 12, 9]);
    expect(p1.choices.map((x) => x.share)).toEqual(['50,00%', '50,00%', null]);

    // 2: board 13 (12 + 1), amended 15 (12 + 3), against 5: the variants pass together, the amended one wins
    expect(p2.outcome).toBe('adopted');
    expect(p2.adoptedChoice).toBe('Geamendeerd voorstel: +2,9%');
    expect(p2.choices.map((x) => x.share)).toEqual(['39,39%', '45,45%', '15,15%', null]);
    expect(p2.choices.map((x) => x.members)).toEqual([2, 2, 1, 0]);
    expect(p2.decision.reasons).toEqual([
      'for 28 of 33 weighted votes cast is more than 1/2; variant "Geamendeerd voorstel: +2,9%" has the most weight (15), adopted',
    ]);

    // 3: 24 for, 8 against: 75,00% is at least two thirds
    expect(p3.outcome).toBe('adopted');
    expect(p3.choices.map((x) => x.share)).toEqual(['75,00%', '25,00%', null]);
  });

  it('publication makes the result public and freezes it', async () => {
    expect((await api.GET('/api/public/consultations/{id}/results', { params: path() })).response.status).toBe(404);
    expect((await api.POST('/api/consultations/{id}/publish-results', { params: path(), headers: board })).response.status).toBe(200);
    const { data } = await api.GET('/api/public/consultations/{id}/results', { params: path() });
    expect(data!.proposals.map((p) => p.outcome)).toEqual(['rejected', 'adopted', 'adopted']);
    expect(data!.turnout).toMatchObject({ members: 5, weight: 33, membersShare: '100,00%' });
    expect(data!.votes.items.find((v) => v.memberCode === 'GM0363')!.answers.map((a) => a.choiceLabel)).toEqual(['Voor', 'Voorstel bestuur: +3,9%', 'Voor']);
    // Named votes by municipality name, two to a page: Amsterdam, Barendrecht | Drechterland, Rotterdam | Schiermonnikoog.
    const third = await api.GET('/api/public/consultations/{id}/results', { params: { ...path(), query: { page: 3, size: 2 } } });
    expect(third.data!.votes).toMatchObject({ page: 3, size: 2, total: 5 });
    expect(third.data!.votes.items.map((v) => v.memberName)).toEqual(['Schiermonnikoog']);

    // Published with open votes: the receipt now names the municipality, as the named votes do.
    const receipt = await api.GET('/api/receipts/{code}', { params: { path: { code: replacedReceipt } } });
    expect(receipt.data).toMatchObject({ member: 'Schiermonnikoog', counts: false });

    const again = await api.POST('/api/consultations/{id}/publish-results', { params: path(), headers: board });
    expect(again.response.status).toBe(409);
    expect(again.error!.error).toBe('ALREADY_PUBLISHED');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM published_result WHERE consultation_id = $1`, [c.id]);
    expect(n).toBe(3);

    const page = await t.http().get(`/raadplegingen/${c.id}/uitslag`).expect(200);
    expect(page.text).toContain('45,45%');
    expect(page.text).toContain('Aangenomen: Geamendeerd voorstel: +2,9%');
    expect(page.text).toContain('Verworpen');
  });

  it('the audit trail records who opened, voted, closed and published', async () => {
    const rows = await db.query(`SELECT actor, action FROM audit_event WHERE action LIKE 'consultation.%' OR action LIKE 'ballot.%' ORDER BY id`);
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'consultation.voting_open',
        'ballot.submitted',
        'ballot.resubmitted',
        'consultation.voting_closed',
        'consultation.results_published',
      ]),
    );
    expect(rows.find((r: { action: string }) => r.action === 'consultation.results_published').actor).toBe('staff:bestuur@test.example');
    expect(rows.find((r: { action: string }) => r.action === 'ballot.resubmitted').actor).toBe('ballot:GM0088:secretary:secretaris.gm0088@gemeente.example');
  });
});
