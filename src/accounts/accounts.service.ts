import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../platform/config/app-config';
import { Transactions } from '../platform/database/transactions';
import { DomainError } from '../platform/http/domain-error';
import { hashToken, newSecretToken } from '../platform/secret-token';
import { hashPassword, verifyPassword } from './password';
import { StaffAccount, StaffRole } from './staff-account.entity';
import { StaffSession } from './staff-session.entity';

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** The first board account comes from configuration, so a fresh installation can be signed into. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      // The configured account administers the platform and can take every board decision.
      await this.ensureAccount(this.config.BOARD_EMAIL, 'Bestuur (beheerder uit configuratie)', 'administrator', this.config.BOARD_PASSWORD);
    } catch (error) {
      // The API and the worker start together; the one that loses the race finds the account made.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }

  async ensureAccount(email: string, name: string, role: StaffRole, password: string): Promise<StaffAccount> {
    return this.tx.run(async () => {
      const repo = this.tx.manager().getRepository(StaffAccount);
      const normalised = email.trim().toLowerCase();
      const existing = await repo.findOneBy({ email: normalised });
      if (existing && (await verifyPassword(password, existing.passwordHash))) return existing;
      const passwordHash = await hashPassword(password);
      if (existing) {
        await repo.update(existing.id, { passwordHash });
        this.logger.log(`password of ${normalised} set from configuration`);
        return { ...existing, passwordHash };
      }
      const created = await repo.save(repo.create({ email: normalised, name, role, passwordHash }));
      await this.audit.record({ actor: 'system', action: 'staff_account.created', subjectType: 'staff_account', subjectId: created.id, details: { email: normalised, role } });
      return created;
    });
  }

  async signIn(email: string, password: string): Promise<{ token: string; expiresAt: Date; account: SignedInStaff }> {
    return this.tx.run(async () => {
      const account = await this.tx.manager().findOneBy(StaffAccount, { email: email.trim().toLowerCase() });
      if (!account || !(await verifyPassword(password, account.passwordHash))) {
        throw new DomainError('UNAUTHENTICATED', 'E-mail address or password is not correct');
      }
      const token = newSecretToken();
      const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_MINUTES * 60_000);
      await this.tx.manager().insert(StaffSession, { tokenHash: hashToken(token), accountId: account.id, expiresAt, endedAt: null });
      await this.audit.record({ actor: `staff:${account.email}`, action: 'staff.signed_in', subjectType: 'staff_account', subjectId: account.id });
      return { token, expiresAt, account: this.toSignedIn(account) };
    });
  }

  async signOut(token: string): Promise<void> {
    await this.tx.manager().update(StaffSession, { tokenHash: hashToken(token), endedAt: IsNull() }, { endedAt: new Date() });
  }

  /** The account behind a live session token, or null when it is unknown, ended or expired. */
  async bySessionToken(token: string): Promise<SignedInStaff | null> {
    const session = await this.tx.manager().findOneBy(StaffSession, {
      tokenHash: hashToken(token), endedAt: IsNull(), expiresAt: MoreThan(new Date()),
    });
    if (!session) return null;
    const account = await this.tx.manager().findOneBy(StaffAccount, { id: session.accountId });
    return account ? this.toSignedIn(account) : null;
  }

  private toSignedIn(account: StaffAccount): SignedInStaff {
    return { id: account.id, email: account.email, name: account.name, role: account.role };
  }
}
