import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsultationMailService } from '../src/consultations/consultation-mail.service';
import { startWorker } from '../src/worker';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, vote } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { until } from './support/wait';

const tokenIn = (body: string) => /\/stemmen\/([A-Za-z0-9_-]{43})/.exec(body)?.[1];

describe('ballot mail through the queue to a real SMTP server', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let db: DataSource;
  let worker: INestApplicationContext;
  let c: OpenConsultation;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: sink.url });
    db = t.app.get(DataSource);
    worker = await startWorker();
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [
      {
        title: 'Contributievoorstel 2021',
        questionType: 'alternatives',
        variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }],
      },
    ]);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  const byKind = async (kind: string) =>
    (await db.query(`SELECT status, count(*)::int AS n FROM mail_message WHERE kind = $1 GROUP BY status`, [kind])).reduce(
      (all: Record<string, number>, r: { status: string; n: number }) => ({ ...all, [r.status]: r.n }),
      {},
    );

  it('sends every secretary one invitation with the municipality, its weight, the deadline and a working link', async () => {
    await until(() => sink.received().length >= 5);
    const mails = sink.received();
    expect(mails.map((m) => m.to).sort()).toEqual(FIVE_MEMBERS.map(([code]) => `secretaris.${code.toLowerCase()}@gemeente.example`).sort());
    const amsterdam = mails.find((m) => m.to === 'secretaris.gm0363@gemeente.example')!;
    expect(amsterdam.subject).toBe('Stemformulier Testraadpleging voor gemeente Amsterdam');
    expect(amsterdam.body).toContain('Uw gemeente heeft 12 gewogen stemmen (869.709 inwoners op de peildatum)');
    expect(amsterdam.body).toContain('Keuzes: Voorstel bestuur: +3,9% / Geamendeerd voorstel: +2,9% / Tegen beide voorstellen / Onthouding');
    const page = await t
      .http()
      .get(`/stemmen/${tokenIn(amsterdam.body)}`)
      .expect(200);
    expect(page.text).toContain('Amsterdam');
    await until(async () => (await byKind('invitation')).sent === 5);
    const progress = await t.http().get(`/api/consultations/${c.id}/mail`).set(auth(t)).expect(200);
    expect(progress.body.byKind).toEqual([{ kind: 'invitation', queued: 0, sent: 5, failed: 0, messages: 5 }]);
  });

  it('sends a receipt after a vote, with the code and without the choices', async () => {
    const token = tokenIn(sink.received().find((m) => m.to === 'secretaris.gm0489@gemeente.example')!.body)!;
    const res = await vote(t, c.id, token, [choiceOf(c, 1, 'Geamendeerd voorstel: +2,9%')]).expect(201);
    await until(() => sink.received().some((m) => m.subject.includes(res.body.receiptCode)));
    const receipt = sink.received().find((m) => m.subject.includes(res.body.receiptCode))!;
    expect(receipt.to).toBe('secretaris.gm0489@gemeente.example');
    expect(receipt.body).toContain(`Ontvangstcode: ${res.body.receiptCode}`);
    expect(receipt.body).not.toContain('2,9%');
  });

  it('reminds only the members that have not voted', async () => {
    const [{ voting_deadline }] = await db.query('SELECT voting_deadline FROM consultation WHERE id = $1', [c.id]);
    const queued = await worker.get(ConsultationMailService).sendReminders(c.id, 24, new Date(voting_deadline).toISOString());
    expect(queued).toBe(4);
    await until(async () => (await byKind('reminder')).sent === 4);
    const reminded = sink
      .received()
      .filter((m) => m.subject.startsWith('Herinnering'))
      .map((m) => m.to);
    expect(reminded).not.toContain('secretaris.gm0489@gemeente.example');
    expect(reminded).toHaveLength(4);
    // a replayed job sends nothing twice
    expect(await worker.get(ConsultationMailService).sendReminders(c.id, 24, new Date(voting_deadline).toISOString())).toBe(4);
    // Not a pause: wait until the worker has finished every mail job there is, then count.
    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_job WHERE queue = 'mail' AND done_at IS NULL`))[0].n === 0);
    expect(sink.received().filter((m) => m.subject.startsWith('Herinnering'))).toHaveLength(4);
  });

  it('reissues a ballot to a new secretary address: the old link stops at once', async () => {
    const old = tokenIn(sink.received().find((m) => m.to === 'secretaris.gm0088@gemeente.example' && m.subject.startsWith('Stemformulier'))!.body)!;
    const member = (await t.http().get('/api/members?on=2020-06-30').set(auth(t))).body.items.find((m: { cbsCode: string }) => m.cbsCode === 'GM0088');
    await t
      .http()
      .post(`/api/consultations/${c.id}/members/${member.id}/reissue-ballot`)
      .set(auth(t))
      .send({ secretaryName: 'Nieuwe secretaris', secretaryEmail: 'nieuw@schiermonnikoog.example' })
      .expect(202);
    const refused = await vote(t, c.id, old, [choiceOf(c, 1, 'against')]).expect(403);
    expect(refused.body.error).toBe('LINK_REVOKED');
    await until(() => sink.received().some((m) => m.to === 'nieuw@schiermonnikoog.example'));
    const fresh = tokenIn(sink.received().find((m) => m.to === 'nieuw@schiermonnikoog.example')!.body)!;
    expect(fresh).not.toBe(old);
    await vote(t, c.id, fresh, [choiceOf(c, 1, 'against')]).expect(201);
  });

  it('resends the invitation to one member with the same live link', async () => {
    const member = (await t.http().get('/api/members?on=2020-06-30').set(auth(t))).body.items.find((m: { cbsCode: string }) => m.cbsCode === 'GM0498');
    const before = sink.received().filter((m) => m.to === 'secretaris.gm0498@gemeente.example' && m.subject.startsWith('Stemformulier'));
    await t.http().post(`/api/consultations/${c.id}/members/${member.id}/resend-invitation`).set(auth(t)).expect(202);
    await until(() => sink.received().filter((m) => m.to === 'secretaris.gm0498@gemeente.example' && m.subject.startsWith('Stemformulier')).length === 2);
    const after = sink.received().filter((m) => m.to === 'secretaris.gm0498@gemeente.example' && m.subject.startsWith('Stemformulier'));
    expect(new Set(after.map((m) => tokenIn(m.body)))).toEqual(new Set([tokenIn(before[0].body)]));
  });

  it('sends the result letter to every member when the board publishes', async () => {
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
    await until(() => sink.received().filter((m) => m.subject.startsWith('Uitslag')).length === 5);
    const letter = sink.received().find((m) => m.subject.startsWith('Uitslag') && m.to === 'secretaris.gm0363@gemeente.example')!;
    // Barendrecht 5 for the amended proposal, Schiermonnikoog 1 against: 5 / 6 = 83,33%, 1 / 6 = 16,67%
    expect(letter.body).toContain('Geamendeerd voorstel: +2,9%: 83,33%');
    expect(letter.body).toContain('Tegen beide voorstellen: 16,67%');
    expect(letter.body).toContain(`/raadplegingen/${c.id}/uitslag`);
  });

  it('shows the queues to signed-in staff only', async () => {
    await t.http().get('/bestuur/wachtrijen').expect(303);
    const res = await t.http().get('/bestuur/wachtrijen/api/queues').set('Authorization', `Bearer ${t.boardToken}`).expect(200);
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['billing', 'consultations', 'mail']);
  });
});

describe('a bouncing mail server', () => {
  it('marks the mail failed with the reason, without retrying a permanent refusal', async () => {
    const sink = await new SmtpSink().start({ rejectRecipients: true });
    const t = await startTestApp({ SMTP_URL: sink.url });
    const worker = await startWorker();
    try {
      await importRegister(t, FIVE_MEMBERS);
      const c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Voorstel', questionType: 'for_against' }]);
      const db = t.app.get(DataSource);
      await until(async () => (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'failed'`))[0].n === 5);
      const rows = await db.query(`SELECT attempts, last_error FROM mail_message`);
      expect(rows.every((r: { attempts: number }) => r.attempts === 1)).toBe(true);
      expect(rows[0].last_error).toContain('550 5.1.1 Recipient address rejected');
      const progress = await t.http().get(`/api/consultations/${c.id}/mail`).set(auth(t)).expect(200);
      expect(progress.body.failures).toHaveLength(5);
      expect(progress.body.failures[0]).toMatchObject({ kind: 'invitation', memberName: 'Amsterdam' });

      // The mail server accepts again; the board resends Amsterdam's invitation, which arrives.
      sink.rejecting = false;
      const amsterdam = progress.body.failures[0].memberId as string;
      await t.http().post(`/api/consultations/${c.id}/members/${amsterdam}/resend-invitation`).set(auth(t)).expect(202);
      await until(() => sink.received().some((m) => m.to === 'secretaris.gm0363@gemeente.example'));
      await until(async () => (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'sent'`))[0].n === 1);
      // The dashboard counts each member's latest invitation: Amsterdam's failure is no longer open.
      const after = await t.http().get(`/api/consultations/${c.id}/mail`).set(auth(t)).expect(200);
      expect(after.body.byKind).toEqual([{ kind: 'invitation', queued: 0, sent: 1, failed: 4, messages: 6 }]);
      expect(after.body.failures.map((f: { memberName: string }) => f.memberName)).toEqual(['Barendrecht', 'Drechterland', 'Rotterdam', 'Schiermonnikoog']);
      expect(after.body.history).toBeUndefined();
      // The history, one parameter away, still shows the failed first attempt.
      const history = await t.http().get(`/api/consultations/${c.id}/mail?history=true`).set(auth(t)).expect(200);
      expect(history.body.history).toHaveLength(6);
      expect(
        history.body.history
          .filter((h: { memberName: string }) => h.memberName === 'Amsterdam')
          .map((h: { status: string; latest: boolean }) => [h.status, h.latest]),
      ).toEqual([
        ['failed', false],
        ['sent', true],
      ]);
      // The board's page likewise (its live figures): Stemformulier 1 sent, 0 waiting, 4 failed; the 6 messages in the history one click away.
      const page = await t.http().get(`/bestuur/raadplegingen/${c.id}`).set(auth(t)).expect(200);
      expect(page.text).toContain(
        '<tr><th scope="row">Stemformulier</th><td class="num" data-label="Verzonden" data-live="invitationSent">1</td><td class="num" data-label="Wacht" data-live="invitationQueued">0</td><td class="num" data-label="Mislukt" data-live="invitationFailed">4</td></tr>',
      );
      expect(page.text).not.toContain('Amsterdam (Stemformulier');
      expect(page.text).toContain('Rotterdam (Stemformulier');
      expect(page.text).toContain(`?geschiedenis=ja`);
      const historyPage = await t.http().get(`/bestuur/raadplegingen/${c.id}?geschiedenis=ja`).set(auth(t)).expect(200);
      expect(historyPage.text).toContain(
        '<td data-label="Gemeente">Amsterdam</td><td data-label="Soort">Stemformulier</td><td data-label="Adres">secretaris.gm0363@gemeente.example</td><td data-label="Stand">mislukt (vervangen)</td>',
      );
      expect(historyPage.text.match(/<td data-label="Soort">Stemformulier<\/td>/g)).toHaveLength(6);
      const refused = await t.http().get(`/api/consultations/${c.id}/mail?history=yes`).set(auth(t)).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'history', rule: 'history must be true or false' }]);
    } finally {
      await worker.close();
      await t.close();
      await sink.stop();
    }
  });
});
