import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, inDays, secretaryTokens, vote } from './support/factories';

/**
 * The votes set the money. The 2020 rates of the test (an example: 1.61 / 1.48 / 1.28 / 0.63, the
 * rate of the whole population) and Barendrecht (48,654 inhabitants, band 25,000-200,000):
 *   2020 rates kept:  48,654 × 1.28 = € 62,277.12
 *   +3.9%: 1.28 × 1.039 = 1.32992 -> € 1.33; 48,654 × 1.33 = € 64,709.82
 *   +2.9%: 1.28 × 1.029 = 1.31712 -> € 1.32; 48,654 × 1.32 = € 64,223.28
 * Weights (example table): Amsterdam 12, Rotterdam 12, Barendrecht 5, Drechterland 3, Schiermonnikoog 1.
 */
describe('decision effects: the contribution of 2021 follows the vote', () => {
  let t: TestApp;
  let schemeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, FIVE_MEMBERS);
    schemeId = await createScheme(t, EXAMPLE_TABLE);
    await t
      .http()
      .post('/api/finance/contribution-schedules')
      .set(auth(t))
      .send({
        year: 2020,
        referenceDate: '2020-06-30',
        membersOn: '2020-06-30',
        bandMode: 'whole_population',
        bands: [
          { fromInhabitants: 0, ratePerInhabitant: '1.61' },
          { fromInhabitants: 5000, ratePerInhabitant: '1.48' },
          { fromInhabitants: 25000, ratePerInhabitant: '1.28' },
          { fromInhabitants: 200000, ratePerInhabitant: '0.63' },
        ],
        basis: 'Contributie 2020 (voorbeeldtarieven van de test)',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  /** A contribution proposal for 2021 with the board's 3.9% and the amended 2.9%, voted on and published. */
  async function contributionVote(votes: Record<string, 'board' | 'amended' | 'against'>, ratifies?: string) {
    const created = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'ledenraadpleging',
        title: 'Contributie 2021',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        votingDeadline: inDays(3),
      })
      .expect(201);
    const id = created.body.id as string;
    const proposal = await t
      .http()
      .post(`/api/consultations/${id}/proposals`)
      .set(auth(t))
      .send({
        title: 'Contributievoorstel 2021',
        questionType: 'alternatives',
        value: { label: 'contributieverhoging', kind: 'percentage', value: 3.9 },
        variants: [
          { label: 'Voorstel bestuur (3,9%)', value: 3.9 },
          { label: 'Geamendeerd voorstel (2,9%)', value: 2.9 },
        ],
      })
      .expect(201);
    await t
      .http()
      .post(`/api/proposals/${proposal.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2021, referenceDate: '2020-06-30' })
      .expect(201);
    if (ratifies)
      await t
        .http()
        .post(`/api/consultations/${id}/proposals`)
        .set(auth(t))
        .send({ title: 'Bekrachtiging', questionType: 'for_against', ratifiesConsultationId: ratifies })
        .expect(201);
    await t.http().post(`/api/consultations/${id}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${id}/open-voting`).set(auth(t)).expect(200);
    const proposals = (await t.http().get(`/api/consultations/${id}`).set(auth(t)).expect(200)).body.proposals as {
      id: string;
      number: number;
      choices: { id: string; kind: string; position: number }[];
    }[];
    const tokens = await secretaryTokens(t, id);
    for (const [code, choice] of Object.entries(votes)) {
      const [p1, p2] = proposals;
      const pick = p1.choices.find((c) => (choice === 'board' ? c.position === 1 : choice === 'amended' ? c.position === 2 : c.kind === 'against'))!;
      const answers = [{ proposalId: p1.id, choiceId: pick.id }];
      if (p2) answers.push({ proposalId: p2.id, choiceId: p2.choices.find((c) => c.kind === (choice === 'against' ? 'against' : 'for'))!.id });
      await vote(t, id, tokens.get(code)!, answers).expect(201);
    }
    await t.http().post(`/api/consultations/${id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${id}/publish-results`).set(auth(t)).expect(200);
    return { id, proposalId: proposal.body.id as string };
  }

  /** A ratification vote alone: all for, or all against. */
  async function ratification(target: string, adopt: boolean) {
    const created = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'alv',
        title: 'ALV',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        votingDeadline: inDays(3),
      })
      .expect(201);
    const id = created.body.id as string;
    const p = await t
      .http()
      .post(`/api/consultations/${id}/proposals`)
      .set(auth(t))
      .send({ title: 'Bekrachtiging', questionType: 'for_against', ratifiesConsultationId: target })
      .expect(201);
    await t.http().post(`/api/consultations/${id}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${id}/open-voting`).set(auth(t)).expect(200);
    const tokens = await secretaryTokens(t, id);
    const choice = p.body.choices.find((c: { kind: string }) => c.kind === (adopt ? 'for' : 'against')).id;
    await vote(t, id, tokens.get('GM0363')!, [{ proposalId: p.body.id, choiceId: choice }]).expect(201);
    await t.http().post(`/api/consultations/${id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${id}/publish-results`).set(auth(t)).expect(200);
  }

  const year2021 = async () => {
    const res = await t.http().get('/api/finance/contribution/2021').set(auth(t));
    expect(res.body.message ?? res.status).toBe(200);
    return res.body;
  };
  const barendrecht = (y: { members: { cbsCode: string; totalCents: number }[] }) => y.members.find((m) => m.cbsCode === 'GM0489')!.totalCents;

  it('the board proposal (17 of 29 votes) sets +3.9% provisionally, linked to the vote; a refused ratification undoes it', async () => {
    const x = await contributionVote({ GM0363: 'board', GM0599: 'amended', GM0489: 'board' });
    let y = await year2021();
    expect(y.carriedOver).toBe(false);
    expect(y.schedule).toMatchObject({ status: 'provisional', raise: '3,9%', basis: 'Tarieven 2020 verhoogd met 3,9%' });
    expect(y.schedule.bands.map((b: { rate: string }) => b.rate)).toEqual(['€ 1,67', '€ 1,54', '€ 1,33', '€ 0,65']);
    expect(y.schedule.decidedBy).toMatchObject({
      consultationId: x.id,
      proposalId: x.proposalId,
      choice: 'Voorstel bestuur (3,9%)',
      value: '3.9',
      resultPath: `/raadplegingen/${x.id}/uitslag`,
    });
    expect(barendrecht(y)).toBe(6470982);
    const effect = (await t.http().get(`/api/proposals/${x.proposalId}/effect`).expect(200)).body;
    expect(effect).toMatchObject({ status: 'provisional', appliedChoiceLabel: 'Voorstel bestuur (3,9%)', statusNl: 'voorlopig toegepast' });

    await ratification(x.id, false);
    y = await year2021();
    expect(y.carriedOver).toBe(true); // nothing set for 2021 any more: the 2020 rates stay
    expect(y.schedule.year).toBe(2020);
    expect(barendrecht(y)).toBe(6227712);
    expect((await t.http().get(`/api/proposals/${x.proposalId}/effect`).expect(200)).body.status).toBe('withdrawn');
  });

  it('both proposals rejected (5 for, 24 against), or the variants tied (12 against 12): nothing applies, 2021 stays at the 2020 rates', async () => {
    const rejected = await contributionVote({ GM0363: 'against', GM0599: 'against', GM0489: 'board' });
    expect((await t.http().get(`/api/proposals/${rejected.proposalId}/effect`).expect(200)).body).toMatchObject({ status: 'not_applied', outcome: 'rejected' });
    const tied = await contributionVote({ GM0363: 'board', GM0599: 'amended' });
    expect((await t.http().get(`/api/proposals/${tied.proposalId}/effect`).expect(200)).body).toMatchObject({
      status: 'not_applied',
      outcome: 'tie_between_variants',
    });
    const y = await year2021();
    expect(y.carriedOver).toBe(true);
    expect(barendrecht(y)).toBe(6227712);
  });

  it('the amended proposal (24 of 29) sets +2.9%; ratified, it is adopted; a later vote that replaces it and is refused ratification restores it', async () => {
    const amended = await contributionVote({ GM0363: 'amended', GM0599: 'amended', GM0489: 'board' });
    let y = await year2021();
    expect(y.schedule).toMatchObject({ status: 'provisional', raise: '2,9%' });
    expect(y.schedule.bands.map((b: { rate: string }) => b.rate)).toEqual(['€ 1,66', '€ 1,52', '€ 1,32', '€ 0,65']);
    expect(barendrecht(y)).toBe(6422328);
    await ratification(amended.id, true);
    y = await year2021();
    expect(y.schedule).toMatchObject({ status: 'adopted', raise: '2,9%' });
    expect(y.schedule.decidedBy).toMatchObject({ consultationId: amended.id, effectStatus: 'definitive' });
    const adoptedId = y.schedule.id;

    const later = await contributionVote({ GM0363: 'board', GM0599: 'board' });
    y = await year2021();
    expect(y.schedule).toMatchObject({ status: 'provisional', raise: '3,9%', replacedId: adoptedId });
    await ratification(later.id, false);
    y = await year2021();
    expect(y.schedule).toMatchObject({ id: adoptedId, status: 'adopted', raise: '2,9%' });
    expect(barendrecht(y)).toBe(6422328);
    const all = (await t.http().get('/api/finance/contribution-schedules').set(auth(t)).expect(200)).body.items as { year: number; status: string }[];
    expect(
      all
        .filter((s) => s.year === 2021)
        .map((s) => s.status)
        .sort(),
    ).toEqual(['adopted', 'withdrawn', 'withdrawn']);
  });

  it('before the vote: the ballot page, the invitation mail and the letter show Barendrecht each choice; the board sees the totals', async () => {
    const created = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'ledenraadpleging',
        title: 'Contributie 2021',
        reference: 'Lbr. 20/030',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        votingDeadline: inDays(3),
      })
      .expect(201);
    const id = created.body.id as string;
    const proposal = await t
      .http()
      .post(`/api/consultations/${id}/proposals`)
      .set(auth(t))
      .send({
        title: 'Contributievoorstel 2021',
        questionType: 'alternatives',
        value: { label: 'contributieverhoging', kind: 'percentage', value: 3.9 },
        variants: [
          { label: 'Voorstel bestuur (3,9%)', value: 3.9 },
          { label: 'Geamendeerd voorstel (2,9%)', value: 2.9 },
        ],
      })
      .expect(201);
    await t
      .http()
      .post(`/api/proposals/${proposal.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2021, referenceDate: '2020-06-30' })
      .expect(201);
    await t.http().post(`/api/consultations/${id}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${id}/open-voting`).set(auth(t)).expect(200);

    const [impact] = (await t.http().get(`/api/finance/consultations/${id}/impact`).set(auth(t)).expect(200)).body.proposals;
    // Totals of the five, by hand (whole population):
    //  +3.9% (1.67/1.54/1.33/0.65): 565,310.85 + 422,798.35 + 64,709.82 + 30,453.50 + 1,591.51 = 1,084,864.03
    //  +2.9% (1.66/1.52/1.32/0.65): 565,310.85 + 422,798.35 + 64,223.28 + 30,058.00 + 1,581.98 = 1,083,972.46
    //  against (2020: 1.61/1.48/1.28/0.63): 547,916.67 + 409,789.17 + 62,277.12 + 29,267.00 + 1,534.33 = 1,050,784.29
    expect(impact.choices.map((c: { label: string; totalCents: number; meaning: string }) => [c.label, c.totalCents, c.meaning])).toEqual([
      ['Voorstel bestuur (3,9%)', 108486403, 'tarieven 2020 + 3,9%'],
      ['Geamendeerd voorstel (2,9%)', 108397246, 'tarieven 2020 + 2,9%'],
      ['Tegen beide voorstellen', 105078429, 'tarieven 2020 blijven gelden'],
    ]);
    expect(impact.members.find((m: { cbsCode: string }) => m.cbsCode === 'GM0489').amounts.map((a: { amountCents: number }) => a.amountCents)).toEqual([
      6470982, 6422328, 6227712,
    ]);

    const tokens = await secretaryTokens(t, id);
    const page = await t
      .http()
      .get(`/stemmen/${tokens.get('GM0489')}`)
      .expect(200);
    expect(page.text).toContain('Wat de keuzes voor Barendrecht betekenen');
    expect(page.text).toMatch(/Voorstel bestuur \(3,9%\)<\/td><td data-label="Bedrag" class="num">€ 64\.709,82<\/td>/);
    expect(page.text).toMatch(/Geamendeerd voorstel \(2,9%\)<\/td><td data-label="Bedrag" class="num">€ 64\.223,28<\/td>/);
    const db = t.app.get(DataSource);
    const [mail] = await db.query(
      `SELECT m.context FROM mail_message m JOIN member b ON b.id = m.member_id WHERE m.kind = 'invitation' AND m.consultation_id = $1 AND b.cbs_code = 'GM0489'`,
      [id],
    );
    expect(mail.context.bedragen[0].choices.map((c: { amount: string }) => c.amount)).toEqual(['€ 64.709,82', '€ 64.223,28', '€ 62.277,12']);
    const letter = await t.http().get(`/raadplegingen/${id}/definitieve-voorstellen`).expect(200);
    expect(letter.text).toContain('Bijlage: Contributie 2021 per gemeente (voorstel 1)');
    expect(letter.text).toMatch(/Barendrecht \(GM0489\)<\/td><td>€ 64\.709,82<\/td><td>€ 64\.223,28<\/td><td>€ 62\.277,12<\/td>/);
  });

  it('refuses an effect on a proposal without a percentage, after voting opened, or twice; and a raise outside -50%..50%', async () => {
    const created = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'alv',
        title: 'ALV',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        votingDeadline: inDays(3),
      })
      .expect(201);
    const plain = await t
      .http()
      .post(`/api/consultations/${created.body.id}/proposals`)
      .set(auth(t))
      .send({ title: 'Jaarverslag', questionType: 'for_against' })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/proposals/${plain.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2021, referenceDate: '2020-06-30' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'kind', rule: 'a contribution raise needs a proposal whose figure is a percentage' }]);
    const huge = await t
      .http()
      .post(`/api/consultations/${created.body.id}/proposals`)
      .set(auth(t))
      .send({ title: 'Verdubbeling', questionType: 'for_against', value: { label: 'verhoging', kind: 'percentage', value: 60 } })
      .expect(201);
    const tooMuch = await t
      .http()
      .post(`/api/proposals/${huge.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2021, referenceDate: '2020-06-30' })
      .expect(400);
    expect(tooMuch.body.errors).toEqual([{ field: 'value', rule: 'a raise must be between -50% and +50%' }]);
    const noBase = await t.http().post(`/api/proposals/${plain.body.id}/effect`).set(auth(t)).send({ kind: 'contribution_raise', year: 2030 }).expect(400);
    expect(noBase.body.errors[0].field).toBe('referenceDate');
    const pct = await t
      .http()
      .post(`/api/consultations/${created.body.id}/proposals`)
      .set(auth(t))
      .send({ title: 'Contributie 2019', questionType: 'for_against', value: { label: 'verhoging', kind: 'percentage', value: 2 } })
      .expect(201);
    const before = await t
      .http()
      .post(`/api/proposals/${pct.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2019, referenceDate: '2020-06-30' })
      .expect(400);
    expect(before.body.errors).toEqual([{ field: 'year', rule: 'no contribution schedule in force for 2018 to raise' }]);
    await t
      .http()
      .post(`/api/proposals/${pct.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2021, referenceDate: '2020-06-30' })
      .expect(201);
    await t
      .http()
      .post(`/api/proposals/${pct.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'contribution_raise', year: 2021, referenceDate: '2020-06-30' })
      .expect(409);
    await t.http().post(`/api/consultations/${created.body.id}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${created.body.id}/open-voting`).set(auth(t)).expect(200);
    const late = await t
      .http()
      .post(`/api/proposals/${plain.body.id}/effect`)
      .set(auth(t))
      .send({ kind: 'fund_budget', fundBudgetId: '00000000-0000-4000-8000-000000000000' })
      .expect(409);
    expect(late.body.message).toContain('before voting opens');
  });

  it('the impact of a consultation that does not exist is a 404 naming it; one without financial effects has no proposals', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await t.http().get(`/api/finance/consultations/${unknown}/impact`).set(auth(t)).expect(404);
    expect(missing.body).toMatchObject({ error: 'NOT_FOUND', message: `consultation ${unknown} does not exist` });
    const created = await t
      .http()
      .post('/api/consultations')
      .set(auth(t))
      .send({
        kind: 'alv',
        title: 'ALV zonder geld',
        referenceDate: '2020-06-30',
        weightingSchemeId: schemeId,
        votingDeadline: inDays(3),
      })
      .expect(201);
    expect((await t.http().get(`/api/finance/consultations/${created.body.id}/impact`).set(auth(t)).expect(200)).body).toEqual({
      consultationId: created.body.id,
      proposals: [],
    });
  });
});
