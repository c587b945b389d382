import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { Transactions } from '../platform/database/transactions';
import { StaffAccount } from './staff-account.entity';
import { StaffSession } from './staff-session.entity';

// First key of the platform's advisory locks (as in platform/database/prepare-database.ts).
const ACCOUNT_LOCK_NAMESPACE = 0x4c52;

/** Staff accounts and their sessions (staff_account, staff_session). */
@Injectable()
export class AccountsRepository {
  constructor(private readonly tx: Transactions) {}

  anyAccountExists(): Promise<boolean> {
    return this.tx.manager().getRepository(StaffAccount).exists();
  }

  /** Serialises the creation of the first account between processes booting together (ends with the transaction). */
  async lockFirstAccountCreation(): Promise<void> {
    await this.tx.manager().query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ACCOUNT_LOCK_NAMESPACE, 'first-account']);
  }

  findByEmail(email: string): Promise<StaffAccount | null> {
    return this.tx.manager().findOneBy(StaffAccount, { email });
  }

  findById(id: string): Promise<StaffAccount | null> {
    return this.tx.manager().findOneBy(StaffAccount, { id });
  }

  listByEmail(): Promise<StaffAccount[]> {
    return this.tx.manager().find(StaffAccount, { order: { email: 'ASC' } });
  }

  insert(account: Omit<StaffAccount, 'id' | 'createdAt'>): Promise<StaffAccount> {
    const m = this.tx.manager();
    return m.save(m.create(StaffAccount, account));
  }

  async update(id: string, changes: Partial<Pick<StaffAccount, 'passwordHash' | 'totpSecret'>>): Promise<void> {
    await this.tx.manager().update(StaffAccount, { id }, changes);
  }

  /**
   * The member a member official acts for, by CBS code. Accounts sits below members (every module
   * guards its routes with accounts), so it cannot ask MembersService without a folder cycle: it reads
   * the members' published view `members_directory` (migration 1766100000000), never their table.
   */
  async memberIdByCbsCode(cbsCode: string): Promise<string | null> {
    const [member] = await this.tx.manager().query<{ id: string }[]>(`SELECT id FROM members_directory WHERE cbs_code = $1`, [cbsCode]);
    return member?.id ?? null;
  }

  async insertSession(session: Pick<StaffSession, 'tokenHash' | 'accountId' | 'expiresAt'>): Promise<void> {
    await this.tx.manager().insert(StaffSession, { ...session, endedAt: null });
  }

  findLiveSession(tokenHash: string, now: Date): Promise<StaffSession | null> {
    return this.tx.manager().findOneBy(StaffSession, { tokenHash, endedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  async endSession(tokenHash: string, now: Date): Promise<void> {
    await this.tx.manager().update(StaffSession, { tokenHash, endedAt: IsNull() }, { endedAt: now });
  }

  /** Ends every open session of the account; the number ended. */
  async endSessionsOf(accountId: string, now: Date): Promise<number> {
    const ended = await this.tx.manager().update(StaffSession, { accountId, endedAt: IsNull() }, { endedAt: now });
    return ended.affected ?? 0;
  }
}
