/**
 * The intended dependency rules of the house (see README, Architecture), checked by `npm test`.
 * A folder is a room: platform/ is the plumbing every room uses and knows none of them; weighting/
 * holds the decision rules as pure functions; no folder imports one that imports it back; pages/ renders
 * the rooms and none imports it; a room's repository (its SQL, its entities) stays in the room. Which
 * tables a room owns, and which views it publishes for the others, src/table-ownership.spec.ts checks.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'No folder imports a folder that (through others) imports it back: a room depends on rooms below it, never on one above.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'No file imports one that imports it back.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-domain',
      severity: 'error',
      comment: 'platform/ is plumbing (config, database, queue, http, text): it knows no domain module.',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'no-domain-imports-pages',
      severity: 'error',
      comment:
        'pages/ renders every domain module, so no domain module imports pages/ back: a helper two of them need lives in platform/http/ (form-fields, money-form, money-paging). Only the entry points register the pages.',
      from: { path: '^src/', pathNot: '^src/(pages/|app\\.module\\.ts$|http-app\\.ts$)' },
      to: { path: '^src/pages/' },
    },
    {
      name: 'repository-stays-in-its-module',
      severity: 'error',
      comment:
        "A module's repository holds the SQL on its own tables and is used only inside its folder: another module goes through the module's exported service, or reads the views it publishes (README, Architecture). Row types others need are re-exported by the service.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/.+\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'repository-maps-own-entities',
      severity: 'error',
      comment:
        "A repository queries its own module's entities (and the platform's): an entity of another module in a repository is that module's table read behind its back (src/table-ownership.spec.ts checks the SQL).",
      from: { path: '^src/([^/]+)/.+\\.repository\\.ts$' },
      to: { path: '\\.entity\\.ts$', pathNot: '^src/($1|platform)/' },
    },
    {
      name: 'weighting-is-pure',
      severity: 'error',
      comment: 'The weighting schemes and decision rules are pure functions: no I/O, no framework, no other module.',
      from: { path: '^src/weighting/' },
      to: {
        pathNot: '^src/weighting/',
      },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: ['^dist/', '[.-]spec\\.ts$'],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
