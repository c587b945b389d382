import { startTestApp, TestApp } from './setup/test-app';
import { auth, FIVE_MEMBERS, importRegister } from './support/factories';

type Role = 'anonymous' | 'administrator' | 'board' | 'clerk' | 'auditor' | 'member_official' | 'provider';
const ROLES: Role[] = ['anonymous', 'administrator', 'board', 'clerk', 'auditor', 'member_official', 'provider'];
const READERS: Role[] = ['administrator', 'board', 'clerk', 'auditor'];
const PREPARERS: Role[] = ['administrator', 'board', 'clerk'];
const DECIDERS: Role[] = ['administrator', 'board'];
const REGISTRARS: Role[] = ['administrator', 'clerk'];
const EVERYONE: Role[] = ROLES;

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const C = `/api/consultations/${NOWHERE}`;
const S = `/api/subscription-arrangements/${NOWHERE}`;

/**
 * Who may call what, written out by hand (not derived from the code's matrix). Refused: 401 without a
 * session, 403 with the wrong role. Allowed calls use an unknown id or an empty body, so they answer
 * 400 or 404 and change nothing.
 */
const TABLE: [method: 'get' | 'post' | 'patch' | 'put', path: string, allowed: Role[], body?: object][] = [
  ['get', '/api/consultations', READERS],
  ['post', '/api/consultations', PREPARERS, {}],
  ['get', C, READERS],
  ['post', `${C}/proposals`, PREPARERS, {}],
  ['post', `${C}/open-amendments`, DECIDERS],
  ['post', `${C}/publish-final-proposals`, DECIDERS],
  ['post', `${C}/open-voting`, DECIDERS],
  ['post', `${C}/extend-voting`, DECIDERS, {}],
  ['post', `${C}/close-voting`, DECIDERS],
  ['post', `${C}/publish-results`, DECIDERS],
  ['get', `${C}/turnout`, READERS],
  ['get', `${C}/tally`, READERS],
  ['get', `${C}/voters`, READERS],
  ['get', `${C}/mail`, READERS],
  ['post', `${C}/members/${NOWHERE}/resend-invitation`, PREPARERS],
  ['post', `${C}/members/${NOWHERE}/reissue-ballot`, PREPARERS, {}],
  ['post', `${C}/members/${NOWHERE}/paper-ballot`, PREPARERS, {}],
  ['get', '/api/members', READERS],
  ['get', '/api/members/export', READERS],
  ['get', `/api/members/${NOWHERE}`, READERS],
  ['post', '/api/members', REGISTRARS, {}],
  ['post', '/api/members/import', REGISTRARS, {}],
  ['patch', `/api/members/${NOWHERE}`, REGISTRARS, {}],
  ['put', `/api/members/${NOWHERE}/inhabitants`, REGISTRARS, {}],
  ['post', `/api/members/${NOWHERE}/departure`, REGISTRARS, {}],
  ['post', '/api/weighting-schemes', ['administrator'], {}],
  ['get', '/api/weighting-schemes', EVERYONE],
  ['get', '/api/accounts', ['administrator']],
  ['post', '/api/accounts', ['administrator'], {}],
  ['get', '/api/audit', ['administrator', 'board', 'auditor']],
  ['get', '/api/audit/verify', ['administrator', 'board', 'auditor']],
  ['get', '/metrics', ['administrator']],
  ['get', '/api/public/consultations', EVERYONE],
  ['get', `/api/public/consultations/${NOWHERE}/results`, EVERYONE],
  ['get', `${C}/amendments`, [...READERS, 'member_official']],
  ['post', `${C}/amendments`, ['member_official'], {}],
  ['post', `${C}/motions`, ['member_official'], {}],
  ['patch', `/api/amendments/${NOWHERE}`, ['member_official'], {}],
  ['post', `/api/amendments/${NOWHERE}/withdraw`, ['member_official']],
  ['post', `/api/amendments/${NOWHERE}/confirm`, ['member_official']],
  ['post', `/api/amendments/${NOWHERE}/response`, DECIDERS, {}],
  ['get', `/api/proposals/${NOWHERE}/versions`, EVERYONE],
  ['get', `/api/public/consultations/${NOWHERE}/definitive-proposals`, EVERYONE],
  ['post', `/api/proposals/${NOWHERE}/effect`, PREPARERS, {}],
  ['get', `/api/proposals/${NOWHERE}/effect`, EVERYONE],
  ['get', '/api/finance/contribution-schedules', READERS],
  ['post', '/api/finance/contribution-schedules', PREPARERS, {}],
  ['get', `/api/finance/contribution-schedules/${NOWHERE}`, READERS],
  ['get', '/api/finance/contribution/2021', READERS],
  ['get', '/api/finance/contribution/2021/export', READERS],
  ['get', `/api/finance/consultations/${NOWHERE}/impact`, READERS],
  ['post', '/api/finance/fund-budgets/import', PREPARERS, {}],
  ['get', '/api/finance/fund-budgets', READERS],
  ['get', `/api/finance/fund-budgets/${NOWHERE}`, READERS],
  ['get', `/api/finance/fund-budgets/${NOWHERE}/shares?year=2021`, READERS],
  ['post', `/api/finance/fund-budgets/${NOWHERE}/entries`, DECIDERS, {}],
  ['get', '/api/billing/sources', READERS],
  ['post', '/api/billing/runs', DECIDERS, {}],
  ['get', '/api/billing/runs', READERS],
  ['get', `/api/billing/runs/${NOWHERE}`, READERS],
  ['get', '/api/billing/invoices', READERS],
  ['get', `/api/billing/invoices/${NOWHERE}`, READERS],
  ['post', `/api/billing/invoices/${NOWHERE}/credit`, DECIDERS, {}],
  ['get', '/api/billing/years/2021/bookkeeping', READERS],
  ['get', '/api/billing/years/2021/bookkeeping.csv', READERS],
  ['get', '/api/billing/own/invoices', ['member_official']],
  ['post', '/api/decisions', PREPARERS, {}],
  ['patch', `/api/decisions/${NOWHERE}/asks/${NOWHERE}`, PREPARERS, {}],
  ['post', `/api/decisions/${NOWHERE}/asks/${NOWHERE}/progress`, PREPARERS, {}],
  ['get', '/api/decision-letters', READERS],
  ['post', '/api/decision-letters', PREPARERS, {}],
  ['get', `/api/decision-letters/${NOWHERE}`, READERS],
  ['get', `/api/decision-letters/${NOWHERE}/mail-progress`, READERS],
  ['patch', `/api/decision-letters/${NOWHERE}`, PREPARERS, {}],
  ['post', `/api/decision-letters/${NOWHERE}/publish`, DECIDERS],
  ['get', '/api/public/decisions', EVERYONE],
  ['get', `/api/public/decisions/${NOWHERE}`, EVERYONE],
  ['get', '/api/public/decision-letters', EVERYONE],
  ['get', `/api/public/decision-letters/${NOWHERE}`, EVERYONE],
  ['get', '/bestuur', READERS],
  ['get', '/bestuur/besluiten', READERS],
  ['get', '/api/facilities', EVERYONE],
  ['get', `/api/facilities/${NOWHERE}`, EVERYONE],
  ['post', '/api/facilities', DECIDERS, {}],
  ['patch', `/api/facilities/${NOWHERE}`, DECIDERS, {}],
  ['get', `/api/facilities/${NOWHERE}/memberships`, READERS],
  ['post', `/api/facilities/${NOWHERE}/memberships`, ['member_official'], {}],
  ['get', '/api/facility-memberships/own', ['member_official']],
  ['post', `/api/facility-memberships/${NOWHERE}/notice`, ['member_official'], {}],
  ['put', `/api/facility-memberships/${NOWHERE}/users`, ['member_official'], {}],
  ['get', '/api/facility-charges', READERS],
  ['get', '/api/facility-adoption', READERS],
  ['get', '/bestuur/voorzieningen', READERS],
  ['get', '/gemeente/voorzieningen', ['member_official']],
  ['post', '/api/subscription-arrangements', DECIDERS, {}],
  ['get', '/api/subscription-arrangements', READERS],
  ['get', S, READERS],
  ['get', `${S}/progress`, READERS],
  ['get', `${S}/break-even`, READERS],
  ['post', `${S}/indexations`, DECIDERS, {}],
  ['post', `${S}/reminders`, PREPARERS],
  ['get', `${S}/poll`, READERS],
  ['post', `${S}/poll`, PREPARERS, {}],
  ['get', `${S}/charges`, READERS],
  ['get', `${S}/distribution`, READERS],
  ['post', `${S}/dissolution`, DECIDERS, {}],
  ['post', `${S}/renewal`, DECIDERS, {}],
  ['get', '/api/subscription-contracts/mine', ['member_official']],
  ['get', `/api/subscription-contracts/${NOWHERE}`, ['member_official']],
  ['post', `/api/subscription-contracts/${NOWHERE}/signature`, ['member_official'], {}],
  ['post', `/api/subscription-contracts/${NOWHERE}/refusal`, ['member_official'], {}],
  ['get', '/api/subscription-provider-view', ['provider']],
  ['get', `/api/subscription-provider-view/${NOWHERE}`, ['provider']],
  ['get', '/bestuur/abonnementen', READERS],
  ['get', `/bestuur/abonnementen/${NOWHERE}`, READERS],
  ['get', '/gemeente/abonnementen', ['member_official']],
  ['get', `/gemeente/abonnementen/${NOWHERE}`, ['member_official']],
  ['get', '/aanbieder/abonnementen', ['provider']],
  ['get', `/aanbieder/abonnementen/${NOWHERE}`, ['provider']],
  ['get', `/bestuur/wachtrijen/api/queues`, READERS],
  ['get', '/bestuur/financien', READERS],
  ['get', '/bestuur/financien/contributie/2021', READERS],
  ['get', `/bestuur/financien/fonds/${NOWHERE}`, READERS],
  ['get', '/bestuur/financien/facturatie', READERS],
  ['get', `/bestuur/financien/facturatie/${NOWHERE}`, READERS],
  ['get', '/bestuur/financien/facturen', READERS],
  ['get', `/bestuur/financien/facturen/${NOWHERE}`, READERS],
  ['get', `/bestuur/financien/facturen/${NOWHERE}/crediteren`, DECIDERS],
  ['get', '/gemeente', ['member_official']],
  ['get', '/gemeente/facturen', ['member_official']],
  ['get', '/gemeente/amendementen', ['member_official']],
  ['get', `/gemeente/amendementen/${NOWHERE}`, ['member_official']],
  ['get', `/gemeente/amendementen/nieuw/${NOWHERE}`, ['member_official']],
  ['get', `/gemeente/amendementen/nieuwe-motie/${NOWHERE}`, ['member_official']],
  ['get', `/gemeente/amendementen/${NOWHERE}/wijzigen`, ['member_official']],
  ['get', `/gemeente/amendementen/${NOWHERE}/intrekken`, ['member_official']],
  ['get', `/facturen/${NOWHERE}`, [...READERS, 'member_official']],
  ['get', `/facturen/${NOWHERE}/factuur.pdf`, [...READERS, 'member_official']],
];

describe('every endpoint as every role', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp();
    await importRegister(t, FIVE_MEMBERS);
    tokens.set('administrator', t.boardToken);
    for (const role of ['board', 'clerk', 'auditor', 'member_official', 'provider'] as const) {
      const email = `${role}@test.example`;
      await t
        .http()
        .post('/api/accounts')
        .set(auth(t))
        .send({
          email,
          name: role,
          role,
          password: 'een-lang-wachtwoord',
          ...(role === 'member_official' ? { memberCode: 'GM0489' } : {}),
          ...(role === 'provider' ? { provider: 'Stichting De Kindertelefoon' } : {}),
        })
        .expect(201);
      const signIn = await t.http().post('/api/auth/sign-in').send({ email, password: 'een-lang-wachtwoord' }).expect(200);
      tokens.set(role, signIn.body.token);
    }
  });
  afterAll(() => t.close());

  const cases = TABLE.flatMap(([method, path, allowed, body]) => ROLES.map((role) => [method, path, role, allowed.includes(role), body] as const));

  it.each(cases)('%s %s as %s: allowed %s', async (method, path, role, allowed, body) => {
    let call = t.http()[method](path).set('Accept', 'application/json');
    const token = tokens.get(role);
    if (token) call = call.set('Authorization', `Bearer ${token}`);
    const res = await (body ? call.send(body) : call);
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else if (/^\/(bestuur|gemeente|facturen|aanbieder)(\/|$)/.test(path) && role === 'anonymous') {
      expect(res.status).toBe(303); // pages send visitors to the sign-in page
    } else {
      expect(res.status).toBe(role === 'anonymous' ? 401 : 403);
    }
  });

  it('an administrator creates accounts; a member official must name its municipality', async () => {
    const res = await t
      .http()
      .post('/api/accounts')
      .set(auth(t))
      .send({ email: 'x@test.example', name: 'X', role: 'member_official', password: 'een-lang-wachtwoord' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'memberCode', rule: 'is required for, and only for, a member official' }]);
    const accounts = (await t.http().get('/api/accounts').set(auth(t)).expect(200)).body.items;
    expect(accounts.find((a: { role: string }) => a.role === 'member_official')).toMatchObject({
      email: 'member_official@test.example',
      memberId: expect.any(String),
    });
    expect(accounts.every((a: Record<string, unknown>) => !('passwordHash' in a) && !('totpSecret' in a))).toBe(true);
  });
});
