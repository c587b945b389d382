import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL is the source of truth for background jobs: an outbox row stays "not done" until its
 * handler has finished, so the worker's reconciler can queue it again when Redis lost it.
 */
export class OutboxDone1764200000000 implements MigrationInterface {
  name = 'OutboxDone1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_job ADD COLUMN done_at timestamptz`);
    await q.query(`CREATE INDEX outbox_job_not_done ON outbox_job (id) WHERE done_at IS NULL`);
    // Rows from before this migration: what PostgreSQL already shows as finished needs no reconciling.
    // The rest stays open; every handler re-checks its state, so running one again changes nothing.
    await q.query(`UPDATE outbox_job o SET done_at = o.relayed_at FROM mail_message m
                    WHERE o.name = 'send-mail' AND o.relayed_at IS NOT NULL AND m.id = (o.data->>'mailId')::uuid AND m.status <> 'queued'`);
    await q.query(`UPDATE outbox_job o SET done_at = o.relayed_at FROM consultation c
                    WHERE o.name IN ('close-voting', 'send-reminders') AND o.relayed_at IS NOT NULL
                      AND c.id = (o.data->>'consultationId')::uuid
                      AND (c.status <> 'voting_open' OR (o.name = 'send-reminders' AND o.run_at < now()))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_job DROP COLUMN done_at`);
  }
}
