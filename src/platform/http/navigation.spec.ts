import { homeOf, navigationFor } from './navigation';

const labels = (role: string | undefined, path = '/') => navigationFor(role, path).map((l) => l.label);
const current = (role: string | undefined, path: string) =>
  navigationFor(role, path)
    .filter((l) => l.current)
    .map((l) => l.href);

describe('the main menu per role', () => {
  it('the public sees the public pages and no staff page', () => {
    expect(labels(undefined)).toEqual(['Raadplegingen', 'Besluiten', 'Voorzieningen', 'Ontvangstcode controleren']);
  });

  it('only administrators see accounts; auditors see the audit trail, clerks do not', () => {
    expect(labels('administrator')).toContain('Accounts');
    expect(labels('board')).not.toContain('Accounts');
    expect(labels('auditor')).toContain('Audittrail');
    expect(labels('clerk')).not.toContain('Audittrail');
    expect(labels('clerk')).toContain('Ledenregister');
  });

  it('a member official and a provider see their own pages and their account, never the board’s', () => {
    expect(labels('member_official')).toEqual(['Mijn gemeente', 'Amendementen en moties', 'Facturen', 'Abonnementen', 'Voorzieningen', 'Mijn account']);
    expect(labels('provider')).toEqual(['Abonnementen', 'Mijn account']);
  });

  it('marks the longest link above the path, once: a finance page marks Financiën, not Raadplegingen', () => {
    expect(current('board', '/bestuur/financien/facturen/123')).toEqual(['/bestuur/financien']);
    expect(current('board', '/bestuur/raadplegingen/abc')).toEqual(['/bestuur']);
    expect(current(undefined, '/')).toEqual(['/']);
    // The public's consultations live under /raadplegingen, the ballots under /stemmen: both are Raadplegingen.
    expect(current(undefined, '/raadplegingen/abc/uitslag')).toEqual(['/']);
    expect(current(undefined, '/besluiten/abc')).toEqual(['/besluiten']);
    // A link is a folder: /bestuur/ledenx is not within /bestuur/leden.
    expect(current('board', '/bestuur/ledenx')).toEqual(['/bestuur']);
  });

  it('signing in leads each role to its home', () => {
    expect([homeOf('member_official'), homeOf('provider'), homeOf('clerk')]).toEqual(['/gemeente', '/aanbieder/abonnementen', '/bestuur']);
  });
});
