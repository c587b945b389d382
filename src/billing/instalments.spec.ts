import { splitInstalments } from './instalments';

describe('I1: instalments add up exactly', () => {
  it('€ 64,709.82 in two: € 32,354.91 twice', () => expect(splitInstalments(6470982n, 2)).toEqual([3235491n, 3235491n]));
  it('€ 1,000.01 in four: the first cent to the first instalment', () => expect(splitInstalments(100001n, 4)).toEqual([25001n, 25000n, 25000n, 25000n]));
  it('2 cents in three: 1, 1, 0', () => expect(splitInstalments(2n, 3)).toEqual([1n, 1n, 0n]));
  it('a credit note splits the same way, negative', () => expect(splitInstalments(-5n, 2)).toEqual([-3n, -2n]));
  it('refuses 0 instalments', () => expect(() => splitInstalments(5n, 0)).toThrow(RangeError));
});
