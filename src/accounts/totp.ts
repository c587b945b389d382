import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

// RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps use.
const STEP_SECONDS = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => BASE32[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}

export function base32Decode(text: string): Buffer {
  const bits = text.replace(/=+$/, '').toUpperCase().split('').map((c) => {
    const index = BASE32.indexOf(c);
    if (index < 0) throw new RangeError(`not base32: ${c}`);
    return index.toString(2).padStart(5, '0');
  }).join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The code for a counter (HOTP, RFC 4226), with `digits` digits. */
export function hotp(secret: Buffer, counter: bigint, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totp(secretBase32: string, at: Date, digits = 6): string {
  return hotp(base32Decode(secretBase32), BigInt(Math.floor(at.getTime() / 1000 / STEP_SECONDS)), digits);
}

/** Accepts the code of the current step and of one step either side (clock drift). */
export function verifyTotp(secretBase32: string, code: string, at = new Date()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return [-1, 0, 1].some((drift) => {
    const expected = totp(secretBase32, new Date(at.getTime() + drift * STEP_SECONDS * 1000));
    return timingSafeEqual(Buffer.from(expected), Buffer.from(code));
  });
}

export function otpauthUrl(secretBase32: string, account: string): string {
  return `otpauth://totp/${encodeURIComponent(`VNG Ledenraadpleging:${account}`)}?secret=${secretBase32}&issuer=${encodeURIComponent('VNG Ledenraadpleging')}`;
}
