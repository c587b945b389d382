import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * Every setting the platform reads, validated once at boot. Defaults work on a developer machine
 * with PostgreSQL and Redis on localhost; production sets them through the environment.
 */
export class AppConfig {
  @IsString() @IsNotEmpty()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ledenraadpleging';

  @IsString() @IsNotEmpty()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so that several installations (and test runs) share one Redis. */
  @IsString() @IsNotEmpty()
  QUEUE_PREFIX = 'ledenraadpleging';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /** Public base URL, used to build the secret ballot links in letters and e-mails. */
  @IsString() @IsNotEmpty()
  PUBLIC_URL = 'http://localhost:3000';

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  /** The first board account, created (or its password reset) at start-up. */
  @IsString() @IsNotEmpty()
  BOARD_EMAIL = 'bestuur@vng.example';

  @IsString() @MinLength(8)
  BOARD_PASSWORD = 'stemmen-2020';

  /**
   * Key from which ballot links are derived (HMAC of the link's id): only the link's hash is stored,
   * and a lost mail can be resent without keeping the link itself. Set a long random value in production.
   */
  @IsString() @MinLength(32)
  BALLOT_LINK_SECRET = 'development-only-ballot-link-secret-change-me';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(5)
  SESSION_TTL_MINUTES = 480;

  /** Where mails go when no SMTP server is configured: one .eml file per message. */
  @IsString() @IsNotEmpty()
  MAIL_OUTBOX_DIR = 'var/outbox';

  @IsOptional() @IsString()
  SMTP_URL?: string;

  /** Bearer token with which Prometheus scrapes GET /metrics (staff with metrics.read can always read it). */
  @IsOptional() @IsString() @MinLength(24)
  METRICS_TOKEN?: string;

  @IsString() @IsNotEmpty()
  MAIL_FROM = 'VNG Ledenraadpleging <ledenraadpleging@vng.example>';
}

export interface ConfigError {
  field: string;
  rule: string;
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
  const errors = validateSync(config, { skipMissingProperties: false });
  if (env.NODE_ENV === 'production' && config.BALLOT_LINK_SECRET === defaults.BALLOT_LINK_SECRET) {
    throw new Error('Invalid configuration:\n  BALLOT_LINK_SECRET: set a long random value in production; the development value makes ballot links guessable');
  }
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((rule) => `${e.property}: ${rule}`));
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
