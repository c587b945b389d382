import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The members module's published read contract (README, Architecture): `members_directory`, who a
 * member is (CBS code, name) and who its secretary is. Another module reads members through
 * MembersService; it reads this view instead only where a service call cannot do: a statement that
 * must stay one statement (issuing a ballot link to every weighted member's secretary; named votes
 * paged in the order of the members' names; the mail history sorted by member) or a module the
 * members module itself depends on (accounts). No module but members reads the `member` table.
 *
 * The view is a contract: its columns keep their names and meaning; members may change its tables
 * behind it, with a migration that keeps the view answering the same.
 */
export class MembersDirectoryView1766100000000 implements MigrationInterface {
  name = 'MembersDirectoryView1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW members_directory AS
      SELECT id, cbs_code, name, secretary_name, secretary_email FROM member`);
    await q.query(`COMMENT ON VIEW members_directory IS 'members'' published read contract: a member''s CBS code and name, and its secretary (migration 1766100000000)'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW members_directory`);
  }
}
