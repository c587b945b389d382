import { MigrationInterface, QueryRunner } from 'typeorm';

/** Mail to members with a delivery status per message, and a reminder schedule per consultation. */
export class Notifications1764050000000 implements MigrationInterface {
  name = 'Notifications1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        kind text NOT NULL,
        to_address text NOT NULL,
        template text NOT NULL,
        context jsonb NOT NULL,
        member_id uuid REFERENCES member(id),
        consultation_id uuid REFERENCES consultation(id),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        subject text,
        smtp_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX mail_message_consultation ON mail_message (consultation_id, kind, status)`);
    await q.query(`ALTER TABLE consultation ADD COLUMN reminder_hours_before integer[] NOT NULL DEFAULT '{72,24}'
      CHECK (0 < ALL (reminder_hours_before))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation DROP COLUMN reminder_hours_before`);
    await q.query(`DROP TABLE mail_message`);
  }
}
