import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const SEED_BASE32 = base32Encode(SEED);

describe('one-time codes (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    expect(totp(SEED_BASE32, new Date(59 * 1000), 8)).toBe('94287082');
    expect(totp(SEED_BASE32, new Date(1111111109 * 1000), 8)).toBe('07081804');
    expect(totp(SEED_BASE32, new Date(1234567890 * 1000), 8)).toBe('89005924');
    expect(totp(SEED_BASE32, new Date(20000000000 * 1000), 8)).toBe('65353130');
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    expect(hotp(SEED, 0n)).toBe('755224');
    expect(hotp(SEED, 9n)).toBe('520489');
  });

  it('round-trips base32', () => {
    expect(SEED_BASE32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(SEED_BASE32)).toEqual(SEED);
  });

  it('accepts one step of clock drift, not two', () => {
    const now = new Date(1_700_000_000_000);
    const code = totp(SEED_BASE32, now);
    expect(verifyTotp(SEED_BASE32, code, new Date(now.getTime() + 30_000))).toBe(true);
    expect(verifyTotp(SEED_BASE32, code, new Date(now.getTime() + 90_000))).toBe(false);
    expect(verifyTotp(SEED_BASE32, 'abcdef', now)).toBe(false);
  });
});
