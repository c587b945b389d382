import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { getPriority } from 'os';
import supertest from 'supertest';
import { contractCheckedAgent } from './support/openapi-contract';

import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { createScheme, FIVE_MEMBERS, importRegister, openConsultation, secretaryTokens, syntheticMembers } from './support/factories';
import { PlatformProcess, startApi, startWorker } from './support/processes';
import { SmtpSink } from './support/smtp-sink';
import { freePort, until } from './support/wait';

const MEMBERS = 342;

/**
 * As behind a load balancer: two API processes and two workers on one PostgreSQL and one Redis. The
 * in-process app only prepares data and reads the database; every vote goes to a spawned API.
 */
describe('two API instances and two workers on one database and one Redis', () => {
  let sink: SmtpSink;
  let t: TestApp;
  /** Supertest on a spawned API process (the same code as the in-process app): its answers keep the same document. */
  const request = (base: string) => contractCheckedAgent(supertest(base), t.contract);
  let db: DataSource;
  const processes: PlatformProcess[] = [];
  let apis: string[] = [];

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: sink.url });
    db = t.app.get(DataSource);
    const env = { ...t.env, TRUST_PROXY: 'loopback' };
    const ports = [await freePort(), await freePort()];
    apis = ports.map((port) => `http://127.0.0.1:${port}`);
    const started = Promise.all([startApi(env, ports[0]), startApi(env, ports[1])]);
    // The second worker lowers its own CPU priority, as production's default does (WORKER_NICENESS).
    processes.push(startWorker(env), startWorker({ ...env, WORKER_NICENESS: '5' }));
    // 342 members in 2020, five of whom were members in 2019 already: the vote that closes by itself is theirs.
    await importRegister(t, FIVE_MEMBERS, '2019-06-30');
    await importRegister(t, syntheticMembers(MEMBERS - FIVE_MEMBERS.length));
    processes.push(...(await started));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await t?.close();
    await sink?.stop();
  });

  it('count 342 votes spread over both APIs once each, share attempt limits, close once and send every invitation once', async () => {
    const scheme = await createScheme(t, { kind: 'one_member_one_vote' });
    const question = [{ title: 'Voorstel', questionType: 'for_against' }];
    // One vote (of the five members of 2019) closes by itself in a few seconds, while both workers hold
    // the job and sweep for overdue votes; the other (all members of 2020) takes the votes.
    const closing = await openConsultation(t, scheme, question, {
      title: 'Sluit vanzelf',
      referenceDate: '2019-06-30',
      votingDeadline: new Date(Date.now() + 15_000).toISOString(),
    });
    const voting = await openConsultation(t, scheme, question, { title: 'Stemming over twee instanties' });
    const tokens = [...(await secretaryTokens(t, voting.id)).values()];
    expect(tokens).toHaveLength(MEMBERS);

    // One vote per member, alternately to each API, 12 at a time.
    const p = voting.proposals[0];
    const statuses: number[] = [];
    for (let i = 0; i < tokens.length; i += 12) {
      const batch = tokens.slice(i, i + 12).map((token, j) =>
        request(apis[(i + j) % 2])
          .post(`/api/consultations/${voting.id}/ballot/submissions`)
          .set('X-Ballot-Token', token)
          .send({ voterName: 'De secretaris', voterRole: 'secretary', answers: [{ proposalId: p.id, choiceId: p.choices[(i + j) % 2].id }] }),
      );
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const [counted] = await db.query(
      `SELECT count(*)::int AS submissions, count(DISTINCT s.ballot_id)::int AS ballots, count(DISTINCT s.receipt_code)::int AS receipts
         FROM ballot_submission s JOIN ballot b ON b.id = s.ballot_id WHERE b.consultation_id = $1`,
      [voting.id],
    );
    expect(counted).toEqual({ submissions: MEMBERS, ballots: MEMBERS, receipts: MEMBERS });
    const turnout = await request(apis[1]).get(`/api/consultations/${voting.id}/turnout`).set('Authorization', `Bearer ${t.boardToken}`).expect(200);
    expect(turnout.body.voted).toEqual({ members: MEMBERS, weight: MEMBERS });

    // A stranger behind the load balancer guesses links on one API: the limit holds on the other, for that address only.
    const stranger = '203.0.113.9';
    for (let i = 0; i < 20; i++) {
      await request(apis[0])
        .get(`/api/consultations/${voting.id}/ballot`)
        .set('X-Ballot-Token', randomBytes(32).toString('base64url'))
        .set('X-Forwarded-For', stranger)
        .expect(401);
    }
    await request(apis[1]).get(`/api/consultations/${voting.id}/ballot`).set('X-Ballot-Token', tokens[0]).set('X-Forwarded-For', stranger).expect(429);
    await request(apis[1]).get(`/api/consultations/${voting.id}/ballot`).set('X-Ballot-Token', tokens[0]).set('X-Forwarded-For', '198.51.100.4').expect(200);

    // The closing job ran once: one closing, one audit entry, whichever worker took it.
    const status = async () => (await db.query(`SELECT status FROM consultation WHERE id = $1`, [closing.id]))[0].status as string;
    await until(async () => (await status()) === 'voting_closed', 60);
    const closings = await db.query(`SELECT actor FROM audit_event WHERE action = 'consultation.voting_closed' AND subject_id = $1`, [closing.id]);
    expect(closings).toEqual([{ actor: 'system:deadline' }]);
    expect(await status()).toBe('voting_closed');

    // Every invitation of both consultations went out, each exactly once.
    const total = MEMBERS + FIVE_MEMBERS.length;
    const invitations = () => sink.received().filter((m) => m.subject.startsWith('Stemformulier'));
    await until(() => invitations().length >= total, 90);
    await until(async () => (await db.query(`SELECT count(*)::int AS n FROM mail_message WHERE kind = 'invitation' AND status = 'sent'`))[0].n === total, 30);
    const received = invitations();
    expect(received).toHaveLength(total);
    expect(new Set(received.map((m) => m.mailId)).size).toBe(total);
    expect(new Set(received.filter((m) => m.subject.includes('Sluit vanzelf')).map((m) => m.to)).size).toBe(FIVE_MEMBERS.length);
    expect(new Set(received.filter((m) => m.subject.includes('Stemming over twee instanties')).map((m) => m.to)).size).toBe(MEMBERS);
    expect(processes.filter((x) => x.exited)).toEqual([]);
  }, 240_000);

  it('a worker runs at the CPU priority WORKER_NICENESS gives it, the API at the one it was started with', () => {
    // Field 19 of /proc/<pid>/stat is the nice value. Spawned processes start at the test runner's own.
    const nice = (p: PlatformProcess) => Number(readFileSync(`/proc/${p.child.pid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const own = getPriority();
    expect(processes.slice(0, 2).map(nice)).toEqual([own, Math.max(own, 5)]);
    expect(processes.slice(2).map(nice)).toEqual([own, own]);
  });
});
