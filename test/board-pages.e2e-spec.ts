import request from 'supertest';
import { DataSource } from 'typeorm';
import { instantToAmsterdam } from '../src/platform/text/amsterdam-time';
import { BOARD, startTestApp, TestApp } from './setup/test-app';
import {
  auth,
  choiceOf,
  createScheme,
  EXAMPLE_TABLE,
  FIVE_MEMBERS,
  importRegister,
  inDays,
  openConsultation,
  secretaryTokens,
  vote,
} from './support/factories';

const CLERK = { email: 'bureau@test.example', password: 'een-lang-wachtwoord' };

/** Amsterdam date and time `days` from now, as the pages' date and time fields take them. */
const localIn = (days: number) => {
  const local = instantToAmsterdam(new Date(Date.now() + days * 86400_000));
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
};

/** The board's consultation pages refuse in Dutch: a role that may not decide, impossible dates, late steps. */
describe("the board's consultation pages refuse in Dutch", () => {
  let t: TestApp;
  let db: DataSource;
  let schemeId: string;

  /** A browser of one person: cookies kept, the form token taken from the last page it opened. */
  async function browserOf(who: { email: string; password: string }) {
    const agent = request.agent(t.app.getHttpServer());
    let csrf = '';
    const open = async (path: string, status = 200) => {
      const res = await agent.get(path).set('Accept', 'text/html').expect(status);
      csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
      return res;
    };
    const post = (path: string, fields: Record<string, string> = {}) =>
      agent
        .post(path)
        .set('Accept', 'text/html')
        .type('form')
        .send({ ...fields, _csrf: csrf });
    await open('/bestuur/inloggen');
    await post('/bestuur/inloggen', who).expect(303);
    return { open, post };
  }

  const consultationForm = (extra: Record<string, string> = {}) => {
    const voting = localIn(7);
    return {
      kind: 'ledenraadpleging',
      title: 'Ledenraadpleging najaar',
      reference: '',
      referenceDate: '2020-06-30',
      weightingSchemeId: schemeId,
      amendmentDeadlineDate: '',
      amendmentDeadlineTime: '',
      votingDeadlineDate: voting.date,
      votingDeadlineTime: '17:00',
      reminderHoursBefore: '72, 24',
      secrecy: 'open',
      ratifies: '',
      ...extra,
    };
  };
  const consultations = async () => (await db.query(`SELECT count(*)::int AS n FROM consultation`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    schemeId = await createScheme(t, EXAMPLE_TABLE);
    await t
      .http()
      .post('/api/accounts')
      .set(auth(t))
      .send({ ...CLERK, name: 'Medewerker bureau', role: 'clerk' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('a clerk prepares a consultation and its proposal, but deciding answers the Dutch "Geen toegang" page (403)', async () => {
    const clerk = await browserOf(CLERK);
    await clerk.open('/bestuur/nieuwe-raadpleging');
    const created = await clerk
      .post('/bestuur/nieuwe-raadpleging', consultationForm({ amendmentDeadlineDate: localIn(2).date, amendmentDeadlineTime: '12:00' }))
      .expect(303);
    const id = /^\/bestuur\/raadplegingen\/([0-9a-f-]{36})\?gedaan=aangemaakt$/.exec(created.headers.location)![1];
    await clerk.open(`/bestuur/raadplegingen/${id}/voorstellen/nieuw`);
    await clerk
      .post(`/bestuur/raadplegingen/${id}/voorstellen/nieuw`, {
        title: 'Jaarverslag 2019',
        summary: '',
        kind: 'proposal',
        questionType: 'for_against',
        threshold: 'majority',
        quorum: 'none',
      })
      .expect(303);
    const page = await clerk.open(`/bestuur/raadplegingen/${id}?gedaan=voorstel-toegevoegd`);
    expect(page.text).toContain('Het voorstel is toegevoegd.');
    expect(page.text).toContain('Voorstel toevoegen');
    expect(page.text).not.toContain('Amendementen openstellen');

    for (const step of ['open-amendments', 'publish-final-proposals', 'open-voting']) {
      const refused = await clerk.post(`/bestuur/raadplegingen/${id}/${step}`).expect(403);
      expect(refused.text).toContain('<h1>Geen toegang</h1>');
      expect(refused.text).toContain('U hebt geen toegang tot deze pagina of handeling.');
      expect(refused.text).not.toMatch(/clerk|consultations\.decide/);
    }
    await clerk.open(`/bestuur/raadplegingen/${id}/sluiten`, 403);
    await clerk.open(`/bestuur/raadplegingen/${id}/verlengen`, 403);
    const answer = await clerk.post(`/bestuur/raadplegingen/${id}/amendementen/${id}`, { response: 'adopt', reasoning: 'x' }).expect(403);
    expect(answer.text).toContain('<h1>Geen toegang</h1>');
    expect((await db.query(`SELECT status FROM consultation WHERE id = $1`, [id]))[0].status).toBe('draft');
  });

  it('bad dates are refused at their field in Dutch, with what was typed, and nothing is created', async () => {
    const board = await browserOf(BOARD);
    await board.open('/bestuur/nieuwe-raadpleging');
    const before = await consultations();

    const impossible = await board.post('/bestuur/nieuwe-raadpleging', consultationForm({ votingDeadlineDate: '2030-02-30' })).expect(400);
    expect(impossible.text).toContain('<a href="#veld-votingDeadline">De stemtermijn is geen bestaande datum en tijd.</a>');
    expect(impossible.text).toContain('<p class="field-error" id="fout-votingDeadline">De stemtermijn is geen bestaande datum en tijd.</p>');
    expect(impossible.text).toMatch(/<input type="date" id="veld-votingDeadline" name="votingDeadlineDate" value="2030-02-30" required aria-invalid="true"/);
    expect(impossible.text).toContain('value="Ledenraadpleging najaar"');

    const midnight = await board.post('/bestuur/nieuwe-raadpleging', consultationForm({ votingDeadlineTime: '24:00' })).expect(400);
    expect(midnight.text).toContain('id="fout-votingDeadline">De stemtermijn is geen bestaande datum en tijd.');

    const past = await board.post('/bestuur/nieuwe-raadpleging', consultationForm({ votingDeadlineDate: '2020-06-26' })).expect(400);
    expect(past.text).toContain('id="fout-votingDeadline">Het einde van de stemming moet in de toekomst liggen.');

    const late = await board
      .post('/bestuur/nieuwe-raadpleging', consultationForm({ amendmentDeadlineDate: localIn(8).date, amendmentDeadlineTime: '12:00' }))
      .expect(400);
    expect(late.text).toContain('id="fout-amendmentDeadline">De termijn voor amendementen moet vóór het einde van de stemtermijn liggen.');

    const halfTyped = await board.post('/bestuur/nieuwe-raadpleging', consultationForm({ amendmentDeadlineDate: localIn(2).date })).expect(400);
    expect(halfTyped.text).toContain('id="fout-amendmentDeadline">Vul de datum en de tijd in waarop de termijn voor amendementen sluit, of laat beide leeg.');

    const reminders = await board.post('/bestuur/nieuwe-raadpleging', consultationForm({ reminderHoursBefore: '72, morgen' })).expect(400);
    expect(reminders.text).toContain('id="fout-reminderHoursBefore">Vul hele aantallen uren in');
    expect(await consultations()).toBe(before);
  });

  it('a proposal with alternatives needs two named variants; a question that is not offered is refused at its field', async () => {
    const board = await browserOf(BOARD);
    const created = await board.post('/bestuur/nieuwe-raadpleging', consultationForm()).expect(303);
    const id = /raadplegingen\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    const fields = {
      title: 'Contributie',
      summary: '',
      kind: 'proposal',
      questionType: 'alternatives',
      threshold: 'majority',
      quorum: 'none',
      variant1Label: 'Voorstel bestuur',
    };
    const one = await board.post(`/bestuur/raadplegingen/${id}/voorstellen/nieuw`, fields).expect(400);
    expect(one.text).toContain('<a href="#veld-variants">Vul bij alternatieven minstens twee varianten in, elk met een eigen naam.</a>');
    const rule = await board
      .post(`/bestuur/raadplegingen/${id}/voorstellen/nieuw`, { ...fields, questionType: 'for_against', threshold: 'one_third' })
      .expect(400);
    expect(rule.text).toContain('<a href="#veld-threshold">Kies een beslisregel.</a>');
    const figure = await board
      .post(`/bestuur/raadplegingen/${id}/voorstellen/nieuw`, {
        ...fields,
        questionType: 'for_against',
        valueKind: 'percentage',
        valueLabel: 'verhoging',
        value: '3,915',
      })
      .expect(400);
    expect(figure.text).toContain('id="fout-value">Vul het getal in (een percentage met hoogstens twee decimalen, een bedrag in euro of een geheel getal).');
    const published = await board.post(`/bestuur/raadplegingen/${id}/publish-final-proposals`).expect(409);
    expect(published.text).toContain('Een raadpleging heeft minstens één voorstel nodig.');
    expect(published.text).not.toMatch(/needs|at least/);
  });

  describe('while voting is open', () => {
    let id: string;
    let board: Awaited<ReturnType<typeof browserOf>>;

    beforeAll(async () => {
      const c = await openConsultation(t, schemeId, [{ title: 'Jaarverslag 2019', questionType: 'for_against' }], { votingDeadline: inDays(3) });
      id = c.id;
      const tokens = await secretaryTokens(t, id);
      await vote(t, id, tokens.get('GM0489')!, [choiceOf(c, 1, 'for')]).expect(201); // Barendrecht, 5
      board = await browserOf(BOARD);
    });

    const mails = async (kind: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE kind = $1 AND consultation_id = $2`, [kind, id]))[0].n;

    it('the live figures come as JSON for the script: 1 of 5 members, 5 of 33 weighted votes', async () => {
      const res = await t.http().get(`/bestuur/raadplegingen/${id}/stand`).set(auth(t)).set('Accept', 'application/json').expect(200);
      expect(res.body.status).toBe('voting_open');
      expect(res.body.figures).toMatchObject({
        votedMembers: '1',
        eligibleMembers: '5',
        membersShare: '20,00%',
        votedWeight: '5',
        eligibleWeight: '33',
        weightShare: '15,15%',
      });
      const page = await board.open(`/bestuur/raadplegingen/${id}`);
      expect(page.text).toContain('aria-live="polite"');
      expect(page.text).toContain('<script src="/static/board-live.js" defer></script>');
      expect(page.text).toContain(`<a href="/bestuur/raadplegingen/${id}">Vernieuwen</a>`);
    });

    it('a reminder goes to the four members that have not voted; a member that voted gets none', async () => {
      await board.open(`/bestuur/raadplegingen/${id}/niet-gestemd`);
      const res = await board.post(`/bestuur/raadplegingen/${id}/herinneren`).expect(303);
      expect(res.headers.location).toBe(`/bestuur/raadplegingen/${id}/niet-gestemd?gedaan=herinnering&aantal=4`);
      expect(await mails('reminder')).toBe(4);
      const [barendrecht] = await db.query(`SELECT id FROM member WHERE cbs_code = 'GM0489'`);
      const refused = await board.post(`/bestuur/raadplegingen/${id}/herinneren`, { memberId: barendrecht.id }).expect(409);
      expect(refused.text).toContain('Barendrecht heeft al gestemd.');
      expect(await mails('reminder')).toBe(4);
    });

    it('a new deadline must exist, lie ahead and be later than the current one; then every member is told', async () => {
      const current = (await db.query(`SELECT voting_deadline FROM consultation WHERE id = $1`, [id]))[0].voting_deadline as Date;
      await board.open(`/bestuur/raadplegingen/${id}/verlengen`);
      const cases: [Record<string, string>, string][] = [
        [{ votingDeadlineDate: '2031-02-29', votingDeadlineTime: '12:00' }, 'De nieuwe stemtermijn is geen bestaande datum en tijd.'],
        [{ votingDeadlineDate: '', votingDeadlineTime: '12:00' }, 'Vul de datum en de tijd van de nieuwe stemtermijn in.'],
        [{ votingDeadlineDate: '2020-06-26', votingDeadlineTime: '12:00' }, 'De nieuwe stemtermijn moet in de toekomst liggen.'],
        [{ ...splitLocal(new Date(current.getTime() - 3600_000)) }, 'De nieuwe stemtermijn moet later zijn dan de huidige stemtermijn.'],
      ];
      for (const [fields, message] of cases) {
        const res = await board.post(`/bestuur/raadplegingen/${id}/verlengen`, fields).expect(400);
        expect(res.text).toContain(`<p class="field-error" id="fout-votingDeadline">${message}</p>`);
        expect(res.text).toContain(`<a href="#veld-votingDeadline">${message}</a>`);
      }
      expect(await mails('extension')).toBe(0);
      const later = splitLocal(new Date(current.getTime() + 2 * 86400_000));
      const res = await board.post(`/bestuur/raadplegingen/${id}/verlengen`, later).expect(303);
      expect(res.headers.location).toBe(`/bestuur/raadplegingen/${id}?gedaan=verlengd&aantal=5`);
      expect(await mails('extension')).toBe(5);
      const page = await board.open(res.headers.location);
      expect(page.text).toContain('De stemtermijn is verlengd. 5 leden krijgen hiervan bericht per e-mail.');
    });

    it('the close confirmation names what happens; a clerk cannot see it', async () => {
      const page = await board.open(`/bestuur/raadplegingen/${id}/sluiten`);
      expect(page.text).toContain('De stemming stopt direct voor alle 5 leden');
      expect(page.text).toContain('<strong>4 leden hebben nog niet gestemd</strong> (28 gewogen stemmen)');
      expect(page.text).toContain(`action="/bestuur/raadplegingen/${id}/close-voting"`);
      const clerk = await browserOf(CLERK);
      const refused = await clerk.open(`/bestuur/raadplegingen/${id}/sluiten`, 403);
      expect(refused.text).toContain('<h1>Geen toegang</h1>');
    });
  });
});

function splitLocal(instant: Date): { votingDeadlineDate: string; votingDeadlineTime: string } {
  const local = instantToAmsterdam(instant);
  return { votingDeadlineDate: local.slice(0, 10), votingDeadlineTime: local.slice(11, 16) };
}
