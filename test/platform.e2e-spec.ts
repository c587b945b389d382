import { startTestApp, TestApp } from './setup/test-app';
import { auth, FIVE_MEMBERS, importRegister } from './support/factories';

describe('the platform around the domain', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.info.title).toBe('VNG Ledenraadpleging API');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/consultations/{id}/open-voting', '/api/consultations/{consultationId}/ballot/submissions', '/api/members/import']),
    );
    await t.http().get('/api/docs').expect(200);
  });

  it('reports PostgreSQL and Redis healthy', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('keeps the merger history: a member that merged is not on the register after the merger date', async () => {
    await importRegister(t, [...FIVE_MEMBERS, ['GM0003', 'Appingedam', 11523], ['GM0010', 'Delfzijl', 24609]]);
    await t
      .http()
      .post('/api/members')
      .set(auth(t))
      .send({
        cbsCode: 'GM1979',
        name: 'Eemsdelta',
        secretaryName: 'Secretaris Eemsdelta',
        secretaryEmail: 'secretaris@eemsdelta.example',
        joinedOn: '2021-01-01',
        inhabitants: { referenceDate: '2021-01-01', inhabitants: 45578, source: 'CBS' },
      })
      .expect(201);
    const members = (await t.http().get('/api/members?on=2020-06-30').set(auth(t))).body.items;
    for (const code of ['GM0003', 'GM0010']) {
      const id = members.find((m: { cbsCode: string }) => m.cbsCode === code).id;
      await t.http().post(`/api/members/${id}/departure`).set(auth(t)).send({ leftOn: '2021-01-01', mergedIntoCode: 'GM1979' }).expect(200);
    }
    const codes = (on: string) =>
      t
        .http()
        .get(`/api/members?on=${on}`)
        .set(auth(t))
        .then((r) => r.body.items.map((m: { cbsCode: string }) => m.cbsCode));
    expect(await codes('2020-12-31')).toEqual(expect.arrayContaining(['GM0003', 'GM0010']));
    expect(await codes('2020-12-31')).not.toContain('GM1979');
    const after = await codes('2021-01-01');
    expect(after).toContain('GM1979');
    expect(after).not.toContain('GM0003');
    // on 2021-01-01 the most recent count at or before that date is used
    const eemsdelta = (await t.http().get('/api/members?on=2021-06-30').set(auth(t))).body.items.find((m: { cbsCode: string }) => m.cbsCode === 'GM1979');
    expect(eemsdelta).toMatchObject({ inhabitants: 45578, inhabitantsReferenceDate: '2021-01-01' });
  });
});
