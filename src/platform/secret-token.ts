import { createHash, randomBytes } from 'crypto';

/** A secret for a link or a session: 256 random bits, base64url. Only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
