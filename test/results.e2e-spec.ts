import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startTestApp, TestApp } from './setup/test-app';
import {
  auth,
  choiceOf,
  createScheme,
  EXAMPLE_TABLE,
  FIVE_MEMBERS,
  importRegister,
  openConsultation,
  secretaryTokens,
  syntheticMembers,
  vote,
} from './support/factories';
import { MOTION_TITLE, resultScenario, ResultScenario } from './support/results-scenario';

/** The open data of a result and the public receipt check, through HTTP (the pages themselves: test/browser/results). */
describe('results for everyone', () => {
  let t: TestApp;
  let open: ResultScenario;
  let secret: ResultScenario;
  let unpublished: ResultScenario;

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, FIVE_MEMBERS);
    open = await resultScenario(t, { title: 'Open raadpleging' });
    secret = await resultScenario(t, { title: 'Vertrouwelijke raadpleging', secrecy: 'confidential' });
    unpublished = await resultScenario(t, { title: 'Nog niet gepubliceerd', publish: false });
  });
  afterAll(() => t.close());

  describe('the named votes as open data', () => {
    it('as CSV: one line per municipality that voted, its weight and the choice per proposal, by name', async () => {
      const res = await t.http().get(`/raadplegingen/${open.c.id}/uitslag/stemmen.csv`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="stemgedrag-${open.c.id}.csv"`);
      // Drechterland did not vote; Barendrecht's second vote is the one that counts.
      expect(parse(res.text, { delimiter: ';' })).toEqual([
        ['cbs_code', 'gemeente', 'stemgewicht', 'uitgebracht_door', 'functie', 'kanaal', 'voorstel_1', 'voorstel_2', 'voorstel_3'],
        ['GM0363', 'Amsterdam', '12', 'A. Amsterdammer', 'Gemeentesecretaris', 'online', 'Voorstel bestuur: +3,9%', 'Voor', 'Voor'],
        ['GM0489', 'Barendrecht', '5', 'B. Barendrechter', 'Gemeentesecretaris', 'online', 'Geamendeerd voorstel: +2,9%', 'Voor', 'Onthouding'],
        ['GM0599', 'Rotterdam', '12', 'R. Rotterdammer', 'Gemeentesecretaris', 'online', 'Geamendeerd voorstel: +2,9%', 'Tegen', 'Tegen'],
        ['GM0088', 'Schiermonnikoog', '1', 'S. Schiermonnikoger', 'Gemeentesecretaris', 'online', 'Tegen beide voorstellen', 'Onthouding', 'Onthouding'],
      ]);
    });

    it('as JSON: the consultation, its proposals and the same votes', async () => {
      const res = await t.http().get(`/raadplegingen/${open.c.id}/uitslag/stemmen.json`).expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(res.text);
      expect(body.consultation).toMatchObject({
        id: open.c.id,
        title: 'Open raadpleging',
        secrecy: 'open',
        result: `http://localhost:3000/raadplegingen/${open.c.id}/uitslag`,
      });
      expect(body.proposals).toEqual([
        { number: 1, title: 'Contributievoorstel 2021' },
        { number: 2, title: MOTION_TITLE },
        { number: 3, title: 'Wijziging huishoudelijk reglement' },
      ]);
      expect(body.total).toBe(4);
      expect(body.votes.map((v: { memberCode: string; weight: number }) => [v.memberCode, v.weight])).toEqual([
        ['GM0363', 12],
        ['GM0489', 5],
        ['GM0599', 12],
        ['GM0088', 1],
      ]);
      expect(body.votes[1]).toMatchObject({
        memberCode: 'GM0489',
        memberName: 'Barendrecht',
        weight: 5,
        voterName: 'B. Barendrechter',
        voterRole: 'secretary',
        answers: [
          { proposalNumber: 1, choiceLabel: 'Geamendeerd voorstel: +2,9%' },
          { proposalNumber: 2, choiceLabel: 'Voor' },
          { proposalNumber: 3, choiceLabel: 'Onthouding' },
        ],
      });
    });

    it('are the same votes the API publishes, page after page', async () => {
      const api = await t.http().get(`/api/public/consultations/${open.c.id}/results?page=1&size=2`).expect(200);
      const api2 = await t.http().get(`/api/public/consultations/${open.c.id}/results?page=2&size=2`).expect(200);
      const json = JSON.parse((await t.http().get(`/raadplegingen/${open.c.id}/uitslag/stemmen.json`).expect(200)).text);
      expect(json.votes).toEqual([...api.body.votes.items, ...api2.body.votes.items]);
    });

    it('a confidential consultation has none: 404 with a Dutch page, for CSV and JSON alike', async () => {
      for (const file of ['stemmen.csv', 'stemmen.json']) {
        const page = await t.http().get(`/raadplegingen/${secret.c.id}/uitslag/${file}`).set('Accept', 'text/html').expect(404);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('<html lang="nl"');
        expect(page.text).toContain('De stemmen in deze raadpleging zijn vertrouwelijk: alleen de totalen zijn gepubliceerd');
        expect(page.text).not.toMatch(/Barendrecht|B\. Barendrechter|Gemeentesecretaris/);
      }
      const json = await t.http().get(`/raadplegingen/${secret.c.id}/uitslag/stemmen.json`).set('Accept', 'application/json').expect(404);
      expect(json.body).toEqual({ statusCode: 404, error: 'NOT_FOUND', message: 'the votes of this consultation are confidential: only totals are published' });
      // The result page of the confidential consultation links to neither file.
      const result = await t.http().get(`/raadplegingen/${secret.c.id}/uitslag`).expect(200);
      expect(result.text).not.toContain('stemmen.csv');
      expect(result.text).toContain('Deze raadpleging is vertrouwelijk');
    });

    it('nothing before the result is published, and a wrong address is a Dutch 400, not a 500', async () => {
      const before = await t.http().get(`/raadplegingen/${unpublished.c.id}/uitslag/stemmen.csv`).set('Accept', 'text/html').expect(404);
      expect(before.text).toContain('Niet gevonden');
      const bad = await t.http().get('/raadplegingen/geen-id/uitslag/stemmen.json').set('Accept', 'text/html').expect(400);
      expect(bad.text).toContain('adres van de pagina');
      const page = await t.http().get(`/raadplegingen/${open.c.id}/uitslag?pagina=nul`).set('Accept', 'text/html').expect(400);
      expect(page.text).toContain('pagina');
      await t.http().get(`/raadplegingen/${open.c.id}/uitslag?pagina=2`).set('Accept', 'text/html').expect(404);
    });
  });

  describe('the receipt check', () => {
    const browser = () => request.agent(t.app.getHttpServer());
    /** Opens the form (for its token and cookie), posts the code; the answer page. */
    const check = async (code: string, expected: number) => {
      const agent = browser();
      const form = await agent.get('/ontvangstcode').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      return agent.post('/ontvangstcode').type('form').send({ code, _csrf: csrf }).expect(expected);
    };

    it('a counted vote of an open, published consultation: which consultation, when, for which municipality and how', async () => {
      const res = await check(open.receipts.get('GM0489')!, 200);
      expect(res.text).toContain('Deze stem telt mee');
      expect(res.text).toContain(`<a href="/raadplegingen/${open.c.id}">Open raadpleging</a>`);
      expect(res.text).toMatch(/ontvangen op \d{1,2} [a-z]+ \d{4} om \d\d:\d\d/);
      expect(res.text).toContain('namens de gemeente <strong>Barendrecht</strong>');
      expect(res.text).toContain('<td data-label="Voorstel">1</td><td data-label="Keuze">Geamendeerd voorstel: +2,9%</td>');
      expect(res.text).toContain('<td data-label="Voorstel">3</td><td data-label="Keuze">Onthouding</td>');
    });

    it('the same code typed in lower case, with spaces and O for 0, is the same code', async () => {
      const code = open.receipts.get('GM0363')!;
      const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `;
      const res = await check(typed, 200);
      expect(res.text).toContain(code);
      expect(res.text).toContain('namens de gemeente <strong>Amsterdam</strong>');
    });

    it('a replaced vote says so and shows no choices', async () => {
      const res = await check(open.replacedReceipt, 200);
      expect(res.text).toContain('Deze stem is vervangen');
      expect(res.text).toContain('alleen de laatste stem telt');
      expect(res.text).not.toContain('data-label="Keuze"');
    });

    it('a confidential consultation: counted, when, but never the municipality or the choices', async () => {
      const res = await check(secret.receipts.get('GM0489')!, 200);
      expect(res.text).toContain('Deze stem telt mee');
      expect(res.text).toContain('Vertrouwelijke raadpleging');
      expect(res.text).not.toMatch(/Barendrecht|Geamendeerd voorstel|data-label="Keuze"/);
    });

    it('before publication: counted, the result still to come, nothing about how or whose', async () => {
      const res = await check(unpublished.receipts.get('GM0599')!, 200);
      expect(res.text).toContain('De stemming is gesloten; deze stem telt mee. Het bestuur maakt de uitslag nog bekend.');
      expect(res.text).not.toMatch(/Rotterdam|data-label="Keuze"/);
    });

    it('the API answers as the page: the municipality only for open votes once published, never for a confidential consultation', async () => {
      const api = (code: string) => t.http().get(`/api/receipts/${code}`).expect(200);
      expect((await api(open.receipts.get('GM0489')!)).body).toMatchObject({ consultationId: open.c.id, member: 'Barendrecht', counts: true });
      expect((await api(open.replacedReceipt)).body).toMatchObject({ consultationId: open.c.id, counts: false });
      expect((await api(secret.receipts.get('GM0489')!)).body).toMatchObject({ consultationId: secret.c.id, member: null, counts: true });
      expect((await api(unpublished.receipts.get('GM0599')!)).body).toMatchObject({ consultationId: unpublished.c.id, member: null, counts: true });
    });

    it('a wrong or unknown code gets a Dutch message at the field, not a 500', async () => {
      const empty = await check('', 400);
      expect(empty.text).toContain('<p class="field-error" id="fout-code">Vul de ontvangstcode in.');
      const malformed = await check('12-34', 400);
      expect(malformed.text).toContain('Een ontvangstcode heeft tien letters en cijfers');
      expect(malformed.text).toMatch(/id="veld-code" name="code" value="12-34"[^>]*aria-describedby="hint-code fout-code" aria-invalid="true"/);
      expect(malformed.text).toContain('<a href="#veld-code">');
      const unknown = await check('ZZZZ-ZZZZ-ZZ', 404);
      expect(unknown.text).toContain('Wij kennen geen stem met ontvangstcode ZZZZ-ZZZZ-ZZ.');
      expect(unknown.text).toContain('aria-invalid="true"');
    });

    it('guessing is slowed down: after 20 unknown codes from one address the check waits, in Dutch', async () => {
      // One unknown code was tried above; 19 more reach the limit of 20 in ten minutes.
      for (let i = 0; i < 19; i++) await check('ZZZZ-ZZZZ-ZY', 404);
      const locked = await check(open.receipts.get('GM0363')!, 429);
      expect(locked.text).toContain('Vanaf uw adres zijn te veel onbekende codes geprobeerd. Probeer het over tien minuten opnieuw.');
      expect(locked.text).toContain('id="fout-code"');
    });
  });
});

/**
 * 342 members (as in 2024), each with 10.000 + i inhabitants: 3 votes each under EXAMPLE_TABLE (10.000
 * to 19.999), 1.026 together. All vote: the first 200 for (600), the other 142 against (426), cast
 * 1.026: 600 / 1.026 = 58,479…% = 58,48% for, 426 / 1.026 = 41,520…% = 41,52% against.
 */
describe('a result of 342 members', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, syntheticMembers(342));
    const c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Voorstel', questionType: 'for_against' }]);
    id = c.id;
    const tokens = [...(await secretaryTokens(t, id)).entries()].sort(([a], [b]) => a.localeCompare(b));
    const answers = await Promise.all(tokens.map(([, token], i) => vote(t, id, token, [choiceOf(c, 1, i < 200 ? 'for' : 'against')])));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(342);
    await t.http().post(`/api/consultations/${id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${id}/publish-results`).set(auth(t)).expect(200);
  });
  afterAll(() => t.close());

  it('streams every named vote as CSV and as JSON, batch after batch, the same in both', async () => {
    const csv: string[][] = parse((await t.http().get(`/raadplegingen/${id}/uitslag/stemmen.csv`).expect(200)).text, { delimiter: ';' });
    expect(csv).toHaveLength(1 + 342);
    const json = JSON.parse((await t.http().get(`/raadplegingen/${id}/uitslag/stemmen.json`).expect(200)).text);
    expect(json.total).toBe(342);
    expect(json.votes).toHaveLength(342);
    expect(new Set(json.votes.map((v: { memberCode: string }) => v.memberCode)).size).toBe(342);
    expect(
      json.votes.map((v: { memberCode: string; weight: number; answers: { choiceLabel: string }[] }) => [
        v.memberCode,
        String(v.weight),
        v.answers[0].choiceLabel,
      ]),
    ).toEqual(csv.slice(1).map(([code, , weight, , , , answer]) => [code, weight, answer]));
    // GM1000 … GM1199 voted for, GM1200 … GM1341 against; 3 votes each.
    const byCode = new Map(csv.slice(1).map(([code, , weight, , , , answer]) => [code, `${weight} ${answer}`]));
    expect(byCode.get('GM1000')).toBe('3 Voor');
    expect(byCode.get('GM1199')).toBe('3 Voor');
    expect(byCode.get('GM1200')).toBe('3 Tegen');
    expect(byCode.get('GM1341')).toBe('3 Tegen');
  });

  it('the result page shows the shares and the named votes a hundred to a page', async () => {
    const first = await t.http().get(`/raadplegingen/${id}/uitslag`).expect(200);
    expect(first.text).toContain('<td data-label="Aandeel" class="num">58,48%</td>');
    expect(first.text).toContain('<td data-label="Aandeel" class="num">41,52%</td>');
    expect(first.text).toContain('Opkomst: 342 van de 342 leden (100,00%), 1.026 van de 1.026 gewogen stemmen (100,00%).');
    expect(first.text).toContain('Gemeente 1 tot en met 100 van 342, op alfabet');
    expect(first.text.match(/<td data-label="Stemgewicht"/g)).toHaveLength(100);
    const last = await t.http().get(`/raadplegingen/${id}/uitslag?pagina=4`).expect(200);
    expect(last.text).toContain('Gemeente 301 tot en met 342 van 342, op alfabet');
    expect(last.text.match(/<td data-label="Stemgewicht"/g)).toHaveLength(42);
    // Handlebars writes the = of an address as &#x3D;, which the browser reads as =.
    expect(last.text).toContain(`aria-current="page" href="/raadplegingen/${id}/uitslag?pagina&#x3D;4#stemgedrag"`);
    await t.http().get(`/raadplegingen/${id}/uitslag?pagina=5`).expect(404);
  });
});
