import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './setup/test-app';
import { auth, createScheme, FIVE_MEMBERS, importRegister, OpenConsultation, openConsultation, secretaryTokens } from './support/factories';

/**
 * Every operation of the OpenAPI document, fed hostile input, signed in as the board and anonymous:
 * never a 5xx, and not one row written anywhere (refused input is not audited by design).
 * Generated from the document, so a new endpoint is fuzzed without anyone adding it here.
 */

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; allOf?: Schema[] };
type Operation = { method: string; path: string; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Request = { path: string; body: { kind: 'json'; text: string } | { kind: 'text'; text: string } | { kind: 'none' }; headers: Record<string, string> };

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** The hostile classes that once gave a 500, as raw JSON text (so NUL and lone surrogates survive). */
const HOSTILE_JSON = fc.constantFrom(
  deep(5000),
  `{"a":${deep(40)}}`,
  '"a\\ud800@x.nl"',
  '"\\udc00"',
  '"a\\u0000b"',
  '3000000000',
  '1e308',
  '-1e308',
  '2147483648',
  'null',
  'true',
  '[]',
  '{}',
  '""',
  '"   "',
  '0.5',
  '-1',
  '"2026-02-30T12:00"',
  '"2026-13-01"',
  '[null]',
  '{"__proto__":{"x":1}}',
);

/** Raw JSON for a value of this schema: often hostile, sometimes of the right type, sometimes random. */
function valueFor(schema: Schema, doc: { components?: { schemas?: Record<string, Schema> } }, depth: number): fc.Arbitrary<string> {
  const resolved = schema.$ref ? (doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {}) : (schema.allOf?.[0] ?? schema);
  const random = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null');
  const options: fc.Arbitrary<string>[] = [HOSTILE_JSON, random];
  if (resolved.enum) options.push(fc.constantFrom(...resolved.enum).map((v) => JSON.stringify(v)));
  if (resolved.type === 'string') options.push(fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)));
  if (resolved.type === 'integer' || resolved.type === 'number') options.push(fc.oneof(fc.integer(), fc.double()).map((n) => JSON.stringify(n) ?? '0'));
  if ((resolved.type === 'object' || resolved.properties) && depth < 4) options.push(objectFor(resolved, doc, depth + 1));
  if (resolved.type === 'array' && resolved.items && depth < 4) {
    options.push(fc.array(valueFor(resolved.items, doc, depth + 1), { maxLength: 3 }).map((items) => `[${items.join(',')}]`));
  }
  return fc.oneof(...options);
}

function objectFor(schema: Schema, doc: object, depth: number): fc.Arbitrary<string> {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return fc.constant('{}');
  return fc
    .tuple(
      ...entries.map(([name, property]) =>
        fc.option(valueFor(property, doc, depth), { nil: undefined }).map((v) => (v === undefined ? null : `${JSON.stringify(name)}:${v}`)),
      ),
    )
    .map((fields) => `{${fields.filter((f): f is string => f !== null).join(',')}}`);
}

/** A body that can never be valid: at least one of the hostile classes, where it hurts most. */
function hostileBody(schema: Schema | undefined, doc: object): fc.Arbitrary<Request['body']> {
  const shaped = schema ? objectFor(schema.$ref ? { properties: { x: schema } } : schema, doc, 0) : fc.constant('{}');
  return fc.oneof(
    HOSTILE_JSON.map((text) => ({ kind: 'json' as const, text })),
    fc.tuple(shaped, fc.constantFrom('"a\\u0000"', '"\\ud800"', deep(100), '1e308', '3000000000')).map(([object, poison]) => ({
      kind: 'json' as const,
      text: object === '{}' ? `{"x":${poison}}` : object.replace(/:(?=[^:]*$)/, `:${poison},"__last":`),
    })),
    fc.string({ maxLength: 60 }).map((text) => ({ kind: 'text' as const, text })),
    fc.constant({ kind: 'none' as const }),
  );
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let db: DataSource;
  let c: OpenConsultation;
  let token: string;
  let memberId: string;
  let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
  const operations: Operation[] = [];

  async function rowCounts(): Promise<Record<string, number>> {
    const tables: { name: string }[] = await db.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const [row] = await db.query(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t.name}") AS "${t.name}"`).join(', ')}`);
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    token = (await secretaryTokens(t, c.id)).get('GM0363')!;
    memberId = (await t.http().get('/api/members?on=2020-06-30').set(auth(t)).expect(200)).body.items[0].id;
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.push({ ...operation, method, path });
      }
    }
  });
  afterAll(() => t.close());

  it('the document names the operations that write (so the fuzzing below has something to chew on)', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'post /api/auth/sign-in',
        'patch /api/members/{id}',
        'post /api/consultations/{consultationId}/ballot/submissions',
        'post /api/members/import',
      ]),
    );
    expect(operations.length).toBeGreaterThan(40);
  });

  /**
   * Path parameters: real ids only where the operation takes a body (the hostile body is refused);
   * an operation without a body would simply succeed on a real id, so it gets ids that do not exist.
   */
  function requestsFor(operation: Operation): fc.Arbitrary<Request> {
    const params = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    const schema = operation.requestBody ? Object.values(operation.requestBody.content)[0]?.schema : undefined;
    const real = operation.requestBody !== undefined;
    const idFor = (name: string) =>
      fc.oneof(
        fc.uuid(),
        fc.string({ maxLength: 20 }).filter((s) => s.length > 0),
        fc.constantFrom('%00', 'a%ED%A0%80', '..', '9'.repeat(30), 'GM0363'),
        ...(real ? [fc.constant(/consultation|^id$/i.test(name) && !operation.path.startsWith('/api/members') ? c.id : memberId)] : []),
      );
    const body = real
      ? hostileBody(schema, doc)
      : fc.oneof(
          fc.constant({ kind: 'none' as const }),
          HOSTILE_JSON.map((text) => ({ kind: 'json' as const, text })),
        );
    return fc.tuple(fc.tuple(...params.map(idFor)), body, fc.constantFrom(token, 'x'.repeat(43), 'a\u00e9b')).map(([ids, b, ballotToken]) => ({
      path: params.reduce(
        (path, name, i) => path.replace(`{${name}}`, ids[i].startsWith('%') || ids[i].includes('%') ? ids[i] : encodeURIComponent(ids[i])),
        operation.path,
      ),
      body: b,
      headers: { 'X-Ballot-Token': ballotToken.replace(/[^\x20-\x7e]/g, '') },
    }));
  }

  it.each([
    ['signed in as the board', true],
    ['anonymous', false],
  ])('%s: zero 5xx on every operation, and no row written', async (_, signedIn) => {
    const before = await rowCounts();
    const failures: string[] = [];
    let requests = 0;
    for (const operation of operations) {
      // Without input there is nothing to fuzz: signing out or turning on one-time codes simply succeeds.
      const inputFree = !operation.requestBody && !(operation.parameters ?? []).some((p) => p.in === 'path');
      if (signedIn && inputFree && operation.method !== 'get') continue;
      await fc.assert(
        fc.asyncProperty(requestsFor(operation), async (r) => {
          requests++;
          let call = t.http()[operation.method as 'get'](r.path).set(r.headers);
          if (signedIn) call = call.set(auth(t));
          const res = await (r.body.kind === 'none'
            ? call
            : call.set('Content-Type', r.body.kind === 'json' ? 'application/json' : 'text/plain').send(r.body.text));
          if (res.status >= 500)
            failures.push(`${operation.method} ${r.path} ${r.body.kind === 'none' ? '' : r.body.text.slice(0, 80)} -> ${res.status} ${res.text.slice(0, 120)}`);
          return res.status < 500;
        }),
        { numRuns: 10 },
      );
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    expect(requests).toBeGreaterThan(400);
  });
});
