/**
 * The main menu of the pages, per kind of person: the public, the association's staff (bureau and
 * board), a member municipality's official and a subscription provider. One list, so every page shows
 * the same menu; the layout marks the link of the section the page belongs to.
 */
export interface NavigationLink {
  href: string;
  label: string;
  current: boolean;
}

interface Entry {
  href: string;
  label: string;
  /** Staff roles that see the link; absent: every role of its group. */
  roles?: string[];
  /** Folders that belong to this link although they are not below it (the public's consultations under /). */
  sections?: string[];
}

const PUBLIC: Entry[] = [
  { href: '/', label: 'Raadplegingen', sections: ['/raadplegingen', '/stemmen'] },
  { href: '/besluiten', label: 'Besluiten' },
  { href: '/voorzieningen', label: 'Voorzieningen' },
  { href: '/ontvangstcode', label: 'Ontvangstcode controleren' },
];

const STAFF: Entry[] = [
  { href: '/bestuur', label: 'Raadplegingen' },
  { href: '/bestuur/leden', label: 'Ledenregister' },
  { href: '/bestuur/financien', label: 'Financiën' },
  { href: '/bestuur/besluiten', label: 'Besluiten' },
  { href: '/bestuur/abonnementen', label: 'Abonnementen' },
  { href: '/bestuur/voorzieningen', label: 'Voorzieningen' },
  { href: '/bestuur/audit', label: 'Audittrail', roles: ['administrator', 'board', 'auditor'] },
  { href: '/bestuur/accounts', label: 'Accounts', roles: ['administrator'] },
];

const MEMBER_OFFICIAL: Entry[] = [
  { href: '/gemeente', label: 'Mijn gemeente' },
  { href: '/gemeente/amendementen', label: 'Amendementen en moties' },
  { href: '/gemeente/facturen', label: 'Facturen' },
  { href: '/gemeente/abonnementen', label: 'Abonnementen' },
  { href: '/gemeente/voorzieningen', label: 'Voorzieningen' },
];

const PROVIDER: Entry[] = [{ href: '/aanbieder/abonnementen', label: 'Abonnementen' }];

const ACCOUNT: Entry = { href: '/account', label: 'Mijn account' };

function entriesFor(role: string | undefined): Entry[] {
  if (!role) return PUBLIC;
  if (role === 'member_official') return [...MEMBER_OFFICIAL, ACCOUNT];
  if (role === 'provider') return [...PROVIDER, ACCOUNT];
  return [...STAFF.filter((e) => !e.roles || e.roles.includes(role)), ACCOUNT];
}

/** The menu for a role (none: the public's), with the link whose section holds `path` marked current. */
export function navigationFor(role: string | undefined, path: string): NavigationLink[] {
  const entries = entriesFor(role);
  // The longest link that is the path or a folder above it: /bestuur/financien/facturen marks Financiën, not Raadplegingen.
  const below = (folder: string) => path === folder || (folder !== '/' && path.startsWith(`${folder}/`));
  const depth = (e: Entry) => Math.max(...[e.href, ...(e.sections ?? [])].filter(below).map((f) => f.length));
  const current = entries.filter((e) => [e.href, ...(e.sections ?? [])].some(below)).sort((a, b) => depth(b) - depth(a))[0];
  return entries.map((e) => ({ href: e.href, label: e.label, current: e === current }));
}

/** The home page of a role: where signing in leads. */
export function homeOf(role: string): string {
  return role === 'member_official' ? '/gemeente' : role === 'provider' ? '/aanbieder/abonnementen' : '/bestuur';
}
