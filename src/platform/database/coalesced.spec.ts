import { COALESCE_MAX, coalesced } from './coalesced';

describe('coalesced writes', () => {
  it('gathers the writes of concurrent callers into one call and answers each its own value', async () => {
    const calls: number[][] = [];
    const loader = coalesced<number, string>((keys) => {
      calls.push([...keys]);
      return Promise.resolve(keys.map((k) => `row ${k}`));
    });
    const answers = await Promise.all([3, 1, 2].map((k) => loader.load(k)));
    expect(answers).toEqual(['row 3', 'row 1', 'row 2']);
    expect(calls).toEqual([[3, 1, 2]]);
  });

  it('gathers the callers of one turn of the event loop, also after their own awaits; a later turn writes anew', async () => {
    const calls: string[][] = [];
    const loader = coalesced<string, void>((keys) => {
      calls.push([...keys]);
      return Promise.resolve(keys.map(() => undefined));
    });
    const afterAwait = async (key: string) => {
      await Promise.resolve();
      await loader.load(key);
    };
    const sameTurn = Promise.all([loader.load('a'), afterAwait('b'), loader.load('a')]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    await Promise.all([sameTurn, loader.load('c')]);
    expect(calls).toEqual([['a', 'a', 'b'], ['c']]);
  });

  it('writes at most COALESCE_MAX keys in one call', async () => {
    const sizes: number[] = [];
    const loader = coalesced<number, number>((keys) => {
      sizes.push(keys.length);
      return Promise.resolve([...keys]);
    });
    await Promise.all(Array.from({ length: 2 * COALESCE_MAX + 1 }, (_, i) => loader.load(i)));
    expect(sizes).toEqual([COALESCE_MAX, COALESCE_MAX, 1]);
  });

  it('fails every caller of a failed write, and the next write is a new one', async () => {
    let fail = true;
    const loader = coalesced<number, number>((keys) => (fail ? Promise.reject(new Error('the database went away')) : Promise.resolve([...keys])));
    const results = await Promise.allSettled([loader.load(1), loader.load(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('the database went away'));
    fail = false;
    await expect(loader.load(3)).resolves.toBe(3);
  });
});
