import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../src/audit/audit-trail.service';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, FIVE_MEMBERS, importRegister, inDays, secretaryTokens, vote } from './support/factories';
import { AssemblyLetterSweep, LETTER_SWEEP_ACTOR } from '../src/consultations/assembly-letter.sweep';
import { ConsultationsService } from '../src/consultations/consultations.service';
import { DecisionLettersService } from '../src/decisions/decision-letters.service';
import { seedDecisions2018 } from '../src/demo/decisions-2018';
import { Clock } from '../src/platform/clock';
import { instantToAmsterdam } from '../src/platform/text/amsterdam-time';
import { formatDateNl } from '../src/platform/text/dutch-format';

/** The vote is counted today, so the decision is adopted today and its progress can date from today only. */
const TODAY = instantToAmsterdam(new Date()).slice(0, 10);
const TODAY_NL = formatDateNl(TODAY);

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

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const PASSWORD = 'een-lang-wachtwoord';
const MOTION = [
  'De ALV verzoekt het bestuur:',
  '- de tekorten jeugdzorg voor de Voorjaarsnota met het kabinet te bespreken',
  '- een onderzoeksvoorstel Wmo voor te leggen voor de ALV van 5 juni 2019',
  '- de leden halfjaarlijks te informeren',
].join('\n');

interface Decision {
  id: string;
  reference: string;
  kind: string;
  adoptedShare: string | null;
  title: string;
  asks: {
    id: string;
    position: number;
    text: string;
    status: string;
    statusReason: string | null;
    dueFor: string | null;
    owner: string | null;
    progress: { text: string; statusTo: string }[];
  }[];
}

describe('decisions followed up: from an adopted motion to the letter "Stand van zaken"', () => {
  let t: TestApp;
  let db: DataSource;
  let consultationId: string;
  let motion: Decision;
  let resolution: Decision;
  const count = (table: string) => db.query(`SELECT count(*)::int AS n FROM ${table}`).then((r) => r[0].n as number);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    const official = async (code: string) => {
      const email = `griffie.${code.toLowerCase()}@gemeente.example`;
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({ email, name: `Ambtenaar ${code}`, role: 'member_official', password: PASSWORD, memberCode: code })
        .expect(201);
      return { Authorization: `Bearer ${(await t.http().post('/api/auth/sign-in').send({ email, password: PASSWORD }).expect(200)).body.token}` };
    };
    const barendrecht = await official('GM0489');
    const drechterland = await official('GM0498');
    const schemeId = await createScheme(t, { kind: 'one_member_one_vote' });
    consultationId = (
      await t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({
          kind: 'alv',
          title: 'ALV juni 2020',
          referenceDate: '2020-06-30',
          weightingSchemeId: schemeId,
          amendmentDeadline: inDays(1),
          votingDeadline: inDays(5),
        })
        .expect(201)
    ).body.id;
    const proposal = (body: object) => t.http().post(`/api/consultations/${consultationId}/proposals`).set(auth(t)).send(body).expect(201);
    await proposal({ title: 'Jaarverslag 2019', questionType: 'for_against' });
    await proposal({
      title: 'Resolutie regiovisie',
      kind: 'resolution',
      questionType: 'for_against',
      summary: 'De leden komen overeen:\n- een regiovisie jeugd\n- een regiovisie beschermd wonen',
    });
    await proposal({ title: 'Resolutie verworpen', kind: 'resolution', questionType: 'for_against', summary: '- iets dat niet doorgaat' });
    await t.http().post(`/api/consultations/${consultationId}/open-amendments`).set(auth(t)).expect(200);
    const adopted = await t
      .http()
      .post(`/api/consultations/${consultationId}/motions`)
      .set(barendrecht)
      .send({ text: MOTION, rationale: 'Tekorten.' })
      .expect(201);
    const heldOver = await t
      .http()
      .post(`/api/consultations/${consultationId}/motions`)
      .set(drechterland)
      .send({ text: '- de contributie opnieuw bezien', rationale: 'Corona.' })
      .expect(201);
    await t
      .http()
      .post(`/api/amendments/${adopted.body.id}/response`)
      .set(auth(t))
      .send({ response: 'advise_adopt', reasoning: 'Het bestuur steunt de motie.' })
      .expect(200);
    await t
      .http()
      .post(`/api/amendments/${heldOver.body.id}/response`)
      .set(auth(t))
      .send({ response: 'advise_hold_over', reasoning: 'Aanhouden tot na de zomer.' })
      .expect(200);
    await db.query(`UPDATE consultation SET amendment_deadline = clock_timestamp() - interval '1 second' WHERE id = $1`, [consultationId]);
    await t.http().post(`/api/consultations/${consultationId}/publish-final-proposals`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${consultationId}/open-voting`).set(auth(t)).expect(200);
  });
  afterAll(() => t.close());

  it('nothing is followed up before the result is published', async () => {
    expect((await t.http().get('/api/public/decisions').expect(200)).body).toEqual({ items: [], page: 1, size: 100, total: 0 });
  });

  it('publishing the result makes the adopted motion and the adopted resolution decisions; the held-over motion, the rejected resolution and the plain proposal not', async () => {
    const detail = (await t.http().get(`/api/consultations/${consultationId}`).set(auth(t)).expect(200)).body;
    const byTitle = (start: string) => detail.proposals.find((p: { title: string }) => p.title.startsWith(start));
    const choice = (start: string, label: string) => {
      const p = byTitle(start);
      return { proposalId: p.id, choiceId: p.choices.find((c: { label: string }) => c.label === label).id };
    };
    // One member one vote, five members: motion 4 for 1 against (80,00%), resolution 3 for 2 against (60,00%),
    // the other resolution 2 for 3 against (rejected), the hold-over question 5 for (held over).
    const tokens = await secretaryTokens(t, consultationId);
    const codes = FIVE_MEMBERS.map(([code]) => code);
    for (const [i, code] of codes.entries()) {
      await vote(t, consultationId, tokens.get(code)!, [
        choice('Jaarverslag', 'Voor'),
        choice('Motie Barendrecht', i < 4 ? 'Voor' : 'Tegen'),
        choice('Preadvies bestuur: motie Drechterland aanhouden', 'Voor'),
        choice('Resolutie regiovisie', i < 3 ? 'Voor' : 'Tegen'),
        choice('Resolutie verworpen', i < 2 ? 'Voor' : 'Tegen'),
      ]).expect(201);
    }
    await t.http().post(`/api/consultations/${consultationId}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${consultationId}/publish-results`).set(auth(t)).expect(200);

    const list = (await t.http().get('/api/public/decisions').expect(200)).body.items;
    expect(list.map((d: { reference: string; kind: string; asks: number; open: number }) => [d.reference, d.kind, d.asks, d.open]).sort()).toEqual([
      ['MO-2020-001', 'motion', 3, 3],
      ['RES-2020-002', 'resolution', 2, 2],
    ]);
    motion = (
      await t
        .http()
        .get(`/api/public/decisions/${list.find((d: { kind: string }) => d.kind === 'motion').id}`)
        .expect(200)
    ).body;
    resolution = (
      await t
        .http()
        .get(`/api/public/decisions/${list.find((d: { kind: string }) => d.kind === 'resolution').id}`)
        .expect(200)
    ).body;
    expect(motion).toMatchObject({ title: 'Motie Barendrecht', adoptedShare: '80,00%' });
    expect(resolution).toMatchObject({ title: 'Resolutie regiovisie', adoptedShare: '60,00%' });
    expect(motion.asks.map((a) => [a.position, a.text, a.status, a.dueFor])).toEqual([
      [1, 'de tekorten jeugdzorg voor de Voorjaarsnota met het kabinet te bespreken', 'open', null],
      [2, 'een onderzoeksvoorstel Wmo voor te leggen voor de ALV van 5 juni 2019', 'open', 'ALV van 5 juni 2019'],
      [3, 'de leden halfjaarlijks te informeren', 'open', null],
    ]);
    const audit = await db.query(`SELECT actor FROM audit_event WHERE action = 'decision.created' ORDER BY id`);
    expect(audit.map((a: { actor: string }) => a.actor)).toEqual(['system:publication', 'system:publication']);
  });

  const progress = (askId: string, body: object, decision = motion) =>
    t.http().post(`/api/decisions/${decision.id}/asks/${askId}/progress`).set(auth(t)).send(body);

  it('the board records dated progress; not achievable without a reason is refused naming the field, and nothing is written', async () => {
    const before = await count('decision_progress');
    const audited = await count('audit_event');
    const refused = await progress(motion.asks[0].id, { happenedOn: TODAY, text: 'Het kabinet weigert.', status: 'not_achievable' }).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'reason', rule: 'is required when an ask is not achievable' }]);
    const future = await progress(motion.asks[0].id, { happenedOn: '2999-01-01', text: 'Later.' }).expect(400);
    expect(future.body.errors[0].field).toBe('happenedOn');
    const early = await progress(motion.asks[0].id, { happenedOn: '2019-01-01', text: 'Te vroeg.' }).expect(400);
    expect(early.body.errors[0].field).toBe('happenedOn');
    await progress(motion.asks[0].id, { happenedOn: TODAY, text: 'x', status: 'finished' }).expect(400);
    await progress(resolution.asks[0].id, { happenedOn: TODAY, text: 'Verkeerd besluit.' }).expect(404);
    expect(await count('decision_progress')).toBe(before);
    expect(await count('audit_event')).toBe(audited);

    await progress(motion.asks[0].id, { happenedOn: TODAY, text: 'Eerste gesprek met het kabinet gevoerd.', status: 'in_progress' }).expect(201);
    const done = await progress(motion.asks[0].id, {
      happenedOn: TODAY,
      text: 'Het kabinet weigert extra middelen.',
      status: 'not_achievable',
      reason: 'Het kabinet stelt geen middelen beschikbaar.',
    }).expect(201);
    const ask = done.body.asks[0];
    expect([ask.status, ask.statusReason, ask.progress.map((p: { statusTo: string }) => p.statusTo)]).toEqual([
      'not_achievable',
      'Het kabinet stelt geen middelen beschikbaar.',
      ['in_progress', 'not_achievable'],
    ]);
    await progress(motion.asks[2].id, { happenedOn: TODAY, text: 'Eerste informatiebrief verstuurd.', status: 'done' }).expect(201);
    const audit = await db.query(`SELECT details->>'to' AS "to" FROM audit_event WHERE action = 'decision.progress_recorded' ORDER BY id`);
    expect(audit.map((a: { to: string }) => a.to)).toEqual(['in_progress', 'not_achievable', 'done']);
  });

  it("the consultation's audit trail takes in its decisions' entries: the two made at publication and the three progress records", async () => {
    const trail = t.app.get(AuditTrailService);
    const page = { size: 100, offset: 0 };
    expect((await trail.search({ consultationId, action: 'decision.created' }, page)).total).toBe(2);
    expect((await trail.search({ consultationId, action: 'decision.progress_recorded' }, page)).total).toBe(3);
  });

  it('the board sets the due moment and the owner of an ask; an empty change is refused', async () => {
    const path = `/api/decisions/${motion.id}/asks/${motion.asks[1].id}`;
    await t.http().patch(path).set(auth(t)).send({}).expect(400);
    await t.http().patch(path).set(auth(t)).send({ dueDate: '2019-02-30' }).expect(400);
    const res = await t.http().patch(path).set(auth(t)).send({ dueDate: '2019-06-05', owner: 'Commissie ZJO' }).expect(200);
    expect(res.body.asks[1]).toMatchObject({ dueDate: '2019-06-05', dueFor: 'ALV van 5 juni 2019', owner: 'Commissie ZJO' });
  });

  it('the public page shows each ask, its status and the progress, in Dutch', async () => {
    const page = await t.http().get(`/besluiten/${motion.id}`).expect(200);
    expect(page.text).toContain('niet haalbaar');
    expect(page.text).toContain('Het kabinet stelt geen middelen beschikbaar.');
    expect(page.text).toContain('ALV van 5 juni 2019 (5 juni 2019)');
    expect(page.text).toContain('afgerond');
    expect(page.text).not.toContain('Voortgang vastleggen');
    const list = await t.http().get('/besluiten').expect(200);
    expect(list.text).toContain('Motie Barendrecht');
  });

  let firstLetter: { id: string; reference: string };

  it('the letter is drafted per decision and ask, edited, published and mailed to every member through the queue', async () => {
    await t.http().post('/api/decision-letters').set(auth(t)).send({ assembly: 'ALV van vorig jaar', assemblyDate: '2020-01-01' }).expect(400);
    const drafted = await t
      .http()
      .post('/api/decision-letters')
      .set(auth(t))
      .send({ assembly: 'ALV van 25 september 2999', assemblyDate: '2999-09-25' })
      .expect(201);
    const year = 2999;
    expect(drafted.body.reference).toBe(`SvZ ${year}-1`);
    const decisions = drafted.body.content.decisions;
    expect(decisions.map((d: { reference: string }) => d.reference)).toEqual(['MO-2020-001', 'RES-2020-002']);
    const asks = decisions[0].asks;
    expect(asks.map((a: { statusNl: string }) => a.statusNl)).toEqual(['niet haalbaar: Het kabinet stelt geen middelen beschikbaar.', 'open', 'afgerond']);
    expect(asks[0].report).toBe(
      `${TODAY_NL}: Eerste gesprek met het kabinet gevoerd.\n${TODAY_NL}: Het kabinet weigert extra middelen. (Het kabinet stelt geen middelen beschikbaar.)`,
    );
    expect(asks[1].report).toBe('Geen nieuwe ontwikkelingen sinds de vorige brief; stand: open.');

    const edited = await t
      .http()
      .patch(`/api/decision-letters/${drafted.body.id}`)
      .set(auth(t))
      .send({ reference: 'Lbr. 99/001', reports: [{ askId: asks[1].askId, report: 'Het onderzoeksvoorstel volgt in de volgende ALV.' }] })
      .expect(200);
    expect(edited.body.content.decisions[0].asks[1].report).toBe('Het onderzoeksvoorstel volgt in de volgende ALV.');
    await t
      .http()
      .patch(`/api/decision-letters/${drafted.body.id}`)
      .set(auth(t))
      .send({ reports: [{ askId: motion.id, report: 'x' }] })
      .expect(400);
    await t.http().get(`/api/public/decision-letters/${drafted.body.id}`).expect(404); // a draft is not public

    const published = await t.http().post(`/api/decision-letters/${drafted.body.id}/publish`).set(auth(t)).expect(200);
    expect(published.body).toMatchObject({ status: 'published', reference: 'Lbr. 99/001', mailed: 5 });
    const mails = await db.query(`SELECT to_address, context->>'kenmerk' AS kenmerk FROM mail_message WHERE kind = 'decision-letter' ORDER BY to_address`);
    expect(mails).toHaveLength(5);
    expect(mails[0]).toEqual({ to_address: 'secretaris.gm0088@gemeente.example', kenmerk: 'Lbr. 99/001' });
    const jobs = await db.query(
      `SELECT count(*)::int AS n FROM outbox_job WHERE name = 'send-mail' AND data->>'mailId' IN (SELECT id::text FROM mail_message WHERE kind = 'decision-letter')`,
    );
    expect(jobs[0].n).toBe(5);

    // The mailing's progress: all five waiting for the worker.
    const mailProgress = (id: string) => t.http().get(`/api/decision-letters/${id}/mail-progress`).set(auth(t));
    expect((await mailProgress(drafted.body.id).expect(200)).body).toMatchObject({
      letterId: drafted.body.id,
      queued: 5,
      sent: 0,
      failed: 0,
      members: { total: 5 },
    });
    // What the worker would record (delivery itself is the mail suite's): Amsterdam's mail sent, Barendrecht's given up.
    await db.query(
      `UPDATE mail_message SET status = 'sent', sent_at = now(), attempts = 1 WHERE kind = 'decision-letter' AND to_address = 'secretaris.gm0363@gemeente.example'`,
    );
    await db.query(
      `UPDATE mail_message SET status = 'failed', attempts = 8, last_error = '550 mailbox unavailable' WHERE kind = 'decision-letter' AND to_address = 'secretaris.gm0489@gemeente.example'`,
    );
    const progressNow = (await mailProgress(drafted.body.id).query({ size: 2 }).expect(200)).body;
    expect(progressNow).toMatchObject({ queued: 3, sent: 1, failed: 1, members: { page: 1, size: 2, total: 5 } });
    // Failed first (Barendrecht), then the waiting ones by name: Drechterland, Rotterdam, Schiermonnikoog; Amsterdam (sent) last.
    expect(progressNow.members.items.map((m: { memberCode: string; status: string; reason: string | null }) => [m.memberCode, m.status, m.reason])).toEqual([
      ['GM0489', 'failed', '550 mailbox unavailable'],
      ['GM0498', 'queued', null],
    ]);
    const boardPage = await t.http().get(`/bestuur/besluiten/brieven/${drafted.body.id}`).set(auth(t)).expect(200);
    expect(boardPage.text).toContain('Verzonden: <strong>1</strong> · wacht: <strong>3</strong> · mislukt: <strong>1</strong>');
    expect(boardPage.text).toContain('550 mailbox unavailable');
    expect((await t.http().get(`/besluiten/brieven/${drafted.body.id}`).expect(200)).text).not.toContain('Verzending');

    await t.http().post(`/api/decision-letters/${drafted.body.id}/publish`).set(auth(t)).expect(409);
    await t.http().patch(`/api/decision-letters/${drafted.body.id}`).set(auth(t)).send({ intro: 'Anders' }).expect(409);
    await expect(db.query(`UPDATE decision_letter SET reference = 'x' WHERE id = $1`, [drafted.body.id])).rejects.toThrow(/published/);
    firstLetter = published.body;

    const page = await t.http().get(`/besluiten/brieven/${drafted.body.id}`).expect(200);
    expect(page.text).toContain('Kenmerk: Lbr. 99/001');
    expect(page.text).toContain('Het onderzoeksvoorstel volgt in de volgende ALV.');
    const pdf = await t.http().get(`/besluiten/brieven/${drafted.body.id}/brief.pdf`).buffer(true).parse(binary).expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Kenmerk: Lbr. 99/001');
    expect(text).toContain('Betreft: Stand van zaken moties en resoluties (ALV van 25 september 2999)');
  });

  it('the next letter reports only what happened since the last one, and leaves out decisions with nothing open and nothing new', async () => {
    // Close the motion's last open ask; the resolution stays open with nothing new.
    await progress(motion.asks[1].id, { happenedOn: TODAY, text: 'Voorstel aan de ALV gezonden.', status: 'done' }).expect(201);
    let next = await t.http().post('/api/decision-letters').set(auth(t)).send({ assembly: 'BALV van 1 december 2999', assemblyDate: '2999-12-01' }).expect(201);
    expect(next.body.coversFrom).not.toBeNull();
    expect(next.body.content.intro).toContain(`sinds onze brief ${firstLetter.reference}`);
    const motionInLetter = next.body.content.decisions.find((d: { reference: string }) => d.reference === 'MO-2020-001');
    expect(motionInLetter.asks.map((a: { report: string }) => a.report)).toEqual([
      'Geen nieuwe ontwikkelingen sinds de vorige brief; stand: niet haalbaar.',
      `${TODAY_NL}: Voorstel aan de ALV gezonden.`,
      'Geen nieuwe ontwikkelingen sinds de vorige brief; stand: afgerond.',
    ]);
    await t.http().post(`/api/decision-letters/${next.body.id}/publish`).set(auth(t)).expect(200);
    // Nothing open and nothing new on the motion any more: the third letter names the resolution only.
    next = await t.http().post('/api/decision-letters').set(auth(t)).send({ assembly: 'ALV van 2 juni 3000', assemblyDate: '3000-06-02' }).expect(201);
    expect(next.body.content.decisions.map((d: { reference: string }) => d.reference)).toEqual(['RES-2020-002']);
    // Drafting again for the same assembly redrafts the draft; its kenmerk stays.
    const again = await t.http().post('/api/decision-letters').set(auth(t)).send({ assembly: 'ALV van 2 juni 3000', assemblyDate: '3000-06-02' }).expect(201);
    expect([again.body.id, again.body.reference]).toEqual([next.body.id, 'SvZ 3000-1']);
    // A draft is not mailed yet: it has no mailing to follow.
    await t.http().get(`/api/decision-letters/${next.body.id}/mail-progress`).set(auth(t)).expect(409);
  });

  it('the board works in the browser: records progress, sees a refusal in Dutch, drafts and publishes a letter', async () => {
    const browser = request.agent(t.app.getHttpServer());
    let csrf = '';
    const open = async (path: string) => {
      const res = await browser.get(path).expect(200);
      csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
      return res;
    };
    await open('/bestuur/inloggen');
    await browser
      .post('/bestuur/inloggen')
      .type('form')
      .send({ ...BOARD, _csrf: csrf })
      .expect(303);
    const page = await open(`/bestuur/besluiten/${resolution.id}`);
    expect(page.text).toContain('Voortgang vastleggen');
    const path = `/bestuur/besluiten/${resolution.id}/verzoeken/${resolution.asks[0].id}/voortgang`;
    const refused = await browser
      .post(path)
      .type('form')
      .send({ _csrf: csrf, happenedOn: TODAY, text: 'Regio haakt af.', status: 'not_achievable', reason: '' })
      .expect(400);
    expect(refused.text).toContain('Geef de reden: die is verplicht als een verzoek niet haalbaar is.');
    const ok = await browser
      .post(path)
      .type('form')
      .send({ _csrf: csrf, happenedOn: TODAY, text: 'Eerste regiovisies vastgesteld.', status: 'in_progress', reason: '' })
      .expect(303);
    expect(ok.headers.location).toBe(`/bestuur/besluiten/${resolution.id}#verzoek-1`);
    const after = (await t.http().get(`/api/public/decisions/${resolution.id}`).expect(200)).body;
    expect(after.asks[0]).toMatchObject({ status: 'in_progress', progress: [{ text: 'Eerste regiovisies vastgesteld.', statusTo: 'in_progress' }] });

    await open('/bestuur/besluiten');
    const drafted = await browser
      .post('/bestuur/besluiten/brieven')
      .type('form')
      .send({ _csrf: csrf, assembly: 'ALV van 1 juli 3001', assemblyDate: '3001-07-01', reference: '' })
      .expect(303);
    const letterPage = await open(drafted.headers.location);
    expect(letterPage.text).toContain('Eerste regiovisies vastgesteld.');
    const letterId = drafted.headers.location.split('/').pop();
    const fields: Record<string, string> = { _csrf: csrf, reference: 'Lbr. 01/007', intro: 'Aanhef.', closing: 'Slot.' };
    for (const m of letterPage.text.matchAll(/name="(report_[^"]+)"/g)) fields[m[1]] = 'Bewerkt in de browser.';
    await browser.post(`/bestuur/besluiten/brieven/${letterId}`).type('form').send(fields).expect(303);
    await browser.post(`/bestuur/besluiten/brieven/${letterId}/publiceren`).type('form').send({ _csrf: csrf }).expect(303);
    const letter = (await t.http().get(`/api/public/decision-letters/${letterId}`).expect(200)).body;
    expect(letter).toMatchObject({ reference: 'Lbr. 01/007', status: 'published', content: { intro: 'Aanhef.', closing: 'Slot.' } });
    expect(letter.content.decisions.flatMap((d: { asks: { report: string }[] }) => d.asks.map((a) => a.report))).toEqual([
      'Bewerkt in de browser.',
      'Bewerkt in de browser.',
    ]);
  });
});

describe('the demo: the 2018 motion and its seven asks', () => {
  it("is recorded with the state the board's letter before the ALV of 5 June 2019 reports, and that letter is published", async () => {
    const t = await startTestApp();
    try {
      const seeded = await seedDecisions2018(t.app);
      expect(seeded.created).toBe(true);
      expect((await seedDecisions2018(t.app)).created).toBe(false);
      const decision = (await t.http().get(`/api/public/decisions/${seeded.decisionId}`).expect(200)).body as Decision;
      expect(decision.asks).toHaveLength(7);
      expect(decision.asks[0].text).toBe(
        'Een door het kabinet gefinancierde voorziening voor gemeenten om ernstige tekorten op te vangen voor de jaren 2018, 2019 en 2020 totdat het nieuwe verdeelmodel van kracht is',
      );
      // The research into youth care spending was completed and sent to Parliament; the rest is in progress.
      expect(decision.asks.map((a) => a.status)).toEqual(['in_progress', 'in_progress', 'done', 'in_progress', 'in_progress', 'in_progress', 'in_progress']);
      expect(decision.asks[3]).toMatchObject({ dueFor: 'ALV van 5 juni 2019', owner: 'Commissie Zorg, Jeugd en Onderwijs (ZJO)' });
      const letters = (await t.http().get('/api/public/decision-letters').expect(200)).body.items;
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ assembly: 'ALV van 5 juni 2019', status: 'published', content: { date: '15 mei 2019' } });
      expect(letters[0].content.decisions[0].asks[2].report).toContain('12,1%');
    } finally {
      await t.close();
    }
  });
});

describe('the letter is drafted before each assembly by the worker', () => {
  let t: TestApp;
  let sweep: AssemblyLetterSweep;
  const dayOf = (iso: string) => instantToAmsterdam(new Date(iso)).slice(0, 10);
  const letters = async () =>
    (await t.http().get('/api/decision-letters').set(auth(t)).expect(200)).body.items as {
      id: string;
      assembly: string;
      assemblyDate: string;
      draftedBy: string;
      reference: string;
      content: { intro: string };
    }[];

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, FIVE_MEMBERS);
    sweep = new AssemblyLetterSweep(t.app.get(ConsultationsService), t.app.get(DecisionLettersService), t.app.get(Clock));
  });
  afterAll(() => t.close());

  it('drafts once per assembly within 28 days, only with something to report, and never redrafts what the board edits', async () => {
    const schemeId = await createScheme(t, { kind: 'one_member_one_vote' });
    const consultation = (kind: string, votingDeadline: string) =>
      t
        .http()
        .post('/api/consultations')
        .set(auth(t))
        .send({ kind, title: `${kind} over ${votingDeadline}`, referenceDate: '2020-06-30', weightingSchemeId: schemeId, votingDeadline })
        .expect(201);
    const alv = inDays(20);
    const balv = inDays(40);
    await consultation('alv', alv);
    await consultation('balv', balv);
    await consultation('ledenraadpleging', inDays(10)); // written: no assembly, no letter

    // No decision yet: nothing to report, no letter.
    expect(await sweep.sweep()).toEqual([]);
    expect(await letters()).toEqual([]);

    await t
      .http()
      .post('/api/decisions')
      .set(auth(t))
      .send({
        kind: 'motion',
        reference: 'BALV-2018-M2',
        title: 'Motie sociaal domein II',
        text: '- een fonds voor de tekorten\n- onderzoek naar de uitgaven jeugdzorg',
        adoptedOn: '2018-11-30',
        adoptedAt: 'Buitengewone ALV van 30 november 2018',
      })
      .expect(201);
    const year = Number(dayOf(alv).slice(0, 4));
    expect(await sweep.sweep()).toEqual([`SvZ ${year}-1`]);
    let all = await letters();
    // The ALV 20 days ahead is within the lead time; the BALV 40 days ahead not yet.
    expect(all.map((l) => [l.assemblyDate, l.assembly, l.draftedBy])).toEqual([[dayOf(alv), `ALV van ${formatDateNl(dayOf(alv))}`, LETTER_SWEEP_ACTOR]]);
    const draft = (await t.http().get(`/api/decision-letters/${all[0].id}`).set(auth(t)).expect(200)).body;
    expect(draft.content.decisions[0].asks.map((a: { text: string }) => a.text)).toEqual([
      'een fonds voor de tekorten',
      'onderzoek naar de uitgaven jeugdzorg',
    ]);

    // The board edits the draft; the next sweeps leave it alone.
    await t.http().patch(`/api/decision-letters/${all[0].id}`).set(auth(t)).send({ intro: 'Door het bestuur herschreven.' }).expect(200);
    expect(await sweep.sweep()).toEqual([]);
    expect((await letters())[0].content.intro).toBe('Door het bestuur herschreven.');

    // Fifteen days on, the BALV is 25 days ahead: its letter is drafted, named as an extraordinary assembly.
    const later = new Date(Date.now() + 15 * 86_400_000);
    const drafted = await sweep.sweep(later);
    expect(drafted).toHaveLength(1);
    all = await letters();
    expect(all.find((l) => l.assemblyDate === dayOf(balv))).toMatchObject({
      assembly: `Buitengewone ALV van ${formatDateNl(dayOf(balv))}`,
      draftedBy: LETTER_SWEEP_ACTOR,
    });
    expect(all).toHaveLength(2);
    const audit = await t.app.get(DataSource).query(`SELECT actor FROM audit_event WHERE action = 'decision_letter.drafted' ORDER BY occurred_at`);
    expect(audit.map((a: { actor: string }) => a.actor)).toEqual([LETTER_SWEEP_ACTOR, LETTER_SWEEP_ACTOR]);
  });
});
