import { createHash } from 'crypto';
import { EntityManager } from 'typeorm';

export interface ChainReport {
  entries: number;
  firstBroken: { id: string; chainSeq: string; reason: string } | null;
}

/**
 * Recomputes the audit trail's hash chain: every entry's hash must be SHA-256 of the previous hash
 * and the entry's canonical text (audit_entry_text in the database), and must follow the previous
 * entry without a gap. Names the first entry that does not fit.
 */
export async function verifyAuditChain(manager: EntityManager, batch = 5000): Promise<ChainReport> {
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
      const broken = (reason: string): ChainReport => ({ entries, firstBroken: { id: row.id, chainSeq: row.chain_seq, reason } });
      if (BigInt(row.chain_seq) !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
      if (row.prev_hash !== previousHash) return broken('its previous hash does not match the entry before it');
      const hash = createHash('sha256').update(`${row.prev_hash}|${row.text}`, 'utf8').digest('hex');
      if (hash !== row.hash) return broken('its content does not match its hash');
      previousHash = row.hash;
      expectedSeq += 1n;
      entries++;
    }
    if (rows.length < batch) return { entries, firstBroken: null };
  }
}
