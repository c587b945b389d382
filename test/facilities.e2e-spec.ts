import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, FIVE_MEMBERS, importRegister } from './support/factories';
import { FacilitiesService } from '../src/facilities/facilities.service';
import { seedFacilities } from '../src/demo/facilities-2017';
import { DEMO_REFERENCE_DATE, demoRegisterCsv } from '../src/demo/seed-2020';
import { MembersService } from '../src/members/members.service';
import { instantToAmsterdam } from '../src/platform/text/amsterdam-time';

const PASSWORD = 'een-lang-wachtwoord';
/** Joins are never in the past, so the hand-worked years are next year (Y) and the one after. */
const Y = Number(instantToAmsterdam(new Date()).slice(0, 4)) + 1;

const GOVROAM = {
  code: 'govroam',
  name: 'Govroam',
  description: 'Veilig inloggen op het wifi-netwerk van elke aangesloten overheidsorganisatie.',
  phase: 'scaling',
  joiningIt: 'Verbinding met de centrale authenticatieserver en instellingen op netwerkapparaten.',
  joiningProcess: 'Geen.',
  joiningStaff: 'Geen.',
  conditions: 'Aansluiting per kalenderjaar.',
  termYears: 1,
  noticeMonths: 3,
  exitCostCents: 0,
  yearlyCostsCents: 1_000_000,
  tariff: {
    oneOffCents: 150_000,
    yearly: {
      kind: 'user_bands',
      bands: [
        { fromUsers: 0, toUsers: 249, cents: 50_000 },
        { fromUsers: 250, toUsers: 999, cents: 100_000 },
        { fromUsers: 1000, toUsers: null, cents: 250_000 },
      ],
    },
  },
};
const NETWORK = {
  code: 'gon',
  name: 'Gemeentelijk Overheid Netwerk',
  description: 'Gesloten netwerk.',
  phase: 'development',
  joiningIt: 'Netwerkaansluiting.',
  joiningProcess: 'Verbindingen opheffen.',
  joiningStaff: 'Geen.',
  conditions: 'Drie jaar.',
  termYears: 3,
  noticeMonths: 6,
  exitCostCents: 200_000,
  tariff: { oneOffCents: 0, yearly: { kind: 'per_inhabitant', centsPerInhabitant: '0.75' } },
};

describe('collective facilities: joining binds, the tariff sets the costs', () => {
  let t: TestApp;
  let db: DataSource;
  let govroam: string;
  let network: string;
  const official = new Map<string, Record<string, string>>();
  const memberships = () => db.query(`SELECT count(*)::int AS n FROM facility_membership`).then((r) => r[0].n as number);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    for (const code of ['GM0489', 'GM0498']) {
      const email = `ict.${code.toLowerCase()}@gemeente.example`;
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ email, name: `Ambtenaar ${code}`, role: 'member_official', password: PASSWORD, memberCode: code })
        .expect(201);
      official.set(code, { Authorization: `Bearer ${(await t.http().post('/api/auth/sign-in').send({ email, password: PASSWORD }).expect(200)).body.token}` });
    }
  });
  afterAll(() => t.close());

  it('the board adds facilities; a tariff whose bands leave a gap is refused naming the band', async () => {
    const gap = {
      ...GOVROAM,
      tariff: {
        oneOffCents: 150_000,
        yearly: {
          kind: 'user_bands',
          bands: [
            { fromUsers: 0, toUsers: 249, cents: 50_000 },
            { fromUsers: 300, toUsers: null, cents: 100_000 },
          ],
        },
      },
    };
    const refused = await t.http().post('/api/facilities').set(auth(t)).send(gap).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'tariff.yearly.bands[1].fromUsers', rule: 'must be 250, one more than where the band before ends: bands may leave no gap and may not overlap' },
    ]);
    const missing = await t
      .http()
      .post('/api/facilities')
      .set(auth(t))
      .send({ ...GOVROAM, tariff: { oneOffCents: 0, yearly: { kind: 'fixed' } } })
      .expect(400);
    expect([...new Set(missing.body.errors.map((e: { field: string }) => e.field))]).toEqual(['tariff.yearly.cents']);
    expect(await db.query(`SELECT count(*)::int AS n FROM facility`)).toEqual([{ n: 0 }]);
    govroam = (await t.http().post('/api/facilities').set(auth(t)).send(GOVROAM).expect(201)).body.id;
    network = (await t.http().post('/api/facilities').set(auth(t)).send(NETWORK).expect(201)).body.id;
    await t.http().post('/api/facilities').set(auth(t)).send(GOVROAM).expect(409);
    await t.http().post('/api/facilities').set(official.get('GM0489')!).send(NETWORK).expect(403);
    const catalogue = (await t.http().get('/api/facilities').expect(200)).body.items;
    expect(catalogue.find((f: { code: string }) => f.code === 'govroam').tariffNl).toBe(
      'eenmalig € 1.500,00; per jaar € 500,00 (0 tot en met 249 gebruikers), € 1.000,00 (250 tot en met 999 gebruikers), € 2.500,00 (1.000 of meer gebruikers)',
    );
  });

  it('refuses joining without users, with old terms, for another municipality, by the board, and twice; writing nothing', async () => {
    const join = (code: string, body: object, id = govroam) => t.http().post(`/api/facilities/${id}/memberships`).set(official.get(code)!).send(body);
    const noUsers = await join('GM0489', { termsVersion: 1, joinedOn: `${Y}-03-01` }).expect(400);
    expect(noUsers.body.errors[0].field).toBe('users');
    const stale = await join('GM0489', { termsVersion: 2, joinedOn: `${Y}-03-01`, users: 300 }).expect(409);
    expect(stale.body.errors[0].field).toBe('termsVersion');
    const other = await join('GM0489', { termsVersion: 1, joinedOn: `${Y}-03-01`, users: 300, memberCode: 'GM0498' }).expect(403);
    expect(other.body.message).toContain('only on behalf of its own municipality (GM0489)');
    const past = await join('GM0489', { termsVersion: 1, joinedOn: '2020-07-01', users: 300 }).expect(400);
    expect(past.body.errors[0].field).toBe('joinedOn');
    await t.http().post(`/api/facilities/${govroam}/memberships`).set(auth(t)).send({ termsVersion: 1, users: 300 }).expect(403);
    expect(await memberships()).toBe(0);

    await join('GM0489', { termsVersion: 1, joinedOn: `${Y}-03-01`, users: 300 }).expect(201);
    const twice = await join('GM0489', { termsVersion: 1, joinedOn: `${Y}-06-01`, users: 300 }).expect(409);
    expect(twice.body.error).toBe('DUPLICATE');
    await join('GM0489', { termsVersion: 1, joinedOn: `${Y}-01-01` }, network).expect(201);
    await join('GM0498', { termsVersion: 1, joinedOn: `${Y + 1}-01-01`, users: 1200 }).expect(201);
    expect(await memberships()).toBe(3);
  });

  it('costs per member per year, worked by hand: the one-off and the band in the year of joining, the band alone after', async () => {
    // Barendrecht in Y: Govroam € 1.500 once + € 1.000 (300 users: band 250-999); the network
    // 48,654 inhabitants × 0,75 ct = 36.490,5 ct, half up: € 364,91. Total € 2.864,91.
    const charges = (await t.http().get(`/api/facility-charges?year=${Y}`).set(auth(t)).expect(200)).body.items;
    expect(charges.map((c: { memberCode: string; cents: number }) => [c.memberCode, c.cents])).toEqual([['GM0489', 286_491]]);
    expect(charges[0].lines.map((l: { facilityCode: string; kind: string; cents: number }) => [l.facilityCode, l.kind, l.cents])).toEqual([
      ['gon', 'yearly', 36_491],
      ['govroam', 'one_off', 150_000],
      ['govroam', 'yearly', 100_000],
    ]);
    expect(charges[0].description).toBe(`Collectieve voorzieningen ${Y}: Gemeentelijk Overheid Netwerk, Govroam`);
    // Y+1: Barendrecht € 1.000 + € 364,91; Drechterland joins with 1,200 users: € 1.500 + € 2.500.
    const next = await t.app.get(FacilitiesService).facilityCharges(Y + 1);
    expect(next.map((c) => [c.memberCode, c.cents])).toEqual([
      ['GM0489', 136_491],
      ['GM0498', 400_000],
    ]);
  });

  it('the terms as signed bind: a later tariff change does not change what a joined member pays', async () => {
    const bands = [
      { fromUsers: 0, toUsers: 249, cents: 60_000 },
      { fromUsers: 250, toUsers: 999, cents: 120_000 },
      { fromUsers: 1000, toUsers: null, cents: 300_000 },
    ];
    const changed = await t
      .http()
      .patch(`/api/facilities/${govroam}`)
      .set(auth(t))
      .send({ tariff: { oneOffCents: 150_000, yearly: { kind: 'user_bands', bands } } })
      .expect(200);
    expect(changed.body.termsVersion).toBe(2);
    const unchangedTerms = await t.http().patch(`/api/facilities/${govroam}`).set(auth(t)).send({ phase: 'management' }).expect(200);
    expect(unchangedTerms.body.termsVersion).toBe(2);
    const next = await t.app.get(FacilitiesService).facilityCharges(Y + 1);
    expect(next.find((c) => c.memberCode === 'GM0489')!.cents).toBe(136_491);
    const signed = await db.query(`SELECT terms->>'termsVersion' AS v FROM facility_membership ORDER BY joined_on`);
    expect(signed.map((r: { v: string }) => r.v)).toEqual(['1', '1', '1']);
  });

  it('leaving only at the end of a term, with notice: earlier is refused naming the earliest day; the exit cost falls in the last year', async () => {
    const own = (await t.http().get('/api/facility-memberships/own').set(official.get('GM0489')!).expect(200)).body.items;
    const gov = own.find((m: { facilityCode: string }) => m.facilityCode === 'govroam');
    const gon = own.find((m: { facilityCode: string }) => m.facilityCode === 'gon');
    expect([gov.earliestLastDay, gon.earliestLastDay]).toEqual([`${Y}-12-31`, `${Y + 2}-12-31`]);
    const early = await t
      .http()
      .post(`/api/facility-memberships/${gon.id}/notice`)
      .set(official.get('GM0489')!)
      .send({ lastDay: `${Y}-12-31` })
      .expect(400);
    expect(early.body.errors[0]).toEqual({ field: 'lastDay', rule: expect.stringContaining(`leaving before the term ends is not possible`) });
    expect(early.body.errors[0].rule).toContain(`the earliest last day is ${Y + 2}-12-31`);
    await t
      .http()
      .post(`/api/facility-memberships/${gon.id}/notice`)
      .set(official.get('GM0489')!)
      .send({ lastDay: `${Y + 3}-06-30` })
      .expect(400);
    await t.http().post(`/api/facility-memberships/${gon.id}/notice`).set(official.get('GM0498')!).send({}).expect(403);
    const given = await t.http().post(`/api/facility-memberships/${gon.id}/notice`).set(official.get('GM0489')!).send({}).expect(200);
    expect(given.body.lastDay).toBe(`${Y + 2}-12-31`);
    await t.http().post(`/api/facility-memberships/${gon.id}/notice`).set(official.get('GM0489')!).send({}).expect(409);
    // Y+2: the network's yearly € 364,91 and the exit cost € 2.000; Govroam € 1.000. Y+3: Govroam only.
    const service = t.app.get(FacilitiesService);
    expect((await service.facilityCharges(Y + 2)).find((c) => c.memberCode === 'GM0489')!.lines.map((l) => [l.facilityCode, l.kind, l.cents])).toEqual([
      ['gon', 'yearly', 36_491],
      ['gon', 'exit', 200_000],
      ['govroam', 'yearly', 100_000],
    ]);
    expect((await service.facilityCharges(Y + 3)).find((c) => c.memberCode === 'GM0489')!.cents).toBe(100_000);
  });

  it("the users declared for a year set that year's band", async () => {
    const own = (await t.http().get('/api/facility-memberships/own').set(official.get('GM0498')!).expect(200)).body.items;
    await t
      .http()
      .put(`/api/facility-memberships/${own[0].id}/users`)
      .set(official.get('GM0498')!)
      .send({ year: Y + 2, users: 100 })
      .expect(204);
    await t.http().put(`/api/facility-memberships/${own[0].id}/users`).set(official.get('GM0498')!).send({ year: Y, users: 100 }).expect(400); // not yet a member in Y
    const charges = await t.app.get(FacilitiesService).facilityCharges(Y + 2);
    expect(charges.find((c) => c.memberCode === 'GM0498')!.cents).toBe(50_000);
  });

  it('the board sees adoption (members, share of inhabitants) and revenue against costs', async () => {
    const report = (await t.http().get(`/api/facility-adoption?year=${Y}`).set(auth(t)).expect(200)).body;
    // 5 members, 869,709 + 650,459 + 48,654 + 19,775 + 953 = 1,589,550 inhabitants; Barendrecht 48,654 = 3,06%.
    expect([report.totalMembers, report.totalInhabitants]).toEqual([5, 1_589_550]);
    const gov = report.facilities.find((f: { code: string }) => f.code === 'govroam');
    expect(gov).toMatchObject({
      members: 1,
      membersShare: '20,00%',
      inhabitants: 48_654,
      inhabitantsShare: '3,06%',
      revenueCents: 250_000,
      costsCents: 1_000_000,
      balanceCents: -750_000,
    });
    await t.http().get('/api/facility-adoption?year=abc').set(auth(t)).expect(400);
    const page = await t.http().get(`/bestuur/voorzieningen?jaar=${Y}`).set(auth(t)).expect(200);
    expect(page.text).toContain('3,06%');
    expect(page.text).toContain('€ 2.864,91');
  });

  it('a member official joins and gives notice in the browser; refusals come back in Dutch', async () => {
    const browser = request.agent(t.app.getHttpServer());
    let csrf = '';
    const open = async (path: string) => {
      const res = await browser.get(path).expect(200);
      csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
      return res;
    };
    await open('/bestuur/inloggen');
    const signIn = await browser
      .post('/bestuur/inloggen')
      .type('form')
      .send({ email: 'ict.gm0498@gemeente.example', password: PASSWORD, _csrf: csrf })
      .expect(303);
    expect(signIn.headers.location).toBe('/gemeente');
    const page = await open('/gemeente/voorzieningen');
    expect(page.text).toContain('Voorzieningen van Drechterland');
    const refused = await browser
      .post('/gemeente/voorzieningen/gon/aansluiten')
      .type('form')
      .send({ _csrf: csrf, termsVersion: '1', joinedOn: `${Y}-01-01` })
      .expect(400);
    expect(refused.text).toContain('Vink aan dat u namens uw gemeente akkoord gaat met de voorwaarden.');
    await browser
      .post('/gemeente/voorzieningen/gon/aansluiten')
      .type('form')
      .send({ _csrf: csrf, termsVersion: '1', joinedOn: `${Y}-01-01`, accept: 'ja' })
      .expect(303);
    const again = await browser
      .post('/gemeente/voorzieningen/gon/aansluiten')
      .type('form')
      .send({ _csrf: csrf, termsVersion: '1', joinedOn: `${Y}-02-01`, accept: 'ja' })
      .expect(409);
    expect(again.text).toContain('Uw gemeente is al aangesloten bij deze voorziening.');
    const mine = (await t.http().get('/api/facility-memberships/own').set(official.get('GM0498')!).expect(200)).body.items.find(
      (m: { facilityCode: string }) => m.facilityCode === 'gon',
    );
    const early = await browser
      .post('/gemeente/voorzieningen/gon/opzeggen')
      .type('form')
      .send({ _csrf: csrf, membershipId: mine.id, lastDay: `${Y}-12-31` })
      .expect(400);
    expect(early.text).toContain(`Opzeggen vóór het einde van de looptijd kan niet: het lidmaatschap eindigt op zijn vroegst op 31 december ${Y + 2}.`);
    await browser.post('/gemeente/voorzieningen/gon/opzeggen').type('form').send({ _csrf: csrf, membershipId: mine.id, lastDay: '' }).expect(303);
    const after = await open('/gemeente/voorzieningen');
    expect(after.text).toContain(`lid tot en met 31 december ${Y + 2}`);
    const catalogue = await t.http().get('/voorzieningen/govroam').expect(200);
    expect(catalogue.text).toContain('€ 1.500,00');
  });

  it('a tariff valid from a year on: the yearly amount of each year follows the step in force that year', async () => {
    const MOVING = {
      ...NETWORK,
      code: 'verhuisservice',
      name: 'Landelijke verhuisservice',
      termYears: 1,
      noticeMonths: 0,
      exitCostCents: 0,
      tariff: {
        oneOffCents: 0,
        yearly: { kind: 'fixed', cents: 40_000 },
        yearlyFrom: [
          { fromYear: Y + 1, yearly: { kind: 'fixed', cents: 45_000 } },
          { fromYear: Y + 2, yearly: { kind: 'per_inhabitant', centsPerInhabitant: '0.5' } },
        ],
      },
    };
    const twice = { ...MOVING, tariff: { ...MOVING.tariff, yearlyFrom: [MOVING.tariff.yearlyFrom[0], MOVING.tariff.yearlyFrom[0]] } };
    const refused = await t.http().post('/api/facilities').set(auth(t)).send(twice).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'tariff.yearlyFrom[1].fromYear', rule: `must be after ${Y + 1}: the steps go up by year, one per year` }]);
    const created = await t.http().post('/api/facilities').set(auth(t)).send(MOVING).expect(201);
    expect(created.body.tariff.yearlyFrom).toHaveLength(2);
    const inCatalogue = (await t.http().get('/api/facilities').expect(200)).body.items.find((f: { code: string }) => f.code === 'verhuisservice');
    expect(inCatalogue.tariffNl).toBe(`per jaar € 400,00; vanaf ${Y + 1}: per jaar € 450,00; vanaf ${Y + 2}: per jaar 0,5 ct per inwoner`);
    await t
      .http()
      .post(`/api/facilities/${created.body.id}/memberships`)
      .set(official.get('GM0498')!)
      .send({ termsVersion: 1, joinedOn: `${Y}-01-01` })
      .expect(201);
    // Drechterland: € 400 in Y, € 450 in Y+1, then 19,775 inhabitants × 0,5 ct = 9.887,5 ct, half up: € 98,88.
    const moving = async (year: number) =>
      (await t.app.get(FacilitiesService).facilityCharges(year))
        .find((c) => c.memberCode === 'GM0498')!
        .lines.filter((l) => l.facilityCode === 'verhuisservice')
        .map((l) => l.cents);
    expect([await moving(Y), await moving(Y + 1), await moving(Y + 2)]).toEqual([[40_000], [45_000], [9_888]]);
  });
});

describe('the demo: the six facilities of 2017', () => {
  it("has Govroam's real tariff and members joined in a spread, with costs that follow", async () => {
    const t = await startTestApp();
    try {
      await t.app.get(MembersService).import({ referenceDate: DEMO_REFERENCE_DATE, source: 'test', csv: demoRegisterCsv(), dryRun: false }, 'test');
      expect((await seedFacilities(t.app)).created).toBe(true);
      expect((await seedFacilities(t.app)).created).toBe(false);
      const catalogue = (await t.http().get('/api/facilities').expect(200)).body.items as {
        code: string;
        members: number;
        tariff: { oneOffCents: number; yearly: { bands: { cents: number }[] } };
      }[];
      expect(catalogue.map((f) => f.code).sort()).toEqual(['gibit', 'gon', 'govroam', 'overlijdensaangifte', 'rijbewijzen', 'verhuisservice']);
      const govroam = catalogue.find((f) => f.code === 'govroam')!;
      // € 1.500 once; € 500 to € 2.500 a year (seed 002).
      expect(govroam.tariff.oneOffCents).toBe(150_000);
      expect([govroam.tariff.yearly.bands[0].cents, govroam.tariff.yearly.bands.at(-1)!.cents]).toEqual([50_000, 250_000]);
      const joined = Object.fromEntries(catalogue.map((f) => [f.code, f.members]));
      expect(joined.rijbewijzen).toBe(5);
      expect(joined.gibit).toBeGreaterThan(joined.govroam);
      expect(joined.govroam).toBeGreaterThan(joined.gon);
      expect(joined.gon).toBeGreaterThan(0);
      // Every Govroam member joined in 2020 or 2021 pays € 1.500 once in that year.
      const charges = await t.app.get(FacilitiesService).facilityCharges(2021);
      const oneOffs = charges.flatMap((c) => c.lines).filter((l) => l.facilityCode === 'govroam' && l.kind === 'one_off');
      expect(oneOffs.length).toBeGreaterThan(0);
      expect(new Set(oneOffs.map((l) => l.cents))).toEqual(new Set([150_000]));
    } finally {
      await t.close();
    }
  });
});
