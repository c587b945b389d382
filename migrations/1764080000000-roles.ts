import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every account role of the platform: staff (administrator, board, clerk, auditor), a member official
 * bound to one municipality, and a provider (aanbieder) bound to its own name. Optional one-time codes.
 */
export class Roles1764080000000 implements MigrationInterface {
  name = 'Roles1764080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_account DROP CONSTRAINT staff_account_role_check`);
    await q.query(`ALTER TABLE staff_account
      ADD CONSTRAINT staff_account_role_check CHECK (role IN ('administrator', 'board', 'clerk', 'auditor', 'member_official', 'provider')),
      ADD COLUMN member_id uuid REFERENCES member(id),
      ADD COLUMN provider text,
      ADD COLUMN totp_secret text,
      ADD CONSTRAINT staff_account_member_binding CHECK ((role = 'member_official') = (member_id IS NOT NULL)),
      ADD CONSTRAINT staff_account_provider_binding CHECK ((role = 'provider') = (provider IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_account DROP CONSTRAINT staff_account_member_binding, DROP CONSTRAINT staff_account_provider_binding,
      DROP COLUMN member_id, DROP COLUMN provider, DROP COLUMN totp_secret, DROP CONSTRAINT staff_account_role_check`);
    await q.query(`ALTER TABLE staff_account ADD CONSTRAINT staff_account_role_check CHECK (role IN ('administrator', 'board', 'clerk', 'auditor'))`);
  }
}
