import { AsyncLocalStorage } from 'async_hooks';
import { randomBytes, timingSafeEqual } from 'crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  /** The client's address, for limits on failed attempts. */
  clientKey: string;
  /** The form token of this browser (double-submit cookie), put into every page form. */
  csrfToken: string;
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

/**
 * Gives every request its context, and protects every page form against cross-site requests: a form
 * POST outside /api must carry the token of the browser's form cookie (SameSite=Strict). API calls are
 * authenticated by a bearer token or header, which a foreign site cannot send.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const cookies = (request.cookies ?? {}) as Record<string, string>;
  let csrfToken = cookies[CSRF_COOKIE];
  if (!csrfToken || !/^[A-Za-z0-9_-]{32,64}$/.test(csrfToken)) {
    csrfToken = randomBytes(24).toString('base64url');
    response.cookie(CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: 'strict', path: '/' });
  }
  const isForm = request.method === 'POST' && !request.path.startsWith('/api') && request.is('application/x-www-form-urlencoded');
  if (isForm) {
    const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (typeof sent !== 'string' || !cookies[CSRF_COOKIE] || !same(sent, cookies[CSRF_COOKIE])) {
      response.status(403).type('html').send('<!doctype html><html lang="nl"><title>Formulier verlopen</title><p>Dit formulier is verlopen of niet via deze site verstuurd. Ga terug, laad de pagina opnieuw en probeer het nog eens.</p></html>');
      return;
    }
    delete (request.body as Record<string, unknown>)[CSRF_FIELD];
  }
  storage.run({ clientKey: request.ip ?? 'unknown', csrfToken }, next);
}
