import { DataSource } from 'typeorm';
import { demoRegisterCsv } from '../src/demo/seed-2020';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, OpenConsultation, openConsultation, secretaryTokens, vote } from './support/factories';
import { TalliesService } from '../src/tallies/tallies.service';

/**
 * The 2020 register (355 members) under one member one vote, so the numbers are easy to check by hand:
 * 300 members vote at the same moment, 186 for the board proposal, 102 for the amended proposal and 12
 * against both: 62,00% / 34,00% / 4,00%, as published in July 2020.
 */
describe('the full flow with the 355 municipalities of 2020', () => {
  let t: TestApp;
  let db: DataSource;
  let c: OpenConsultation;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('a dry-run import reports 355 additions and writes nothing', async () => {
    const res = await t
      .http()
      .post('/api/members/import')
      .set(auth(t))
      .send({ referenceDate: '2020-06-30', source: 'CBS 37230ned', csv: demoRegisterCsv(), dryRun: true })
      .expect(200);
    expect(res.body.added).toHaveLength(355);
    expect(res.body.refused).toEqual([]);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM member');
    expect(n).toBe(0);
  });

  it('the import writes 355 members with 17,427,806 inhabitants', async () => {
    await t
      .http()
      .post('/api/members/import')
      .set(auth(t))
      .send({ referenceDate: '2020-06-30', source: 'CBS 37230ned', csv: demoRegisterCsv(), dryRun: false })
      .expect(200);
    const [{ n, total }] = await db.query('SELECT count(*)::int AS n, sum(inhabitants)::bigint AS total FROM inhabitant_count');
    expect(n).toBe(355);
    expect(total).toBe('17427806');
    const again = await t
      .http()
      .post('/api/members/import')
      .set(auth(t))
      .send({ referenceDate: '2020-06-30', source: 'CBS 37230ned', csv: demoRegisterCsv(), dryRun: true })
      .expect(200);
    expect(again.body).toMatchObject({ added: [], changed: [], unchanged: 355 });
  });

  it('opens voting with 355 ballots', async () => {
    const schemeId = await createScheme(t, { kind: 'one_member_one_vote' }, 'Eén lid, één stem');
    c = await openConsultation(t, schemeId, [
      {
        title: 'Contributievoorstel 2021',
        questionType: 'alternatives',
        variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }],
      },
      { title: 'Cao voor de onderkant van de arbeidsmarkt', questionType: 'for_against' },
    ]);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ballot WHERE consultation_id = $1', [c.id]);
    expect(n).toBe(355);
  });

  it('300 members submitting at the same moment are each counted once', async () => {
    const tokens = [...(await secretaryTokens(t, c.id)).values()].slice(0, 300);
    const responses = await Promise.all(
      tokens.map((token, i) => {
        const q1 = i < 186 ? 'Voorstel bestuur: +3,9%' : i < 288 ? 'Geamendeerd voorstel: +2,9%' : 'against';
        const q2 = i < 297 ? 'for' : 'against';
        return vote(t, c.id, token, [choiceOf(c, 1, q1), choiceOf(c, 2, q2)]);
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(300).fill(201));
    expect(new Set(responses.map((r) => r.body.receiptCode)).size).toBe(300);
    const turnout = await t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(t)).expect(200);
    expect(turnout.body).toMatchObject({ voted: { members: 300, weight: 300 }, eligible: { members: 355, weight: 355 }, membersShare: '84,51%' });
  });

  it('closes, publishes and shows 62 / 34 / 4 and 99 / 1', async () => {
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
    const res = await t.http().get(`/api/public/consultations/${c.id}/results`).expect(200);
    const [q1, q2] = res.body.proposals;
    expect(q1.choices.map((x: { members: number }) => x.members)).toEqual([186, 102, 12, 0]);
    expect(q1.choices.map((x: { share: string }) => x.share)).toEqual(['62,00%', '34,00%', '4,00%', null]);
    expect(q1.adoptedChoice).toBe('Voorstel bestuur: +3,9%');
    expect(q2.choices.map((x: { share: string }) => x.share)).toEqual(['99,00%', '1,00%', null]);
    expect(q2.outcome).toBe('adopted');
    // 300 named votes, 100 to a page by default: pages 1 to 3 full, page 4 empty.
    expect(res.body.votes).toMatchObject({ page: 1, size: 100, total: 300 });
    expect(res.body.votes.items).toHaveLength(100);
    const third = await t.http().get(`/api/public/consultations/${c.id}/results?page=3&size=100`).expect(200);
    expect(third.body.votes.items).toHaveLength(100);
    const fourth = await t.http().get(`/api/public/consultations/${c.id}/results?page=4&size=100`).expect(200);
    expect(fourth.body.votes).toMatchObject({ items: [], page: 4, total: 300 });
    // 300 in pages of 1000 (the most a page holds): all of them, by name, none twice
    const all = await t.http().get(`/api/public/consultations/${c.id}/results?size=1000`).expect(200);
    const codes = all.body.votes.items.map((v: { memberCode: string }) => v.memberCode);
    expect(new Set(codes).size).toBe(300);
    expect(all.body.votes.items.slice(200, 300)).toEqual(third.body.votes.items);
    const tooBig = await t.http().get(`/api/public/consultations/${c.id}/results?size=1001`).expect(400);
    expect(tooBig.body.errors).toEqual([{ field: 'size', rule: 'size must not be greater than 1000' }]);
  });

  it('recomputing gives the identical result', async () => {
    const first = await t.http().get(`/api/consultations/${c.id}/tally`).set(auth(t)).expect(200);
    const recomputed = await t.app.get(TalliesService).compute(c.id);
    expect(JSON.parse(JSON.stringify(recomputed.proposals))).toEqual(first.body.proposals);
  });
});
