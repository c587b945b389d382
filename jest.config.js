// Four projects: `unit` (src/**/*.spec.ts: pure rules and code that needs no PostgreSQL or Redis, in
// seconds; `npm run test:unit`), `medium` (src/**/*.medium-spec.ts: services with their real
// repositories, a fixed clock, no HTTP) and `e2e` (test/**/*.e2e-spec.ts: the whole app). The last two
// run against the real database and Redis, each file in its own database copied from one migrated
// template.
const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  testEnvironment: 'node',
};

module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'medium',
      testMatch: ['<rootDir>/src/**/*.medium-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      // The pages in a real browser (Debian's Chromium, driven by playwright-core, checked by axe-core);
      // the setup installs Chromium when it is missing, or stops saying how.
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/browser-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
