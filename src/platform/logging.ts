import type { Params } from 'nestjs-pino';

// Ballot links carry their secret in the path: never write it to a log.
const SECRET_PATH = /\/stemmen\/[^/?#]+/g;

/** Structured JSON logs (pino); secrets, tokens and cookies are redacted. */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-ballot-token"]', 'res.headers["set-cookie"]', 'res.headers.location'],
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: String(req.url).replace(SECRET_PATH, '/stemmen/[geheim]') }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/static/') },
    },
  };
}
