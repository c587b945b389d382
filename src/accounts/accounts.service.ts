import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../platform/audit/audit.service';
import { AppConfig } from '../platform/config/app-config';
import { Transactions } from '../platform/database/transactions';
import { AttemptLimiter } from '../platform/http/attempt-limiter';
import { DomainError } from '../platform/http/domain-error';
import { hashToken, newSecretToken } from '../platform/secret-token';
import { AccountsRepository } from './accounts.repository';
import { CreateAccountDto } from './dto/create-account.dto';
import { hashPassword, verifyPassword } from './password';
import { StaffAccount, StaffRole } from './staff-account.entity';
import { staffActor } from './staff-actor';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp';

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  memberId: string | null;
  provider: string | null;
}

// Ten wrong passwords (or codes) per address or per account in fifteen minutes, then a pause.
const SIGN_IN_LIMIT = 10;
const SIGN_IN_WINDOW_MS = 15 * 60_000;

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly repository: AccountsRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly limiter: AttemptLimiter,
  ) {}

  /** The first account comes from configuration, so a fresh installation can be signed into. */
  async onApplicationBootstrap(): Promise<void> {
    // The configured account administers the platform and can take every board decision.
    const created = await this.createFirstAccount(this.config.BOARD_EMAIL, 'Bestuur (beheerder uit configuratie)', this.config.BOARD_PASSWORD);
    if (created) this.logger.log(`first administrator ${created.email} created from configuration`);
  }

  /**
   * Creates the configured administrator only while there is no account at all, and never changes an
   * existing one: a password or one-time code set later must survive a restart. The API and the worker
   * boot together, so the check and the insert run under an advisory lock.
   */
  async createFirstAccount(email: string, name: string, password: string): Promise<StaffAccount | null> {
    if (await this.repository.anyAccountExists()) return null;
    const passwordHash = await hashPassword(password);
    return this.tx.run(async () => {
      await this.repository.lockFirstAccountCreation();
      if (await this.repository.anyAccountExists()) return null;
      const normalised = email.trim().toLowerCase();
      const created = await this.repository.insert({
        email: normalised,
        name,
        role: 'administrator',
        passwordHash,
        memberId: null,
        provider: null,
        totpSecret: null,
      });
      await this.audit.record({
        actor: 'system',
        action: 'account.created',
        subjectType: 'account',
        subjectId: created.id,
        details: { email: normalised, role: 'administrator', from: 'configuration' },
      });
      return created;
    });
  }

  /**
   * From the server's shell (`npm run account:reset`): a new password, one-time codes off (so an
   * account whose authenticator is lost can get back in), and every open session of it ended.
   */
  async resetAccess(email: string, password: string, actor: string): Promise<{ email: string; oneTimeCodesRemoved: boolean; sessionsEnded: number }> {
    if (password.length < 12) throw DomainError.invalid('password', 'must be at least 12 characters');
    const passwordHash = await hashPassword(password);
    return this.tx.run(async () => {
      const normalised = email.trim().toLowerCase();
      const account = await this.repository.findByEmail(normalised);
      if (!account) throw DomainError.notFound('account', normalised);
      await this.repository.update(account.id, { passwordHash, totpSecret: null });
      const sessionsEnded = await this.repository.endSessionsOf(account.id, new Date());
      const result = { email: normalised, oneTimeCodesRemoved: account.totpSecret !== null, sessionsEnded };
      await this.audit.record({ actor, action: 'account.reset', subjectType: 'account', subjectId: account.id, details: result });
      return result;
    });
  }

  /** An administrator creates an account; a member official names its municipality, a provider its name. */
  async create(input: CreateAccountDto, actor: string): Promise<SignedInStaff> {
    if ((input.role === 'member_official') !== !!input.memberCode) throw DomainError.invalid('memberCode', 'is required for, and only for, a member official');
    if ((input.role === 'provider') !== !!input.provider) throw DomainError.invalid('provider', 'is required for, and only for, a provider');
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async () => {
      let memberId: string | null = null;
      if (input.memberCode) {
        memberId = await this.repository.memberIdByCbsCode(input.memberCode);
        if (!memberId) throw DomainError.invalid('memberCode', `${input.memberCode} is not a member`);
      }
      const email = input.email.trim().toLowerCase();
      if (await this.repository.findByEmail(email))
        throw new DomainError('DUPLICATE', `email: ${email} has an account`, [{ field: 'email', rule: 'must be unique' }]);
      const account = await this.repository.insert({
        email,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        memberId,
        provider: input.provider ?? null,
        totpSecret: null,
      });
      await this.audit.record({
        actor,
        action: 'account.created',
        subjectType: 'account',
        subjectId: account.id,
        details: { email, role: input.role, memberCode: input.memberCode, provider: input.provider },
      });
      return this.toSignedIn(account);
    });
  }

  async list(): Promise<SignedInStaff[]> {
    return (await this.repository.listByEmail()).map((a) => this.toSignedIn(a));
  }

  async signIn(
    email: string,
    password: string,
    code: string | undefined,
    clientKey: string,
  ): Promise<{ token: string; expiresAt: Date; account: SignedInStaff }> {
    const normalised = email.trim().toLowerCase();
    const keys = [`sign-in:address:${clientKey}`, `sign-in:account:${normalised}`];
    for (const key of keys) await this.limiter.assertAllowed(key, SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS);
    const refuse = async (message: string, field?: string): Promise<never> => {
      for (const key of keys) await this.limiter.recordFailure(key, SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS);
      throw new DomainError('UNAUTHENTICATED', message, field ? [{ field, rule: message }] : []);
    };
    return this.tx.run(async () => {
      const account = await this.repository.findByEmail(normalised);
      if (!account || !(await verifyPassword(password, account.passwordHash))) return refuse('E-mail address or password is not correct');
      if (account.totpSecret) {
        if (!code)
          throw new DomainError('UNAUTHENTICATED', 'a one-time code is required for this account', [{ field: 'code', rule: 'is required for this account' }]);
        if (!verifyTotp(account.totpSecret, code)) return refuse('the one-time code is not correct', 'code');
      }
      const token = newSecretToken();
      const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_MINUTES * 60_000);
      await this.repository.insertSession({ tokenHash: hashToken(token), accountId: account.id, expiresAt });
      await this.audit.record({ actor: staffActor(account), action: 'account.signed_in', subjectType: 'account', subjectId: account.id });
      return { token, expiresAt, account: this.toSignedIn(account) };
    });
  }

  /** Turns on one-time codes for the signed-in account; the answer holds the secret to scan once. */
  async enableTotp(account: SignedInStaff): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = newTotpSecret();
    await this.tx.run(async () => {
      await this.repository.update(account.id, { totpSecret: secret });
      await this.audit.record({ actor: staffActor(account), action: 'account.totp_enabled', subjectType: 'account', subjectId: account.id });
    });
    return { secret, otpauthUrl: otpauthUrl(secret, account.email) };
  }

  /** The accounts as the administrator's page lists them: with whether one-time codes are on, never the secret. */
  async overview(): Promise<(SignedInStaff & { oneTimeCodes: boolean; createdAt: Date })[]> {
    return (await this.repository.listByEmail()).map((a) => ({ ...this.toSignedIn(a), oneTimeCodes: a.totpSecret !== null, createdAt: a.createdAt }));
  }

  /** Whether the account signs in with a one-time code. */
  async hasOneTimeCodes(accountId: string): Promise<boolean> {
    const account = await this.repository.findById(accountId);
    if (!account) throw DomainError.notFound('account', accountId);
    return account.totpSecret !== null;
  }

  /**
   * A new secret for one-time codes, to put into an authenticator app; nothing is stored until
   * confirmTotp proves the app has it (so a person who leaves the page halfway is not locked out).
   */
  proposeTotp(account: SignedInStaff): { secret: string; otpauthUrl: string } {
    const secret = newTotpSecret();
    return { secret, otpauthUrl: otpauthUrl(secret, account.email) };
  }

  /** Turns on (or replaces) one-time codes with a proposed secret, once a code the app made from it is right. */
  async confirmTotp(account: SignedInStaff, secret: string, code: string): Promise<void> {
    if (!/^[A-Z2-7]{32}$/.test(secret)) throw DomainError.invalid('secret', 'is not a secret this platform proposed');
    if (!verifyTotp(secret, code)) throw DomainError.invalid('code', 'the one-time code is not correct');
    await this.tx.run(async () => {
      await this.repository.update(account.id, { totpSecret: secret });
      await this.audit.record({
        actor: staffActor(account),
        action: 'account.totp_enabled',
        subjectType: 'account',
        subjectId: account.id,
        details: { confirmedWithCode: true },
      });
    });
  }

  async signOut(token: string): Promise<void> {
    await this.repository.endSession(hashToken(token), new Date());
  }

  /** The account behind a live session token, or null when it is unknown, ended or expired. */
  async bySessionToken(token: string): Promise<SignedInStaff | null> {
    const session = await this.repository.findLiveSession(hashToken(token), new Date());
    if (!session) return null;
    const account = await this.repository.findById(session.accountId);
    return account ? this.toSignedIn(account) : null;
  }

  private toSignedIn(account: StaffAccount): SignedInStaff {
    return { id: account.id, email: account.email, name: account.name, role: account.role, memberId: account.memberId, provider: account.provider };
  }
}
