import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

/**
 * The rule of the house (README, Architecture), checked on every run: each module owns its tables and
 * only its own code touches them; another module reads them through the owner's service or through
 * the views the owner publishes (named `<module>_…`, created in migrations). dependency-cruiser checks
 * the imports; this test checks the SQL, which imports cannot show.
 */

const ROOT = join(__dirname, '..');

/** Every table and the module (folder of src/) that owns it. A new table needs a line here. */
const OWNER: Record<string, string> = {
  staff_account: 'accounts',
  staff_session: 'accounts',
  member: 'members',
  inhabitant_count: 'members',
  weighting_scheme: 'weighting-schemes',
  consultation: 'consultations',
  consultation_weight: 'consultations',
  proposal: 'proposals',
  choice: 'proposals',
  proposal_version: 'proposals',
  ballot: 'ballots',
  ballot_access: 'ballots',
  ballot_submission: 'ballots',
  submission_answer: 'ballots',
  published_result: 'tallies',
  amendment: 'amendments',
  amendment_cosponsor: 'amendments',
  // The letter "Definitieve voorstellen", one per consultation: written and read by amendments only.
  consultation_letter: 'amendments',
  mail_message: 'notifications',
  fund_budget: 'finance',
  fund_activity: 'finance',
  fund_authorisation: 'finance',
  decision_effect: 'finance',
  contribution_schedule: 'finance',
  contribution_band: 'finance',
  invoice_run: 'billing',
  invoice_number_counter: 'billing',
  invoice: 'billing',
  invoice_line: 'billing',
  invoice_instalment: 'billing',
  decision: 'decisions',
  decision_ask: 'decisions',
  decision_progress: 'decisions',
  decision_letter: 'decisions',
  facility: 'facilities',
  facility_membership: 'facilities',
  facility_usage: 'facilities',
  subscription_arrangement: 'subscriptions',
  subscription_provider: 'subscriptions',
  subscription_provider_year: 'subscriptions',
  subscription_office_year: 'subscriptions',
  subscription_indexation: 'subscriptions',
  subscription_contract: 'subscriptions',
  subscription_answer: 'subscriptions',
  subscription_poll_answer: 'subscriptions',
  // Plumbing: the audit trail's writer (hash chain, sealing) and the transactional outbox.
  audit_event: 'platform',
  outbox_job: 'platform',
};

/** The declared exceptions: a module that reads (never writes) another's table, with the reason. */
const ALSO_READS: Record<string, { tables: string[]; why: string }> = {
  audit: { tables: ['audit_event'], why: 'the reading and verifying side of the audit trail that platform/audit writes' },
  operations: { tables: ['mail_message', 'audit_event'], why: 'a read-only report over the whole platform in one round trip (GET /metrics)' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/[.-]spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const migrations = readdirSync(join(ROOT, 'migrations'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(join(ROOT, 'migrations', name), 'utf8'))
  .join('\n');
const tables = new Set([...migrations.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]));
const views = new Set([...migrations.matchAll(/CREATE (?:OR REPLACE )?VIEW (\w+)/g)].map((m) => m[1]));
const modules = new Set(
  readdirSync(join(ROOT, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
);
const files = sourceFiles(join(ROOT, 'src')).map((path) => {
  const name = relative(join(ROOT, 'src'), path);
  return { name, module: name.includes('/') ? name.split('/')[0] : '', text: readFileSync(path, 'utf8') };
});

/** The module whose published read contract a view is: the longest module name it starts with. */
const viewOwner = (view: string) => [...modules].filter((m) => view.startsWith(`${m.replace(/-/g, '_')}_`)).sort((a, b) => b.length - a.length)[0];

describe('each module owns its tables', () => {
  it('every table of the migrations has one owning module, a folder of src/', () => {
    expect([...tables].filter((t) => !OWNER[t])).toEqual([]);
    expect(Object.entries(OWNER).filter(([t, m]) => !tables.has(t) || !modules.has(m))).toEqual([]);
  });

  it("a view is a module's published read contract and is named after that module", () => {
    expect(views.size).toBeGreaterThan(0);
    expect([...views].filter((v) => !viewOwner(v))).toEqual([]);
  });

  it("an entity maps a table of its own module's folder", () => {
    const misplaced = files.flatMap((f) =>
      [...f.text.matchAll(/@Entity\('(\w+)'\)/g)].filter((m) => OWNER[m[1]] !== f.module).map((m) => `${f.name}: ${m[1]} belongs to ${OWNER[m[1]]}`),
    );
    expect(misplaced).toEqual([]);
  });

  it("SQL names only the module's own tables and the views others publish, and only reads those views", () => {
    const leaks = files.flatMap((f) =>
      [...f.text.matchAll(/\b(FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)].flatMap(([, keyword, name]) => {
        const reads = keyword === 'FROM' || keyword === 'JOIN';
        if (views.has(name)) return reads ? [] : [`${f.name}: writes through the view ${name}`];
        if (!tables.has(name) || OWNER[name] === f.module) return [];
        if (reads && ALSO_READS[f.module]?.tables.includes(name)) return [];
        return [`${f.name}: ${keyword} ${name}, a table of ${OWNER[name]}`];
      }),
    );
    expect(leaks).toEqual([]);
  });

  it('outside the platform, SQL lives in repositories (*.repository.ts)', () => {
    const named = [...tables, ...views].join('|');
    const outside = files
      .filter((f) => f.module !== 'platform' && !f.name.endsWith('.repository.ts'))
      .filter((f) => new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+(${named})\\b`).test(f.text))
      .map((f) => f.name);
    expect(outside).toEqual([]);
  });
});
