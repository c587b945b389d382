import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { openApiDocumentOf } from '../src/http-app';
import { startTestApp, TestApp } from './setup/test-app';

/** The contract's tools: the checked-in typed client is generated from today's document, and the check can fail. */
describe('the OpenAPI document as a contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the checked-in client (client/schema.d.ts) is generated from the document the app serves: else run npm run client:generate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(openApiDocumentOf(t.app)));
    execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', join(dir, 'openapi.json'), '--output', join(dir, 'schema.d.ts')], {
      stdio: 'pipe',
    });
    expect(readFileSync(join(dir, 'schema.d.ts'), 'utf8')).toBe(readFileSync('client/schema.d.ts', 'utf8'));
  });

  it('the document the app serves at /api/docs-json is the one the tests check answers against', async () => {
    const served = await t.http().get('/api/docs-json').expect(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocumentOf(t.app))));
  });

  it('an answer with an undocumented field, a missing field, a wrong type or an undocumented status is drift', () => {
    const receipt = { receiptCode: '7KQ2-M9XD-4T', receivedAt: '2020-06-26T09:00:00.000Z', member: 'Barendrecht', replacedEarlierSubmission: false };
    const submit = (status: number, body: unknown) =>
      t.contract.violations('POST', '/api/consultations/5b0e6c1e-3f5a-4d8e-9a57-2c1f0e6b9d11/ballot/submissions', {
        status,
        contentType: 'application/json; charset=utf-8',
        body,
        text: JSON.stringify(body),
      });
    expect(submit(201, receipt)).toEqual([]);
    expect(submit(201, { ...receipt, choices: [] })).toEqual([
      'POST /api/consultations/{consultationId}/ballot/submissions answered 201: body must NOT have additional properties (choices)',
    ]);
    const { member: _member, ...withoutMember } = receipt;
    expect(submit(201, withoutMember)).toEqual([
      "POST /api/consultations/{consultationId}/ballot/submissions answered 201: body must have required property 'member'",
    ]);
    expect(submit(201, { ...receipt, replacedEarlierSubmission: 'no' })).toEqual([
      'POST /api/consultations/{consultationId}/ballot/submissions answered 201: body/replacedEarlierSubmission must be boolean',
    ]);
    expect(submit(409, { statusCode: 409, error: 'VOTING_CLOSED', message: 'voting closed' })).toEqual([]);
    expect(submit(409, { statusCode: 409, error: 'CLOSED', message: 'voting closed' })[0]).toContain('body/error must be equal to one of the allowed values');
    expect(submit(404, { statusCode: 404, error: 'NOT_FOUND', message: 'x' })[0]).toMatch(
      /answered 404, a status the document does not list for it \(it lists 201, 400, 401, 403, 409, 429, 503\)/,
    );
    // Pages are not operations of the document: not checked here.
    expect(t.contract.violations('GET', '/raadplegingen/x/uitslag', { status: 200, contentType: 'text/html', body: {}, text: '<html>' })).toEqual([]);
  });
});
