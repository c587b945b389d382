import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { createScheme, importRegister, openConsultation, syntheticMembers } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { until } from './support/wait';

/** The mail worker's concurrency (src/notifications/mail-jobs.module.ts): messages in flight at once. */
const MAIL_CONCURRENCY = 10;

/** The worker as its own process (as in production), so it can really be killed. */
function spawnWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'worker.ts')], {
    env: { ...process.env, ...env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json') },
    stdio: 'ignore',
  });
}

describe('a worker killed in the middle of dispatching 300 invitations', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // The sink waits a second before answering DATA, so the dispatch takes long enough to be interrupted.
    sink = await new SmtpSink().start({ dataDelaySeconds: 1 });
    t = await startTestApp({ SMTP_URL: sink.url });
  });
  afterAll(async () => {
    workers.forEach((w) => w.kill('SIGKILL'));
    await t.close();
    await sink.stop();
  });

  it('is restarted and every member gets exactly one invitation', async () => {
    const members = syntheticMembers(300);
    await importRegister(t, members);
    await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    const db = t.app.get(DataSource);
    const sent = async () => (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'sent'`))[0].n as number;

    workers.push(spawnWorker(t.env));
    await until(() => sink.received().length >= 20, 60);
    workers[0].kill('SIGKILL');
    const beforeKill = sink.received().length;
    expect(beforeKill).toBeLessThan(300);

    workers.push(spawnWorker(t.env));
    await until(async () => (await sent()) === 300, 120);

    const received = sink.received();
    const perRecipient = new Map<string, string[]>();
    for (const mail of received) perRecipient.set(mail.to, [...(perRecipient.get(mail.to) ?? []), mail.mailId]);
    // Every member got its invitation, and only its own message (one mail id per member).
    expect(perRecipient.size).toBe(300);
    expect([...perRecipient.values()].every((ids) => new Set(ids).size === 1)).toBe(true);
    // The README's promise: a copy goes twice only when the worker dies after the SMTP server
    // accepted it and before the worker heard so; such a copy carries the same Message-ID. At most
    // the messages in flight at the kill (one per SMTP connection; the sink records a message only
    // if its client is still there after the delay) can be in that window.
    const duplicates = received.length - 300;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(MAIL_CONCURRENCY);
  }, 200_000);
});
