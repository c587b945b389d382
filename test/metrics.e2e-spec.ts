import { startTestApp, TestApp } from './setup/test-app';
import { auth, choiceOf, createScheme, FIVE_MEMBERS, importRegister, openConsultation, secretaryTokens, vote } from './support/factories';

const METRICS_TOKEN = 'prometheus-scrape-token-for-tests-0001';

/** The value of one sample line of a Prometheus text answer, e.g. `lr_votes_total{outcome="received",...}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics for operators', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN });
    await importRegister(t, FIVE_MEMBERS);
  });
  afterAll(() => t.close());

  it('answers Prometheus with its token and administrators with their session, nobody else', async () => {
    await t.http().get('/metrics').expect(401);
    await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token-wrong').expect(401);
    const scraped = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    await t.http().get('/metrics').set(auth(t)).expect(200);
  });

  it("counts votes received and refused, times them, and reads the platform's state", async () => {
    const c = await openConsultation(t, await createScheme(t, { kind: 'one_member_one_vote' }), [{ title: 'Voorstel', questionType: 'for_against' }]);
    const tokens = await secretaryTokens(t, c.id);
    await vote(t, c.id, tokens.get('GM0363')!, [choiceOf(c, 1, 'for')]).expect(201);
    await vote(t, c.id, tokens.get('GM0599')!, [choiceOf(c, 1, 'against')]).expect(201);
    const refused = await vote(t, c.id, tokens.get('GM0489')!, []);
    expect(refused.status).toBe(400);

    const text = (await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
    expect(sample(text, 'lr_votes_total', { outcome: 'received', channel: 'api', status: '201' })).toBe(2);
    expect(sample(text, 'lr_votes_total', { outcome: 'refused', channel: 'api', status: '400' })).toBe(1);
    expect(sample(text, 'lr_vote_duration_seconds_count', { channel: 'api' })).toBe(3);
    expect(sample(text, 'lr_consultations_open')).toBe(1);
    // No worker runs here: the five invitations and two receipts wait in the outbox, nothing is sealed.
    expect(sample(text, 'lr_mails', { status: 'queued' })).toBe(7);
    expect(sample(text, 'lr_mails', { status: 'sent' })).toBe(0);
    expect(sample(text, 'lr_audit_unsealed')).toBeGreaterThan(5);
    expect(sample(text, 'lr_dependency_up', { dependency: 'postgresql' })).toBe(1);
    expect(sample(text, 'lr_dependency_up', { dependency: 'redis' })).toBe(1);
    expect(sample(text, 'lr_queue_jobs', { queue: 'mail', state: 'failed' })).toBe(0);
    expect(sample(text, 'lr_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
