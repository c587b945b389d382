import { createHash } from 'crypto';
import { EntityManager } from 'typeorm';

export interface ChainReport {
  /** Sealed entries that verified, in chain order. */
  entries: number;
  firstBroken: { id: string; chainSeq: string; reason: string } | null;
  /** Entries written but not sealed yet (the worker seals within about a second). */
  unsealed: number;
  /** When the oldest unsealed entry was written, or null. */
  oldestUnsealedAt: string | null;
}

/**
 * Recomputes the audit trail's hash chain: every sealed entry's hash must be SHA-256 of the previous
 * hash and the entry's canonical text (audit_entry_text in the database), and must follow the
 * previous entry without a gap. Names the first entry that does not fit, and says how many entries
 * wait to be sealed.
 */
export async function verifyAuditChain(manager: EntityManager, batch = 5000): Promise<ChainReport> {
  const [pending]: { unsealed: number; oldest: Date | null }[] = await manager.query(
    `SELECT count(*)::int AS unsealed, min(occurred_at) AS oldest FROM audit_event WHERE hash IS NULL`,
  );
  const unsealed = { unsealed: pending.unsealed, oldestUnsealedAt: pending.oldest ? new Date(pending.oldest).toISOString() : null };
  let previousHash = 'genesis';
  let expectedSeq = 1n;
  let entries = 0;
  for (;;) {
    const rows: { id: string; chain_seq: string; prev_hash: string; hash: string; text: string }[] = await manager.query(
      `SELECT id, chain_seq, prev_hash, hash, audit_entry_text(a) AS text FROM audit_event a
        WHERE chain_seq >= $1 ORDER BY chain_seq LIMIT $2`,
      [expectedSeq.toString(), batch],
    );
    for (const row of rows) {
      const broken = (reason: string): ChainReport => ({ entries, firstBroken: { id: row.id, chainSeq: row.chain_seq, reason }, ...unsealed });
      if (BigInt(row.chain_seq) !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
      if (row.prev_hash !== previousHash) return broken('its previous hash does not match the entry before it');
      const hash = createHash('sha256').update(`${row.prev_hash}|${row.text}`, 'utf8').digest('hex');
      if (hash !== row.hash) return broken('its content does not match its hash');
      previousHash = row.hash;
      expectedSeq += 1n;
      entries++;
    }
    if (rows.length < batch) return { entries, firstBroken: null, ...unsealed };
  }
}

/** Seals every entry written so far into the chain (in batches); returns how many it sealed. */
export async function sealAuditEntries(manager: EntityManager, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const [{ sealed }]: { sealed: number }[] = await manager.query(`SELECT seal_audit_events($1) AS sealed`, [batch]);
    total += sealed;
    if (sealed < batch) return total;
  }
}
