import { DataSource } from 'typeorm';
import { verifyAuditChain } from '../src/audit/audit-chain';
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
    const c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: 'Voorstel', questionType: 'for_against' }], { secrecy: 'confidential' });
    consultationId = c.id;
    const tokens = await secretaryTokens(t, c.id);
    await Promise.all(['GM0363', 'GM0599', 'GM0489'].map((code) => vote(t, c.id, tokens.get(code)!, [choiceOf(c, 1, code === 'GM0599' ? 'against' : 'for')]).expect(201)));
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

  it('every entry carries the hash of the one before, and the chain verifies', async () => {
    const rows = await db.query(`SELECT chain_seq, prev_hash, hash FROM audit_event ORDER BY chain_seq LIMIT 3`);
    expect(rows[0].prev_hash).toBe('genesis');
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    const report = await verifyAuditChain(db.manager);
    expect(report.firstBroken).toBeNull();
    expect(report.entries).toBeGreaterThan(10);
  });

  it('tampering with one audit row is detected and named', async () => {
    const [target] = await db.query(`SELECT id, chain_seq FROM audit_event WHERE action = 'ballot.submitted' ORDER BY chain_seq LIMIT 1`);
    // Someone with database rights switches the guard off and edits the entry.
    await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await db.query(`UPDATE audit_event SET actor = 'ballot:GM0088:secretary:someone-else@example.org' WHERE id = $1`, [target.id]);
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    const report = await verifyAuditChain(db.manager);
    expect(report.firstBroken).toEqual({ id: target.id, chainSeq: target.chain_seq, reason: 'its content does not match its hash' });
    expect(report.entries).toBe(Number(target.chain_seq) - 1);
  });

  it('a confidential consultation publishes totals only; the board sees who voted, not how', async () => {
    const res = await t.http().get(`/api/public/consultations/${consultationId}/results`).expect(200);
    expect(res.body.secrecy).toBe('confidential');
    expect(res.body.votes).toEqual([]);
    // 12 + 5 for, 12 against: 17 / 29 = 58,62%
    expect(res.body.proposals[0].choices[0].share).toBe('58,62%');
    const page = await t.http().get(`/raadplegingen/${consultationId}/uitslag`).expect(200);
    expect(page.text).not.toContain('Stemgedrag per gemeente');
    const voters = await t.http().get(`/api/consultations/${consultationId}/voters`).set(auth(t)).expect(200);
    expect(voters.body.map((v: { memberCode: string }) => v.memberCode).sort()).toEqual(['GM0363', 'GM0489', 'GM0599']);
    expect(Object.keys(voters.body[0]).sort()).toEqual(['memberCode', 'memberName', 'receivedAt', 'voterName', 'voterRole', 'weight']);
  });
});
