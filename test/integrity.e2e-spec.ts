import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { sealAuditEntries, verifyAuditChain } from '../src/platform/audit/audit-chain';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, EXAMPLE_TABLE, FIVE_MEMBERS, importRegister, openConsultation, secretaryTokens, vote } from './support/factories';

describe('a tamper-evident record', () => {
  let t: TestApp;
  let db: DataSource;
  let consultationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    const c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Voorstel', questionType: 'for_against' }], {
      secrecy: 'confidential',
    });
    consultationId = c.id;
    const tokens = await secretaryTokens(t, c.id);
    await Promise.all(
      ['GM0363', 'GM0599', 'GM0489'].map((code) => vote(t, c.id, tokens.get(code)!, [choiceOf(c, 1, code === 'GM0599' ? 'against' : 'for')]).expect(201)),
    );
    await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
    await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
  });
  afterAll(() => t.close());

  it('the database refuses to change a submitted vote or a published result', async () => {
    await expect(db.query(`UPDATE ballot_submission SET voter_name = 'x'`)).rejects.toThrow('ballot_submission is append-only: UPDATE refused');
    await expect(db.query(`UPDATE submission_answer SET choice_id = choice_id`)).rejects.toThrow('append-only');
    await expect(db.query(`DELETE FROM ballot_submission`)).rejects.toThrow('append-only');
    await expect(db.query(`UPDATE published_result SET outcome = 'rejected'`)).rejects.toThrow('published_result is append-only: UPDATE refused');
    await expect(db.query(`DELETE FROM audit_event`)).rejects.toThrow('audit_event is append-only: DELETE refused');
  });

  it('entries are written unsealed and sealed into the chain afterwards, in order', async () => {
    const before = await verifyAuditChain(db.manager);
    expect(before.unsealed).toBeGreaterThan(10); // no worker runs in this test: nothing sealed yet
    expect(before.oldestUnsealedAt).not.toBeNull();
    const written = before.unsealed + before.entries;
    expect(await sealAuditEntries(db.manager, 7)).toBe(before.unsealed); // in batches of 7
    const after = await verifyAuditChain(db.manager);
    expect(after).toEqual({ entries: written, firstBroken: null, unsealed: 0, oldestUnsealedAt: null });
    expect(await sealAuditEntries(db.manager)).toBe(0);
  });

  it('an unsealed entry can receive its seal only, never a change of content', async () => {
    const [{ id }] = await db.query(
      `INSERT INTO audit_event (actor, action, subject_type, subject_id) VALUES ('test', 'test.unsealed', 'test', '1') RETURNING id`,
    );
    await expect(db.query(`UPDATE audit_event SET actor = 'someone-else' WHERE id = $1`, [id])).rejects.toThrow('audit_event is append-only: UPDATE refused');
    await expect(
      db.query(`UPDATE audit_event SET chain_seq = 999999, prev_hash = 'x', hash = 'forged', actor = 'someone-else' WHERE id = $1`, [id]),
    ).rejects.toThrow('UPDATE refused');
    await expect(db.query(`DELETE FROM audit_event WHERE id = $1`, [id])).rejects.toThrow('DELETE refused');
    expect(await sealAuditEntries(db.manager)).toBe(1);
    await expect(db.query(`UPDATE audit_event SET hash = 'forged' WHERE id = $1`, [id])).rejects.toThrow('UPDATE refused');
  });

  it('writers never wait for each other: an open transaction holding a new entry blocks no other writer', async () => {
    const [slow, fast] = [new Client({ connectionString: t.env.DATABASE_URL }), new Client({ connectionString: t.env.DATABASE_URL })];
    await Promise.all([slow.connect(), fast.connect()]);
    try {
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO audit_event (actor, action, subject_type, subject_id) VALUES ('test', 'test.slow', 'test', '2')`);
      // With a global chain lock this insert would wait for the open transaction and time out.
      await fast.query(`SET statement_timeout = '2s'`);
      await fast.query(`INSERT INTO audit_event (actor, action, subject_type, subject_id) VALUES ('test', 'test.fast', 'test', '3')`);
      // The sealer seals what is committed; the open transaction's entry follows once it commits.
      expect(await sealAuditEntries(db.manager)).toBe(1);
      await slow.query('COMMIT');
      expect(await sealAuditEntries(db.manager)).toBe(1);
      const order = await db.query(`SELECT action FROM audit_event WHERE action IN ('test.slow', 'test.fast') ORDER BY chain_seq`);
      expect(order.map((r: { action: string }) => r.action)).toEqual(['test.fast', 'test.slow']);
      expect((await verifyAuditChain(db.manager)).firstBroken).toBeNull();
    } finally {
      await Promise.all([slow.end(), fast.end()]);
    }
  });

  it('every entry carries the hash of the one before, and the chain verifies', async () => {
    const rows = await db.query(`SELECT chain_seq, prev_hash, hash FROM audit_event ORDER BY chain_seq LIMIT 3`);
    expect(rows[0].prev_hash).toBe('genesis');
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    const report = await verifyAuditChain(db.manager);
    expect(report.firstBroken).toBeNull();
    expect(report.entries).toBeGreaterThan(10);
  });

  it('tampering with one audit row is detected and named', async () => {
    const [target] = await db.query(`SELECT id, chain_seq, actor FROM audit_event WHERE action = 'ballot.submitted' ORDER BY chain_seq LIMIT 1`);
    // Someone with database rights switches the guard off and edits the entry.
    await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await db.query(`UPDATE audit_event SET actor = 'ballot:GM0088:secretary:someone-else@example.org' WHERE id = $1`, [target.id]);
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    const report = await verifyAuditChain(db.manager);
    expect(report.firstBroken).toEqual({ id: target.id, chainSeq: target.chain_seq, reason: 'its content does not match its hash' });
    expect(report.entries).toBe(Number(target.chain_seq) - 1);
    // Put it back, so that the next test sees only its own tampering.
    await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await db.query(`UPDATE audit_event SET actor = $2 WHERE id = $1`, [target.id, target.actor]);
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    expect((await verifyAuditChain(db.manager)).firstBroken).toBeNull();
  });

  it('a removed sealed entry is detected and the gap named', async () => {
    const [target] = await db.query(`SELECT id, chain_seq FROM audit_event WHERE action = 'consultation.voting_closed'`);
    const [next] = await db.query(`SELECT id, chain_seq FROM audit_event WHERE chain_seq = $1 + 1`, [target.chain_seq]);
    await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await db.query(`DELETE FROM audit_event WHERE id = $1`, [target.id]);
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    const report = await verifyAuditChain(db.manager);
    expect(report.firstBroken).toEqual({ id: next.id, chainSeq: next.chain_seq, reason: `entry ${target.chain_seq} is missing` });
    expect(report.entries).toBe(Number(target.chain_seq) - 1);
  });

  it('a confidential consultation publishes totals only; the board sees who voted, not how', async () => {
    const res = await t.http().get(`/api/public/consultations/${consultationId}/results`).expect(200);
    expect(res.body.secrecy).toBe('confidential');
    expect(res.body.votes).toEqual({ items: [], page: 1, size: 100, total: 0 });
    // 12 + 5 for, 12 against: 17 / 29 = 58,62%
    expect(res.body.proposals[0].choices[0].share).toBe('58,62%');
    const page = await t.http().get(`/raadplegingen/${consultationId}/uitslag`).expect(200);
    expect(page.text).not.toContain('Stemgedrag per gemeente');
    const voters = await t.http().get(`/api/consultations/${consultationId}/voters`).set(auth(t)).expect(200);
    expect(voters.body.items.map((v: { memberCode: string }) => v.memberCode).sort()).toEqual(['GM0363', 'GM0489', 'GM0599']);
    expect(Object.keys(voters.body.items[0]).sort()).toEqual(['memberCode', 'memberName', 'receivedAt', 'voterName', 'voterRole', 'weight']);
  });
});
