import { DataSource } from 'typeorm';
import { AuditTrailService } from '../src/audit/audit-trail.service';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, EXAMPLE_TABLE, importRegister, inDays } from './support/factories';
import { seedDemo } from '../src/demo/seed-2020';

/** The text a PDF shows: the hex strings of its (uncompressed) TJ operators, decoded as WinAnsi. */
function pdfText(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .split('\n')
    .filter((line) => / TJ$/.test(line))
    .map((line) => [...line.matchAll(/<([0-9a-f]*)>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join(''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

const MEMBERS: [string, string, number][] = [
  ['GM0363', 'Amsterdam', 869709],
  ['GM0489', 'Barendrecht', 48654],
  ['GM0498', 'Drechterland', 19775],
  ['GM1507', 'Horst aan de Maas', 42416],
  ['GM0388', 'Enkhuizen', 18658],
  ['GM0532', 'Stede Broec', 21773],
  ['GM0984', 'Venray', 43707],
  ['GM1894', 'Peel en Maas', 43561],
];
const PASSWORD = 'een-lang-wachtwoord';
const REASONING =
  'Wij delen de financiële zorgen van de indienende gemeenten. Het contributievoorstel is gebaseerd op meerjarige afspraken, ' +
  'waarmee de ALV in juni 2018 met een meerderheid van 96% heeft ingestemd. Gelet hierop nemen wij de amendementen niet over.';

describe("amendments and the board's response: the 2020 case", () => {
  let t: TestApp;
  let db: DataSource;
  let consultationId: string;
  let contribution: string;
  let vacancies: string;
  const official = new Map<string, string>(); // member code -> session token
  const as = (code: string) => ({ Authorization: `Bearer ${official.get(code)}` });
  const amendments = () => db.query(`SELECT count(*)::int AS n FROM amendment`).then((r) => r[0].n as number);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, MEMBERS);
    for (const code of ['GM0489', 'GM0498', 'GM1507', 'GM0388', 'GM0984']) {
      const email = `griffie.${code.toLowerCase()}@gemeente.example`;
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ email, name: `Ambtenaar ${code}`, role: 'member_official', password: PASSWORD, memberCode: code })
        .expect(201);
      official.set(code, (await t.http().post('/api/auth/sign-in').send({ email, password: PASSWORD }).expect(200)).body.token);
    }
    const schemeId = await createScheme(t, EXAMPLE_TABLE);
    const c = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'ledenraadpleging',
        title: 'Ledenraadpleging juni 2020',
        reference: 'Lbr. 20/030',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        amendmentDeadline: inDays(1),
        votingDeadline: inDays(5),
      })
      .expect(201);
    consultationId = c.body.id;
    vacancies = (
      await t
        .http()
        .post(`/api/consultations/${consultationId}/proposals`)
        .set(auth(t))
        .send({ title: 'Invulling vacatures bestuur en commissies', questionType: 'for_against' })
        .expect(201)
    ).body.id;
    contribution = (
      await t
        .http()
        .post(`/api/consultations/${consultationId}/proposals`)
        .set(auth(t))
        .send({
          title: 'Contributievoorstel VNG 2021',
          questionType: 'for_against',
          value: { label: 'contributieverhoging', kind: 'percentage', value: 3.9 },
        })
        .expect(201)
    ).body.id;
    await t.http().post(`/api/consultations/${consultationId}/open-amendments`).set(auth(t)).expect(200);
  });
  afterAll(() => t.close());

  const amend = (code: string) => t.http().post(`/api/consultations/${consultationId}/amendments`).set(as(code));
  const ids: Record<string, string> = {};
  /** The two amendments filed at the same moment, as their submitters appear once confirmed, in the order of their references. */
  let concurrentInReferenceOrder: [string, string] = ['', ''];

  it('three amendments of the same purport are submitted, two at the same moment, and all are kept', async () => {
    const text = 'De contributie stijgt in 2021 met 2,9% in plaats van 3,9%.';
    const rationale = 'De financiële situatie van gemeenten door eerdere bezuinigingen en de coronamaatregelen.';
    const first = await amend('GM0489').send({ proposalId: contribution, text, rationale, changedValue: 2.9 }).expect(201);
    expect(first.body.reference).toBe('AM-2020-002-01');
    const [drechterland, horst] = await Promise.all([
      amend('GM0498').send({ proposalId: contribution, text, rationale, changedValue: 2.9, coSponsorCodes: ['GM0388', 'GM0532'] }),
      amend('GM1507').send({ proposalId: contribution, text, rationale, changedValue: 2.9, coSponsorCodes: ['GM0984', 'GM1894'] }),
    ]);
    expect([drechterland.status, horst.status]).toEqual([201, 201]);
    // Filed at the same moment, which of the two gets -02 and which -03 is the database's choice; both get one, without a gap.
    expect([drechterland.body.reference, horst.body.reference].sort()).toEqual(['AM-2020-002-02', 'AM-2020-002-03']);
    concurrentInReferenceOrder =
      drechterland.body.reference < horst.body.reference ? ['Drechterland c.s.', 'Horst aan de Maas c.s.'] : ['Horst aan de Maas c.s.', 'Drechterland c.s.'];
    Object.assign(ids, { barendrecht: first.body.id, drechterland: drechterland.body.id, horst: horst.body.id });
    const mail = await db.query(`SELECT to_address, kind FROM mail_message WHERE kind = 'amendment-received' ORDER BY to_address`);
    expect(mail.map((m: { to_address: string }) => m.to_address)).toEqual([
      'griffie.gm0489@gemeente.example',
      'griffie.gm0498@gemeente.example',
      'griffie.gm1507@gemeente.example',
    ]);
  });

  it('co-sponsors show as pending until they confirm through their own account', async () => {
    let list = (await t.http().get(`/api/consultations/${consultationId}/amendments`).set(auth(t)).expect(200)).body.items;
    expect(list.find((a: { id: string }) => a.id === ids.drechterland).coSponsors.map((c: { confirmed: boolean }) => c.confirmed)).toEqual([false, false]);
    await t.http().post(`/api/amendments/${ids.drechterland}/confirm`).set(as('GM0388')).expect(204);
    await t.http().post(`/api/amendments/${ids.horst}/confirm`).set(as('GM0984')).expect(204);
    await t.http().post(`/api/amendments/${ids.horst}/confirm`).set(as('GM0388')).expect(403); // Enkhuizen is not a co-sponsor of Horst
    list = (await t.http().get(`/api/consultations/${consultationId}/amendments`).set(as('GM0489')).expect(200)).body.items;
    expect(list.find((a: { id: string }) => a.id === ids.drechterland).coSponsors).toEqual([
      { memberCode: 'GM0388', memberName: 'Enkhuizen', confirmed: true },
      { memberCode: 'GM0532', memberName: 'Stede Broec', confirmed: false },
    ]);
  });

  it("submitters edit and withdraw their own until the deadline, not others'", async () => {
    const extra = await amend('GM0489').send({ proposalId: vacancies, text: 'Voeg een vacature toe.', rationale: 'Evenwichtige spreiding.' }).expect(201);
    await t.http().patch(`/api/amendments/${extra.body.id}`).set(as('GM0498')).send({ text: 'Anders' }).expect(403);
    const edited = await t.http().patch(`/api/amendments/${extra.body.id}`).set(as('GM0489')).send({ text: 'Voeg twee vacatures toe.' }).expect(200);
    expect(edited.body.text).toBe('Voeg twee vacatures toe.');
    await t.http().post(`/api/amendments/${extra.body.id}/withdraw`).set(as('GM0489')).expect(200);
    const actions = await db.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [extra.body.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['amendment.submitted', 'amendment.edited', 'amendment.withdrawn']);
  });

  it('refuses bad amendments with the field and the rule, writing nothing', async () => {
    const before = await amendments();
    const other = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'alv',
        title: 'Andere ALV',
        referenceDate: '2020-06-30',
        weightingSchemeId: (await db.query('SELECT id FROM weighting_scheme LIMIT 1'))[0].id,
        votingDeadline: inDays(9),
      })
      .expect(201);
    const foreign = (
      await t.http().post(`/api/consultations/${other.body.id}/proposals`).set(auth(t)).send({ title: 'X', questionType: 'for_against' }).expect(201)
    ).body.id;
    const cases: [object, number, string][] = [
      [{ proposalId: foreign, text: 'x', rationale: 'y' }, 400, 'proposalId'],
      [{ proposalId: contribution, text: '', rationale: 'y' }, 400, 'text'],
      [{ proposalId: contribution, text: 'x', rationale: 'y', changedValue: '2,9%' }, 400, 'changedValue'],
      [{ proposalId: vacancies, text: 'x', rationale: 'y', changedValue: 2.9 }, 400, 'changedValue'],
      [{ proposalId: contribution, text: 'x', rationale: 'y', coSponsorCodes: ['GM9999'] }, 400, 'coSponsorCodes[0]'],
      [{ proposalId: contribution, text: 'x', rationale: 'y', coSponsorCodes: ['GM0489'] }, 400, 'coSponsorCodes[0]'],
    ];
    for (const [body, status, field] of cases) {
      const res = await amend('GM0489').send(body).expect(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await t
      .http()
      .post(`/api/consultations/${consultationId}/amendments`)
      .set(auth(t))
      .send({ proposalId: contribution, text: 'x', rationale: 'y' })
      .expect(403);
    expect(await amendments()).toBe(before);
  });

  it('the board answers: adopting makes a new version and keeps the old one readable', async () => {
    const adopted = await amend('GM1507')
      .send({ proposalId: vacancies, text: 'Benoem ook een lid uit een kleine gemeente.', rationale: 'Spreiding.' })
      .expect(201);
    await t
      .http()
      .post(`/api/amendments/${adopted.body.id}/response`)
      .set(auth(t))
      .send({ response: 'adopt', reasoning: 'Het bestuur neemt dit over.' })
      .expect(200);
    const versions = (await t.http().get(`/api/proposals/${vacancies}/versions`).expect(200)).body.items;
    expect(versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [1, 'original'],
      [2, `amendment ${adopted.body.reference} adopted`],
    ]);
    expect(versions[0].summary).toBe('');
    expect(versions[1].summary).toContain('Benoem ook een lid uit een kleine gemeente.');
    for (const id of [ids.barendrecht, ids.drechterland, ids.horst]) {
      await t
        .http()
        .post(`/api/amendments/${id}/response`)
        .set(auth(t))
        .send({ response: 'not_adopt', reasoning: REASONING, purport: 'beperking contributiestijging tot 2,9%' })
        .expect(200);
    }
    await t.http().post(`/api/amendments/${ids.horst}/response`).set(auth(t)).send({ response: 'adopt', reasoning: 'toch' }).expect(409);
    await t.http().post(`/api/amendments/${ids.horst}/response`).set(as('GM1507')).send({ response: 'adopt', reasoning: 'zelf' }).expect(403);
  });

  it("a motion gets the board's advice", async () => {
    const motion = await t
      .http()
      .post(`/api/consultations/${consultationId}/motions`)
      .set(as('GM0984'))
      .send({ text: 'De ALV verzoekt het bestuur de contributie vanaf 2022 opnieuw te bezien.', rationale: 'Corona.' })
      .expect(201);
    expect(motion.body.reference).toBe('MO-2020-001');
    await t.http().post(`/api/amendments/${motion.body.id}/response`).set(auth(t)).send({ response: 'not_adopt', reasoning: 'x' }).expect(400);
    await t
      .http()
      .post(`/api/amendments/${motion.body.id}/response`)
      .set(auth(t))
      .send({ response: 'advise_hold_over', reasoning: 'Aanhouden tot de ALV na de zomer.' })
      .expect(200);
  });

  it("the consultation's audit trail takes in its amendments' and motions' entries, which name only themselves", async () => {
    const trail = t.app.get(AuditTrailService);
    const page = { size: 100, offset: 0 };
    // The amendment edited and withdrawn above, and the one motion: each found by the consultation.
    const withdrawn = await trail.search({ consultationId, action: 'amendment.withdrawn' }, page);
    expect(withdrawn.total).toBe(1);
    expect(withdrawn.items[0].actor).toBe('staff:griffie.gm0489@gemeente.example');
    const motions = await trail.search({ consultationId, action: 'motion.submitted' }, page);
    expect(motions.total).toBe(1);
    // Another consultation's trail does not have them.
    const other = await trail.search({ consultationId: '00000000-0000-4000-8000-000000000000', action: 'amendment.withdrawn' }, page);
    expect(other.total).toBe(0);
  });

  it('one second before the deadline is in time; one second after is refused with the deadline', async () => {
    await db.query(`UPDATE consultation SET amendment_deadline = clock_timestamp() + interval '1 second' WHERE id = $1`, [consultationId]);
    const inTime = await amend('GM0388').send({ proposalId: vacancies, text: 'Laat amendement.', rationale: 'Net op tijd.' }).expect(201);
    await db.query(`UPDATE consultation SET amendment_deadline = clock_timestamp() - interval '1 second' WHERE id = $1`, [consultationId]);
    const late = await amend('GM0388').send({ proposalId: vacancies, text: 'Te laat.', rationale: 'Te laat.' }).expect(409);
    expect(late.body.error).toBe('DEADLINE_PASSED');
    expect(late.body.message).toMatch(/were due by \d+ \w+ \d{4} om \d\d:\d\d \(Europe\/Amsterdam\)/);
    await t.http().post(`/api/amendments/${inTime.body.id}/withdraw`).set(as('GM0388')).expect(409);
    await t
      .http()
      .post(`/api/amendments/${inTime.body.id}/response`)
      .set(auth(t))
      .send({ response: 'inadmissible', reasoning: 'Dit amendement heeft geen inhoudelijke strekking.' })
      .expect(200);
  });

  it('publishing the final proposals derives the ballot: board proposal 3,9%, amended proposal 2,9%, against, abstain', async () => {
    await t.http().post(`/api/consultations/${consultationId}/publish-final-proposals`).set(auth(t)).expect(200);
    const detail = (await t.http().get(`/api/public/consultations/${consultationId}`).expect(200)).body;
    const q2 = detail.proposals.find((p: { id: string }) => p.id === contribution);
    expect(q2.questionType).toBe('alternatives');
    expect(q2.choices.map((c: { label: string }) => c.label)).toEqual([
      'Voorstel bestuur (3,9%)',
      // The submitters in reference order: Barendrecht (-01), then the two filed together in the order their references fell.
      `Geamendeerd voorstel Barendrecht, ${concurrentInReferenceOrder[0]} en ${concurrentInReferenceOrder[1]} (2,9%)`,
      'Tegen beide voorstellen',
      'Onthouding',
    ]);
    const q1 = detail.proposals.find((p: { id: string }) => p.id === vacancies);
    expect(q1.choices.map((c: { label: string }) => c.label)).toEqual(['Voor', 'Tegen', 'Onthouding']);
    const q3 = detail.proposals.find((p: { number: number }) => p.number === 3);
    expect(q3.title).toBe('Preadvies bestuur: motie Venray aanhouden');
    await amend('GM0489').send({ proposalId: contribution, text: 'x', rationale: 'y' }).expect(409);
  });

  it('the letter names submitters, the response and the choices, as a page and as a PDF', async () => {
    const letter = (await t.http().get(`/api/public/consultations/${consultationId}/definitive-proposals`).expect(200)).body;
    expect(letter.reference).toBe('Lbr. 20/030');
    const q2 = letter.proposals.find((p: { number: number }) => p.number === 2);
    expect(q2.value).toBe('contributieverhoging 3,9%');
    expect(q2.amendments.map((a: { submitters: string; response: string; changedValue: string }) => [a.submitters, a.response, a.changedValue])).toEqual([
      ['Barendrecht', 'niet overgenomen', '2,9%'],
      [concurrentInReferenceOrder[0], 'niet overgenomen', '2,9%'],
      [concurrentInReferenceOrder[1], 'niet overgenomen', '2,9%'],
    ]);
    expect(q2.amendments[0].reasoning).toBe(REASONING);
    expect(letter.motions[0]).toMatchObject({ submitters: 'Venray', advice: 'preadvies: aanhouden' });

    const page = await t.http().get(`/raadplegingen/${consultationId}/definitieve-voorstellen`).expect(200);
    expect(page.text).toContain('Amendement');
    expect(page.text).toContain('Reactie bestuur (niet overgenomen)');
    expect(page.text).toContain('Postbus 30435');

    const pdf = await t
      .http()
      .get(`/raadplegingen/${consultationId}/definitieve-voorstellen.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = pdf.body as Buffer;
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const text = pdfText(bytes);
    expect(text).toContain('1. Invulling vacatures bestuur en commissies');
    expect(text).toContain('2. Contributievoorstel VNG 2021');
    expect(text).toContain('Kenmerk: Lbr. 20/030');
  });

  it('a second consultation of the same year numbers its amendments from 1 again, without clashing with the first', async () => {
    const schemeId = await createScheme(t, EXAMPLE_TABLE);
    const second = (
      await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({
          kind: 'balv',
          title: 'Buitengewone ALV 2020',
          referenceDate: '2020-06-30',
          weightingSchemeId: schemeId,
          amendmentDeadline: inDays(1),
          votingDeadline: inDays(5),
        })
        .expect(201)
    ).body.id;
    await t.http().post(`/api/consultations/${second}/proposals`).set(auth(t)).send({ title: 'Eerste', questionType: 'for_against' }).expect(201);
    const proposal = (
      await t.http().post(`/api/consultations/${second}/proposals`).set(auth(t)).send({ title: 'Tweede', questionType: 'for_against' }).expect(201)
    ).body.id;
    await t.http().post(`/api/consultations/${second}/open-amendments`).set(auth(t)).expect(200);
    const res = await t
      .http()
      .post(`/api/consultations/${second}/amendments`)
      .set(as('GM0489'))
      .send({ proposalId: proposal, text: 'Anders.', rationale: 'Beter.' })
      .expect(201);
    expect(res.body.reference).toBe('AM-2020-002-01');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM amendment WHERE reference = 'AM-2020-002-01'`);
    expect(n).toBe(2);
  });
});

describe('the demo', () => {
  it('names the amendments of the 2020 consultation AM-2020-…, whatever year it is now', async () => {
    const t = await startTestApp();
    try {
      const { consultationId } = await seedDemo(t.app);
      const rows: { reference: string }[] = await t.app
        .get(DataSource)
        .query(`SELECT reference FROM amendment WHERE consultation_id = $1 ORDER BY reference`, [consultationId]);
      expect(rows.map((r) => r.reference)).toEqual(['AM-2020-003-01', 'AM-2020-003-02', 'AM-2020-003-03']);
      // The demo's money: Barendrecht (48,654) at +3.9% (€ 1.33) and +2.9% (€ 1.32) of the example 2020 rate € 1.28, or kept.
      const impact = (await t.http().get(`/api/finance/consultations/${consultationId}/impact`).set(auth(t)).expect(200)).body.proposals;
      expect(impact.map((p: { what: string }) => p.what)).toEqual(['Contributie 2021', 'Bijdrage collectief fonds 2021']);
      expect(impact[0].members.find((m: { cbsCode: string }) => m.cbsCode === 'GM0489').amounts.map((a: { amountCents: number }) => a.amountCents)).toEqual([
        6470982, 6422328, 6227712,
      ]);
      const [budget] = (await t.http().get('/api/finance/fund-budgets').set(auth(t)).expect(200)).body.items;
      expect(budget.check.correctionsAccepted).toEqual([
        expect.objectContaining({ label: 'Totaal structureel', statedCents: 2545200000, computedCents: 2554200000 }),
      ]);
      // The 2020 contribution is invoiced in the demo: Barendrecht 48,654 × € 1.28 = € 62.277,12, in two instalments of € 31.138,56.
      const invoices = (await t.http().get('/api/billing/invoices?year=2020&size=1000').set(auth(t)).expect(200)).body;
      expect(invoices.total).toBe(355);
      const barendrecht = invoices.items.find((i: { memberCode: string }) => i.memberCode === 'GM0489');
      expect(barendrecht.totalCents).toBe(6227712);
      expect(barendrecht.instalments.map((i: { dueOn: string; amountCents: number }) => [i.dueOn, i.amountCents])).toEqual([
        ['2020-03-01', 3113856],
        ['2020-09-01', 3113856],
      ]);
    } finally {
      await t.close();
    }
  });
});
