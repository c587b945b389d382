import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, openConsultation, secretaryTokens, vote } from './support/factories';

/** Ratification (bekrachtiging) is itself a proposal at a later assembly: adoption ratifies, rejection does not. */
describe('ratifying published results', () => {
  let t: TestApp;
  let schemeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, FIVE_MEMBERS);
    schemeId = await createScheme(t, EXAMPLE_TABLE);
  });
  afterAll(() => t.close());

  async function decide(proposal: object, votes: Record<string, string>) {
    const c = await openConsultation(t, schemeId, [proposal]);
    const tokens = await secretaryTokens(t, c.id);
    for (const [code, kind] of Object.entries(votes)) await vote(t, c.id, tokens.get(code)!, [choiceOf(c, 1, kind)]).expect(201);
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
    return c.id;
  }

  const status = async (id: string) => (await t.http().get(`/api/consultations/${id}`).set(auth(t)).expect(200)).body.status;

  it('adoption marks the earlier results ratified (32 of 33 weighted votes: 96,97%)', async () => {
    const june = await decide({ title: 'Jaarverslag 2019', questionType: 'for_against' }, { GM0363: 'for' });
    expect(await status(june)).toBe('results_published');
    const september = await decide(
      { title: 'Bekrachtiging uitslag ledenraadpleging juni', questionType: 'for_against', ratifiesConsultationId: june },
      { GM0363: 'for', GM0599: 'for', GM0489: 'for', GM0498: 'for', GM0088: 'against' },
    );
    const result = await t.http().get(`/api/public/consultations/${september}/results`).expect(200);
    expect(result.body.proposals[0].choices[0].share).toBe('96,97%');
    expect(await status(june)).toBe('ratified');
  });

  it('rejection marks them not ratified', async () => {
    const june = await decide({ title: 'Cao onderkant arbeidsmarkt', questionType: 'for_against' }, { GM0363: 'for' });
    await decide(
      { title: 'Bekrachtiging', questionType: 'for_against', ratifiesConsultationId: june },
      { GM0363: 'against', GM0599: 'for' }, // 12 against 12: a tie is rejected
    );
    expect(await status(june)).toBe('not_ratified');
  });

  it('only published results can be put up for ratification', async () => {
    const open = await openConsultation(t, schemeId, [{ title: 'Open', questionType: 'for_against' }]);
    const draft = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'alv',
        title: 'ALV',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        votingDeadline: new Date(Date.now() + 86400_000).toISOString(),
      })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/consultations/${draft.body.id}/proposals`)
      .set(auth(t))
      .send({ title: 'Bekrachtiging', questionType: 'for_against', ratifiesConsultationId: open.id })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'ratifiesConsultationId', rule: 'only published results that are not yet ratified can be ratified' }]);
  });
});
