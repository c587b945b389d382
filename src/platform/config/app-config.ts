import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'net';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** What Express's 'trust proxy' accepts without crashing at boot, minus `true` (which trusts any client). */
function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const setting = value.trim();
  if (setting === 'false' || /^\d{1,2}$/.test(setting)) return true;
  return setting.split(',').every((part) => {
    const [address, bits, ...rest] = part.trim().split('/');
    if (rest.length) return false;
    if (PROXY_NAMES.includes(address)) return bits === undefined;
    const family = isIP(address);
    return family !== 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
  });
}

/**
 * Every setting the platform reads, validated once at boot. Defaults work on a developer machine
 * with PostgreSQL and Redis on localhost; production sets them through the environment.
 */
export class AppConfig {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ledenraadpleging';

  @IsString()
  @IsNotEmpty()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so that several installations (and test runs) share one Redis. */
  @IsString()
  @IsNotEmpty()
  QUEUE_PREFIX = 'ledenraadpleging';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * Public base URL, used to build the secret ballot links in letters and e-mails; without it,
   * `http://localhost:<PORT>`. When it is https, session cookies are marked Secure.
   */
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL without query, e.g. https://stemmen.vng.example' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Which proxies in front of the API to believe about the client's address (Express 'trust proxy'):
   * `false` (none, the default), a hop count (`1`: one load balancer) or a comma-separated list of
   * addresses, CIDR ranges or Express's names (`loopback`, `uniquelocal`). Limits count per address,
   * so behind a proxy this must be set, or every voter shares the proxy's address.
   */
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: () => 'TRUST_PROXY must be false, a hop count or a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    },
  })
  TRUST_PROXY = 'false';

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The worker's CPU priority as a nice value, 0 (as the API) to 19 (lowest). The worker lowers its own
   * priority when it starts, so that where it shares cores with the API the votes are answered first
   * and the mails (receipts, invitations, letters) catch up as soon as a burst is over.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(19)
  WORKER_NICENESS = 10;

  /**
   * The first (administrator) account, created at start-up only while there is no account at all;
   * never changed afterwards (`npm run account:reset -- <email>` resets a password from the shell).
   */
  @IsString()
  @IsNotEmpty()
  BOARD_EMAIL = 'bestuur@vng.example';

  @IsString()
  @MinLength(8)
  BOARD_PASSWORD = 'stemmen-2020';

  /**
   * Key from which ballot links are derived (HMAC of the link's id): only the link's hash is stored,
   * and a lost mail can be resent without keeping the link itself. Set a long random value in production.
   */
  @IsString()
  @MinLength(32)
  BALLOT_LINK_SECRET = 'development-only-ballot-link-secret-change-me';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  SESSION_TTL_MINUTES = 480;

  /** Where mails go when no SMTP server is configured: one .eml file per message. */
  @IsString()
  @IsNotEmpty()
  MAIL_OUTBOX_DIR = 'var/outbox';

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /** Bearer token with which Prometheus scrapes GET /metrics (staff with metrics.read can always read it). */
  @IsOptional()
  @IsString()
  @MinLength(24)
  METRICS_TOKEN?: string;

  @IsString()
  @IsNotEmpty()
  MAIL_FROM = 'VNG Ledenraadpleging <ledenraadpleging@vng.example>';
}

/** Values that were once written down as examples (code, compose file, README) and so are known to anyone. */
const KNOWN_PLACEHOLDERS = /change|secret|example|placeholder|development|default|password|xxxx/i;

/** Why a ballot-link secret is unfit for production, or null when it looks like a long random value. */
export function weakSecretReason(secret: string): string | null {
  if (secret === new AppConfig().BALLOT_LINK_SECRET) return 'the development value makes ballot links guessable';
  if (KNOWN_PLACEHOLDERS.test(secret)) return 'this looks like a placeholder (it contains a word such as "change" or "secret"), not a random value';
  if (new Set(secret).size < 10) return 'too few different characters for a random value';
  return null;
}

/** The Express 'trust proxy' value for TRUST_PROXY. */
export function trustProxySetting(config: Pick<AppConfig, 'TRUST_PROXY'>): boolean | number | string[] {
  const value = config.TRUST_PROXY.trim();
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defaults = new AppConfig();
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(defaults) as (keyof AppConfig)[]) {
    if (env[key] !== undefined && env[key] !== '') given[key] = env[key];
  }
  if (env.SMTP_URL) given.SMTP_URL = env.SMTP_URL;
  if (env.METRICS_TOKEN) given.METRICS_TOKEN = env.METRICS_TOKEN;
  const config = plainToInstance(AppConfig, { ...defaults, ...given });
  // The links in mails must point at the port the API really listens on.
  if (given.PUBLIC_URL === undefined) config.PUBLIC_URL = `http://localhost:${config.PORT}`;
  const errors = validateSync(config, { skipMissingProperties: false });
  const weak = env.NODE_ENV === 'production' ? weakSecretReason(config.BALLOT_LINK_SECRET) : null;
  if (weak) {
    throw new Error(`Invalid configuration:\n  BALLOT_LINK_SECRET: set a long random value in production (e.g. openssl rand -base64 48); ${weak}`);
  }
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((rule) => `${e.property}: ${rule}`));
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
