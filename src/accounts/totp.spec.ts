import { generateSync } from 'otplib';
import { newTotpSecret, otpauthUrl, totp, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits; in base32 (RFC 4648) it is
// GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ, which is what an authenticator app would be given.
const SEED = new Uint8Array(Buffer.from('12345678901234567890', 'ascii'));
const SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('one-time codes (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    expect(totp(SEED_BASE32, new Date(59 * 1000), 8)).toBe('94287082');
    expect(totp(SEED_BASE32, new Date(1111111109 * 1000), 8)).toBe('07081804');
    expect(totp(SEED_BASE32, new Date(1234567890 * 1000), 8)).toBe('89005924');
    expect(totp(SEED_BASE32, new Date(20000000000 * 1000), 8)).toBe('65353130');
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    expect(generateSync({ strategy: 'hotp', secret: SEED, counter: 0 })).toBe('755224');
    expect(generateSync({ strategy: 'hotp', secret: SEED, counter: 9 })).toBe('520489');
  });

  it('reads the secret as base32: the raw seed and its base32 text give the same code', () => {
    expect(generateSync({ secret: SEED, epoch: 59, digits: 8 })).toBe('94287082');
  });

  it('accepts one step of clock drift, not two', () => {
    const now = new Date(1_700_000_000_000);
    const code = totp(SEED_BASE32, now);
    expect(verifyTotp(SEED_BASE32, code, new Date(now.getTime() + 30_000))).toBe(true);
    expect(verifyTotp(SEED_BASE32, code, new Date(now.getTime() - 30_000))).toBe(true);
    expect(verifyTotp(SEED_BASE32, code, new Date(now.getTime() + 90_000))).toBe(false);
    expect(verifyTotp(SEED_BASE32, 'abcdef', now)).toBe(false);
  });

  it('makes a new 160-bit base32 secret each time, and a link an authenticator app reads', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const url = new URL(otpauthUrl(secret, 'bestuur@vng.example'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('VNG Ledenraadpleging');
  });
});
