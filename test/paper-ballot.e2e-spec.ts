import request from 'supertest';
import { DataSource } from 'typeorm';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
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
  vote,
} from './support/factories';
import { pdfText } from './support/pdf-text';

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Paper ballots (papieren stembiljetten): the bureau prints a ballot per member with its reference and
 * records a returned one on the member's behalf. The same rules as an online vote; marked as paper in
 * the submission, the named votes and the audit trail.
 *
 * Weights (example table): Amsterdam 12, Barendrecht 5, Drechterland 3, Schiermonnikoog 1.
 */
describe('paper ballots', () => {
  let t: TestApp;
  let db: DataSource;
  let c: OpenConsultation;
  let members: Map<string, string>; // code -> member id
  let tokens: Map<string, string>;
  let staff: ReturnType<typeof request.agent>;
  let csrf = '';
  const references = new Map<string, string>();

  const open = async (path: string, status = 200) => {
    const res = await staff.get(path).expect(status);
    csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
    return res;
  };
  const paper = (code: string, label: string, body: object = {}) =>
    t
      .http()
      .post(`/api/consultations/${c.id}/members/${members.get(code)}/paper-ballot`)
      .set(auth(t))
      .send({ voterName: `Burgemeester ${code}`, voterRole: 'executive', answers: [choiceOf(c, 1, label)], ...body });
  const turnout = async () => (await t.http().get(`/api/consultations/${c.id}/turnout`).set(auth(t)).expect(200)).body.voted;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Vaststelling jaarverslag 2019', questionType: 'for_against' }], {
      title: 'Ledenraadpleging juni 2020',
      reference: 'Lbr. 20/030',
    });
    const list = await t.http().get('/api/members?size=100&on=2020-06-30').set(auth(t)).expect(200);
    members = new Map(list.body.items.map((m: { cbsCode: string; id: string }) => [m.cbsCode, m.id]));
    tokens = await secretaryTokens(t, c.id);
    staff = request.agent(t.app.getHttpServer());
    await open('/bestuur/inloggen');
    await staff
      .post('/bestuur/inloggen')
      .type('form')
      .send({ ...BOARD, _csrf: csrf })
      .expect(303);
  });
  afterAll(() => t.close());

  it('the bureau downloads each member’s printable ballot carrying its reference, the questions and the decision rule', async () => {
    const overview = await open(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten`);
    expect(overview.text).toContain('Op papier gestemd: 0 van de 5 gemeenten.');
    for (const [code] of FIVE_MEMBERS) {
      const pdf = await staff
        .get(`/bestuur/raadplegingen/${c.id}/papieren-stembiljet/${members.get(code)}.pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = pdfText(pdf.body as Buffer);
      const reference = new RegExp(`Stembiljetnummer: (${code}-[0-9A-Z]{4})`).exec(text)![1];
      references.set(code, reference);
      expect(overview.text).toContain(`<span class="paper-ballots__reference">${reference}</span>`);
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="stembiljet-${reference}.pdf"`);
      expect(text).toContain('Stembiljet (papier): Ledenraadpleging juni 2020');
      expect(text).toContain('Voorstel 1: Vaststelling jaarverslag 2019');
      expect(text).toContain('Beslisregel: gewone meerderheid van de uitgebrachte gewogen stemmen.');
      expect(text).toMatch(/Pagina 1 van \d/);
    }
    expect(
      pdfText(
        (
          await staff
            .get(`/bestuur/raadplegingen/${c.id}/papieren-stembiljet/${members.get('GM0498')}.pdf`)
            .buffer(true)
            .parse(binary)
        ).body,
      ),
    ).toContain('U stemt namens de gemeente Drechterland (GM0498) met 3 gewogen stemmen (19.775 inwoners op de peildatum).');
    // The reference names the ballot; it is not the secret link.
    expect(tokens.get('GM0498')).not.toContain(references.get('GM0498')!.slice(7));
    await staff.get(`/bestuur/raadplegingen/${c.id}/papieren-stembiljet/nothing.pdf`).expect(400);
  });

  it('a recorded paper ballot counts once, with the member’s weight; a second one replaces it', async () => {
    const first = await paper('GM0498', 'Voor', { reference: references.get('GM0498')!.toLowerCase() }).expect(201);
    expect(first.body).toMatchObject({ member: 'Drechterland', channel: 'paper', replacedEarlierSubmission: false, recordedBy: `staff:${BOARD.email}` });
    expect(await turnout()).toEqual({ members: 1, weight: 3 });
    const second = await paper('GM0498', 'Tegen').expect(201);
    expect(second.body.replacedEarlierSubmission).toBe(true);
    expect(await turnout()).toEqual({ members: 1, weight: 3 });
    const [row] = await db.query(`SELECT s.channel, s.recorded_by, s.access_id, s.voter_name FROM ballot_submission s WHERE s.receipt_code = $1`, [
      second.body.receiptCode,
    ]);
    expect(row).toEqual({ channel: 'paper', recorded_by: `staff:${BOARD.email}`, access_id: null, voter_name: 'Burgemeester GM0498' });
    // The secretary is told (the code, never the choices).
    const receipts = await db.query(`SELECT to_address, context FROM mail_message WHERE kind = 'receipt' AND context->>'ontvangstcode' = $1`, [
      second.body.receiptCode,
    ]);
    expect(receipts).toHaveLength(1);
    expect(receipts[0].to_address).toBe('secretaris.gm0498@gemeente.example');
    expect(receipts[0].context).toMatchObject({ papier: true, vervangt: true, gemeente: 'Drechterland' });
    expect(JSON.stringify(receipts[0].context)).not.toMatch(/Tegen|Voor/);
  });

  it('a paper ballot replaces an online vote and an online vote replaces a paper ballot: the latest counts', async () => {
    await vote(t, c.id, tokens.get('GM0489')!, [choiceOf(c, 1, 'Tegen')]).expect(201); // Barendrecht online …
    await paper('GM0489', 'Voor', { reference: references.get('GM0489') }).expect(201); // … then on paper
    await paper('GM0088', 'Tegen').expect(201); // Schiermonnikoog on paper …
    const online = await vote(t, c.id, tokens.get('GM0088')!, [choiceOf(c, 1, 'Voor')]).expect(201); // … then online
    expect(online.body.replacedEarlierSubmission).toBe(true);
    await vote(t, c.id, tokens.get('GM0363')!, [choiceOf(c, 1, 'Voor')]).expect(201); // Amsterdam online
    // Drechterland 3 + Barendrecht 5 + Schiermonnikoog 1 + Amsterdam 12
    expect(await turnout()).toEqual({ members: 4, weight: 21 });
    // The secretary's ballot page says the vote that counts came in on paper.
    const page = await t
      .http()
      .get(`/stemmen/${tokens.get('GM0489')}`)
      .expect(200);
    expect(page.text).toContain('op papier (vastgelegd door het bureau van de vereniging)');
  });

  it('a wrong or malformed reference is refused, naming the field, and writes nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM ballot_submission`);
    const other = await paper('GM0498', 'Voor', { reference: references.get('GM0489') }).expect(400);
    expect(other.body.message).toBe('reference: is not the ballot reference of this member in this consultation');
    const malformed = await paper('GM0498', 'Voor', { reference: 'GM0498' }).expect(400);
    expect(malformed.body.message).toContain('reference must look like GM0489-7KQ2');
    await t
      .http()
      .post(`/api/consultations/${c.id}/members/00000000-0000-4000-8000-000000000000/paper-ballot`)
      .set(auth(t))
      .send({ voterName: 'X', voterRole: 'clerk', answers: [choiceOf(c, 1, 'Voor')] })
      .expect(404);

    // The page: a reference that is no ballot of this consultation, at the field, in Dutch.
    await open(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`);
    const wrong = references.get('GM0599')!.slice(0, 7) + (references.get('GM0599')!.endsWith('ZZZZ') ? 'YYYY' : 'ZZZZ');
    const res = await staff
      .post(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`)
      .type('form')
      .send({
        _csrf: csrf,
        reference: wrong,
        memberId: '',
        [`q_${c.proposals[0].id}`]: choiceOf(c, 1, 'Voor').choiceId,
        voterName: 'P. Rotterdam',
        voterRole: 'secretary',
      })
      .expect(400);
    expect(res.text).toContain(
      '<p class="field-error" id="fout-reference">Dit stembiljetnummer hoort bij geen stembiljet van deze raadpleging. Controleer het nummer op het stembiljet.</p>',
    );
    expect(res.text).toContain('<a href="#veld-reference">Dit stembiljetnummer hoort bij geen stembiljet van deze raadpleging.');
    expect(res.text).toMatch(
      /id="veld-reference" name="reference" value="GM0599-[0-9A-Z]{4}"[^>]*aria-describedby="hint-reference fout-reference" aria-invalid="true"/,
    );
    // Nothing chosen at all: the message at the reference; an unanswered question at its question.
    const empty = await staff
      .post(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`)
      .type('form')
      .send({ _csrf: csrf, reference: '', memberId: '', voterName: '', voterRole: 'x' })
      .expect(400);
    expect(empty.text).toContain('<p class="field-error" id="fout-reference">Vul het stembiljetnummer in of kies de gemeente.</p>');
    expect(empty.text).toContain(
      `<p class="field-error" id="fout-vraag-${c.proposals[0].id}">Kies bij voorstel 1 het antwoord dat op het stembiljet is aangekruist.</p>`,
    );
    expect(empty.text).toContain('<p class="field-error" id="fout-voterRole">Kies de functie van wie het stembiljet ondertekende.</p>');
    expect(await db.query(`SELECT count(*)::int AS n FROM ballot_submission`)).toEqual(before);
  });

  it('the page records a paper ballot by its reference alone and shows what was recorded', async () => {
    await open(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`);
    const posted = await staff
      .post(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`)
      .type('form')
      .send({
        _csrf: csrf,
        reference: ` ${references.get('GM0498')!.toLowerCase()} `,
        memberId: '',
        [`q_${c.proposals[0].id}`]: choiceOf(c, 1, 'Tegen').choiceId,
        voterName: 'D. Drechterland',
        voterRole: 'secretary',
      })
      .expect(303);
    expect(posted.headers.location).toBe(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten?vastgelegd=${members.get('GM0498')}`);
    const shown = await open(posted.headers.location);
    expect(shown.text).toContain(`het papieren stembiljet ${references.get('GM0498')} van Drechterland, ondertekend door D. Drechterland (Gemeentesecretaris)`);
    expect(shown.text).toContain('Op papier gestemd: 2 van de 5 gemeenten.');
    // Still one vote of Drechterland (3) among the four members that voted.
    expect(await turnout()).toEqual({ members: 4, weight: 21 });
  });

  it('the audit trail names who recorded each paper ballot, when, and for which member', async () => {
    const audit = await t.http().get('/api/audit?size=200').set(auth(t)).expect(200);
    const paperEntries = audit.body.items.filter((e: { details: { channel?: string } }) => e.details.channel === 'paper');
    // Drechterland three times (API twice, the page once), Barendrecht and Schiermonnikoog once each.
    expect(paperEntries.map((e: { details: { member: string } }) => e.details.member).sort()).toEqual(['GM0088', 'GM0489', 'GM0498', 'GM0498', 'GM0498']);
    for (const entry of paperEntries) {
      expect(entry.actor).toBe(`staff:${BOARD.email}`);
      expect(entry.details.recordedBy).toBe(`staff:${BOARD.email}`);
      expect(['ballot.submitted', 'ballot.resubmitted']).toContain(entry.action);
      expect(new Date(entry.occurredAt).getTime()).toBeLessThanOrEqual(Date.now());
    }
    const online = audit.body.items.find((e: { action: string; details: { member?: string; channel?: string } }) => e.details.member === 'GM0363');
    expect(online).toMatchObject({ action: 'ballot.submitted', actor: 'ballot:GM0363:secretary:secretaris.gm0363@gemeente.example' });
    expect(online.details.channel).toBe('online');
  });

  it('refused once voting is closed (API 409, page in Dutch at the form); the result counts each member once and marks the paper votes', async () => {
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    const late = await paper('GM0599', 'Voor', { reference: references.get('GM0599') }).expect(409);
    expect(late.body.error).toBe('VOTING_CLOSED');
    await open(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`);
    const page = await staff
      .post(`/bestuur/raadplegingen/${c.id}/papieren-stembiljetten/vastleggen`)
      .type('form')
      .send({
        _csrf: csrf,
        reference: references.get('GM0599'),
        memberId: '',
        [`q_${c.proposals[0].id}`]: choiceOf(c, 1, 'Voor').choiceId,
        voterName: 'R',
        voterRole: 'clerk',
      })
      .expect(409);
    expect(page.text).toMatch(
      /<p class="warning" id="papier-vastleggen">De stemming is gesloten sinds [^;]+; een papieren stembiljet dat op .+ wordt vastgelegd, telt niet mee.<\/p>/,
    );
    const refused = await db.query(`SELECT actor, details FROM audit_event WHERE action = 'ballot.refused_late'`);
    expect(refused.map((r: { actor: string; details: { member: string; channel: string } }) => [r.actor, r.details.member, r.details.channel])).toEqual([
      [`staff:${BOARD.email}`, 'GM0599', 'paper'],
      [`staff:${BOARD.email}`, 'GM0599', 'paper'],
    ]);

    const tally = await t.http().get(`/api/consultations/${c.id}/tally`).set(auth(t)).expect(200);
    const line = (label: string) => tally.body.proposals[0].choices.find((ch: { label: string }) => ch.label === label);
    // Voor: Barendrecht 5 (paper) + Schiermonnikoog 1 (online) + Amsterdam 12 = 18 of 21 = 85,71%; Tegen: Drechterland 3 (paper) = 14,29%.
    expect(line('Voor')).toMatchObject({ members: 3, weight: 18, share: '85,71%' });
    expect(line('Tegen')).toMatchObject({ members: 1, weight: 3, share: '14,29%' });

    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
    const result = await t.http().get(`/api/public/consultations/${c.id}/results`).expect(200);
    const named = new Map(
      result.body.votes.items.map((v: { memberCode: string; channel: string; voterName: string }) => [v.memberCode, [v.channel, v.voterName]]),
    );
    expect(Object.fromEntries(named)).toEqual({
      GM0363: ['online', 'J. de Vries'],
      GM0489: ['paper', 'Burgemeester GM0489'],
      GM0498: ['paper', 'D. Drechterland'],
      GM0088: ['online', 'J. de Vries'],
    });
    // The public result page and its open data say which votes came on paper.
    const resultPage = await t.http().get(`/raadplegingen/${c.id}/uitslag`).expect(200);
    expect(resultPage.text).toMatch(/Burgemeester GM0489 \([^)]*\), <strong>op papier<\/strong>/);
    const csv = await t.http().get(`/raadplegingen/${c.id}/uitslag/stemmen.csv`).expect(200);
    const channels = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => [l.split(';')[0], l.split(';')[5]]);
    expect(Object.fromEntries(channels)).toEqual({ GM0363: 'online', GM0489: 'papier', GM0498: 'papier', GM0088: 'online' });
  });
});
