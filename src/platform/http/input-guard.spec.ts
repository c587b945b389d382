import { findTextProblem, jsonDepth, textProblem } from './input-guard';

describe('text that cannot be stored', () => {
  it('accepts Dutch text and a real surrogate pair (an emoji)', () => {
    expect(textProblem('Súdwest-Fryslân 😀')).toBeNull();
  });

  it('refuses NUL and lone surrogates, high or low', () => {
    expect(textProblem('a\u0000b')).toBe('must not contain NUL characters (\\u0000)');
    expect(textProblem('a\ud800@x.nl')).toBe('must not contain unpaired surrogates (not valid Unicode)');
    expect(textProblem('\udc00a')).toBe('must not contain unpaired surrogates (not valid Unicode)');
    expect(textProblem('😀'.slice(0, 1))).not.toBeNull();
  });

  it('names the path of the first bad string, keys included', () => {
    expect(findTextProblem({ answers: [{ choiceId: 'ok' }, { choiceId: 'x\u0000' }] })).toEqual({
      field: 'answers[1].choiceId',
      rule: 'must not contain NUL characters (\\u0000)',
    });
    expect(findTextProblem({ definition: { 'k\ud800': 1 } })?.field).toBe('definition (a field name)');
    expect(findTextProblem({ a: [1, true, null, 'fine'] })).toBeNull();
  });
});

describe('JSON nesting depth from the raw bytes', () => {
  const depth = (text: string) => jsonDepth(Buffer.from(text));

  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(depth('{"a":[{"b":[]}]}')).toBe(4);
    expect(depth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(depth('{"a":"\\"[[[["}')).toBe(1);
    expect(depth('"plain"')).toBe(0);
  });

  it('stops early on a body nested thousands deep', () => {
    expect(jsonDepth(Buffer.from('['.repeat(100000)), 32)).toBe(33);
  });
});
