import type { Params } from 'nestjs-pino';

export const REDACTED = '[geheim]';

// Secrets that travel in a URL: the ballot link's token (routing ignores case, so /STEMMEN/… is
// served too) and receipt codes; and any query parameter whose name hints at a secret.
const SECRET_SEGMENT = /(\/(?:stemmen|api\/receipts)\/)[^/?#]*/gi;
const SECRET_PARAM = /([?&;][^=&#;]*(?:token|code|pass|wachtwoord|secret|geheim|sessi|session|csrf|key|auth|_csrf)[^=&#;]*=)[^&#;]*/gi;

/** The URL (path and query) as it may appear in a log line: every secret replaced by [geheim]. */
export function redactUrl(url: string | undefined): string {
  return String(url ?? '')
    .replace(SECRET_SEGMENT, `$1${REDACTED}`)
    .replace(SECRET_PARAM, `$1${REDACTED}`);
}

/** Structured JSON logs (pino); secrets, tokens and cookies are redacted. */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-ballot-token"]', 'res.headers["set-cookie"]', 'res.headers.location'],
      serializers: {
        // Only what helps to read a log: never headers (cookies, tokens), and the URL redacted.
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({
          statusCode: res.statusCode,
          ...(typeof res.headers?.location === 'string' ? { location: redactUrl(res.headers.location) } : {}),
        }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/static/') },
    },
  };
}
