import { randomBytes } from 'crypto';

// Crockford base32 without I, L, O, U: easy to read aloud and to type over.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A receipt code (ontvangstcode) like "7KQ2-M9XD-4T": 50 random bits, shown to the voter. */
export function newReceiptCode(): string {
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
}
