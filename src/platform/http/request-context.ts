import { AsyncLocalStorage } from 'async_hooks';
import { randomBytes, timingSafeEqual } from 'crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  /** The client's address, for limits on failed attempts. */
  clientKey: string;
  /** The form token of this browser (double-submit cookie), put into every page form. */
  csrfToken: string;
  /** Whether cookies set in this request get the Secure attribute (https). */
  secureCookies: boolean;
  /** Who is signed in, once a guard has read the session: the layout shows their navigation. */
  viewer?: { name: string; role: string };
  /** The path asked for, so the navigation can mark where the person is. */
  path?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
export const CSRF_COOKIE = 'formulier';
export const CSRF_FIELD = '_csrf';

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(response: Response, status: number, text: string): void {
  response.status(status).type('html').send(`<!doctype html><html lang="nl"><title>Formulier niet aangenomen</title><p>${text}</p></html>`);
}

export interface RequestContextOptions {
  /** PUBLIC_URL is https: cookies are only ever sent back over https. */
  httpsPublicUrl: boolean;
  /** Paths outside /api that authenticate otherwise and speak JSON (the queue dashboard). */
  exemptPaths: string[];
  /**
   * Page forms that upload a file (multipart/form-data), exact paths in lower case. Their form token
   * travels in the query string (`?_csrf=`), so it is checked here, before a byte of the file is read.
   */
  uploadPaths?: string[];
}

const MULTIPART_TYPE = 'multipart/form-data';

/** The path as routing matches it: case-insensitive, a trailing slash ignored. */
function routedPath(path: string): string {
  return path.toLowerCase().replace(/(.)\/+$/, '$1');
}

/**
 * Gives every request its context, and protects every page form against cross-site requests: any
 * write outside /api must be a url-encoded form (anything else is refused with 415, so no content
 * type slips past the check; a listed upload form may be multipart) and carry the token of the
 * browser's form cookie (SameSite=Strict).
 * API calls are authenticated by a bearer token or header, which a foreign site cannot send.
 */
export function createRequestContextMiddleware(options: RequestContextOptions) {
  return (request: Request, response: Response, next: NextFunction): void => {
    // Behind a trusted proxy (TRUST_PROXY) req.secure follows X-Forwarded-Proto.
    const secureCookies = options.httpsPublicUrl || request.secure;
    const cookies = (request.cookies ?? {}) as Record<string, string>;
    const kept = cookies[CSRF_COOKIE];
    let csrfToken = kept && /^[A-Za-z0-9_-]{32,64}$/.test(kept) ? kept : undefined;
    const isPageWrite = !READS.has(request.method) && !request.path.startsWith('/api') && !options.exemptPaths.some((path) => request.path.startsWith(path));
    if (isPageWrite) {
      // Only the listed upload forms may send a file; their token is in the query string, as the body is not parsed yet.
      const upload = request.is(MULTIPART_TYPE) === MULTIPART_TYPE && (options.uploadPaths ?? []).includes(routedPath(request.path));
      if (request.headers['content-type'] !== undefined && !request.is(FORM_TYPE) && !upload) {
        refuse(response, 415, 'Dit formulier kan alleen als gewoon webformulier (application/x-www-form-urlencoded) worden verstuurd.');
        return;
      }
      const body = request.body as Record<string, unknown> | undefined;
      const sent = upload ? (request.query as Record<string, unknown>)[CSRF_FIELD] : body?.[CSRF_FIELD];
      if (typeof sent !== 'string' || !cookies[CSRF_COOKIE] || !same(sent, cookies[CSRF_COOKIE])) {
        refuse(response, 403, 'Dit formulier is verlopen of niet via deze site verstuurd. Ga terug, laad de pagina opnieuw en probeer het nog eens.');
        return;
      }
      if (body && typeof body === 'object') delete body[CSRF_FIELD];
    }
    const context: RequestContext = {
      clientKey: request.ip ?? 'unknown',
      secureCookies,
      path: request.path,
      // The form cookie is made when a page first puts the token into a form: an API call gets none.
      get csrfToken() {
        if (!csrfToken) {
          csrfToken = randomBytes(24).toString('base64url');
          response.cookie(CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/' });
        }
        return csrfToken;
      },
    };
    storage.run(context, next);
  };
}
