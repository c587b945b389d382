import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

// RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps
// use, computed by otplib: a maintained, audited implementation instead of our own HOTP and base32.
const STEP_SECONDS = 30;
const ISSUER = 'VNG Ledenraadpleging';

/** A new base32 secret of 20 random bytes (160 bits, as RFC 4226 recommends). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The code at a moment (tests and the RFC vectors; `digits` 8 for the RFC's own table). */
export function totp(secretBase32: string, at: Date, digits: 6 | 8 = 6): string {
  return generateSync({ secret: secretBase32, epoch: Math.floor(at.getTime() / 1000), period: STEP_SECONDS, digits });
}

/** Accepts the code of the current step and of one step either side (clock drift). */
export function verifyTotp(secretBase32: string, code: string, at = new Date()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return verifySync({ secret: secretBase32, token: code, epoch: Math.floor(at.getTime() / 1000), period: STEP_SECONDS, epochTolerance: STEP_SECONDS }).valid;
}

export function otpauthUrl(secretBase32: string, account: string): string {
  return generateURI({ issuer: ISSUER, label: account, secret: secretBase32, period: STEP_SECONDS });
}
