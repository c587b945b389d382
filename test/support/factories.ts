import { TestApp } from '../setup/test-app';
import { BallotsService } from '../../src/ballots/ballots.service';

export const auth = (t: TestApp) => ({ Authorization: `Bearer ${t.boardToken}` });

/** Small hand-made registers: [code, name, inhabitants]. */
export const FIVE_MEMBERS: [string, string, number][] = [
  ['GM0363', 'Amsterdam', 869709], // example table: 12 votes
  ['GM0599', 'Rotterdam', 650459], // 12
  ['GM0489', 'Barendrecht', 48654], // 5
  ['GM0498', 'Drechterland', 19775], // 3
  ['GM0088', 'Schiermonnikoog', 953], // 1
];

export function registerCsv(members: [string, string, number][]): string {
  return [
    'code;name;inhabitants;secretary_name;secretary_email',
    ...members.map(([code, name, n]) => `${code};${name};${n};Secretaris ${name};secretaris.${code.toLowerCase()}@gemeente.example`),
  ].join('\n');
}

/** n made-up members GM1000…, each with 10,000 + i inhabitants. */
export function syntheticMembers(n: number): [string, string, number][] {
  return Array.from({ length: n }, (_, i) => [`GM${String(1000 + i)}`, `Testgemeente ${i + 1}`, 10000 + i]);
}

export async function importRegister(t: TestApp, members: [string, string, number][], referenceDate = '2020-06-30') {
  const res = await t
    .http()
    .post('/api/members/import')
    .set(auth(t))
    .send({ referenceDate, source: 'test', csv: registerCsv(members), dryRun: false })
    .expect(200);
  return res.body;
}

export async function createScheme(t: TestApp, definition: object, name = `scheme ${Math.random()}`) {
  const res = await t.http().post('/api/weighting-schemes').set(auth(t)).send({ name, definition, source: 'test', effectiveFrom: '2020-01-01' }).expect(201);
  return res.body.id as string;
}

export const EXAMPLE_TABLE = {
  kind: 'brackets',
  brackets: [
    [0, 1],
    [5000, 2],
    [10000, 3],
    [20000, 4],
    [30000, 5],
    [50000, 6],
    [100000, 8],
    [200000, 10],
    [400000, 12],
  ].map(([fromInhabitants, weight]) => ({ fromInhabitants, weight })),
};

export function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 3600_000).toISOString();
}

export interface OpenConsultation {
  id: string;
  proposals: { id: string; number: number; choices: { id: string; label: string; kind: string }[] }[];
}

/** A consultation with the given proposals, final proposals published and voting open. */
export async function openConsultation(t: TestApp, schemeId: string, proposals: object[], extra: object = {}): Promise<OpenConsultation> {
  const created = await t
    .http()
    .post('/api/consultations')
    .set(auth(t))
    .send({
      kind: 'ledenraadpleging',
      title: 'Testraadpleging',
      referenceDate: '2020-06-30',
      weightingSchemeId: schemeId,
      votingDeadline: inDays(3),
      ...extra,
    })
    .expect(201);
  const id = created.body.id as string;
  for (const proposal of proposals) await t.http().post(`/api/consultations/${id}/proposals`).set(auth(t)).send(proposal).expect(201);
  await t.http().post(`/api/consultations/${id}/publish-final-proposals`).set(auth(t)).expect(200);
  await t.http().post(`/api/consultations/${id}/open-voting`).set(auth(t)).expect(200);
  const detail = await t.http().get(`/api/consultations/${id}`).set(auth(t)).expect(200);
  return { id, proposals: detail.body.proposals };
}

/** Ballot tokens of every secretary, by member code, straight from the service (as the invitation mail does). */
export async function secretaryTokens(t: TestApp, consultationId: string): Promise<Map<string, string>> {
  const links = await t.app.get(BallotsService).secretaryLinks(consultationId);
  return new Map(links.map((l) => [l.memberCode, l.url.split('/stemmen/')[1]]));
}

export function vote(t: TestApp, consultationId: string, token: string, answers: { proposalId: string; choiceId: string }[], voterName = 'J. de Vries') {
  return t
    .http()
    .post(`/api/consultations/${consultationId}/ballot/submissions`)
    .set('X-Ballot-Token', token)
    .send({ voterName, voterRole: 'secretary', answers });
}

export const choiceOf = (c: OpenConsultation, number: number, kindOrLabel: string) => {
  const proposal = c.proposals.find((p) => p.number === number)!;
  const found = proposal.choices.find((ch) => ch.kind === kindOrLabel || ch.label === kindOrLabel)!;
  return { proposalId: proposal.id, choiceId: found.id };
};
