import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startServiceModule } from '../../test/support/service-module';
import { FixedClock } from '../platform/clock';
import { MailMessagesRepository } from './mail-messages.repository';
import { NotificationsModule } from './notifications.module';

// The worker's mail statements for many mails at once (the sender gathers concurrent jobs into them).
describe('mail rows written for many mails in one statement (real database)', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let repository: MailMessagesRepository;

  const mail = (key: string) => ({ key, kind: 'reminder', to: `${key}@Gemeente.example`, template: 'reminder', context: { gemeente: key } });
  const rowOf = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number; subject: string | null; smtp_message_id: string | null; sent: boolean }[]>(
        `SELECT status, attempts, subject, smtp_message_id, sent_at IS NOT NULL AS sent FROM mail_message WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    context = await startServiceModule([NotificationsModule], new FixedClock(new Date('2026-03-02T09:00:00Z')));
    db = context.get(DataSource);
    repository = context.get(MailMessagesRepository, { strict: false });
  });
  afterAll(() => context.close());

  it('counts an attempt of each queued mail and returns only those, with what sending needs', async () => {
    const [a, b, c] = await repository.insertNew([mail('a'), mail('b'), mail('c')]);
    await db.query(`UPDATE mail_message SET status = 'failed' WHERE id = $1`, [c]);
    const rows = await repository.startAttempts([a, b, c, a]);
    expect(rows.map((r) => r.id).sort()).toEqual([a, b].sort());
    expect(rows.find((r) => r.id === a)).toEqual({ id: a, to_address: 'a@gemeente.example', template: 'reminder', context: { gemeente: 'a' } });
    // A key given twice in one statement is one row updated once.
    await expect(rowOf(a)).resolves.toMatchObject({ status: 'queued', attempts: 1 });
    await expect(rowOf(c)).resolves.toMatchObject({ status: 'failed', attempts: 0 });
  });

  it('records several sent mails at once, keeps the stored subject where none is given, and leaves a failed mail failed', async () => {
    const [d, e, f] = await repository.insertNew([mail('d'), mail('e'), mail('f')]);
    await db.query(`UPDATE mail_message SET subject = 'Herinnering', status = CASE WHEN id = $2 THEN 'failed' ELSE status END WHERE id = ANY ($1::uuid[])`, [
      [d, e, f],
      f,
    ]);
    await repository.recordSentMany([
      { id: d, messageId: '<d@smtp>', subject: 'Herinnering: stem voor 1 april' },
      { id: e, messageId: '<e@smtp>', subject: null },
      { id: f, messageId: '<f@smtp>', subject: 'Niet verstuurd' },
    ]);
    await expect(rowOf(d)).resolves.toEqual({
      status: 'sent',
      attempts: 0,
      subject: 'Herinnering: stem voor 1 april',
      smtp_message_id: '<d@smtp>',
      sent: true,
    });
    await expect(rowOf(e)).resolves.toEqual({ status: 'sent', attempts: 0, subject: 'Herinnering', smtp_message_id: '<e@smtp>', sent: true });
    await expect(rowOf(f)).resolves.toEqual({ status: 'failed', attempts: 0, subject: 'Herinnering', smtp_message_id: null, sent: false });
  });
});
