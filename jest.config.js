/**
 * Test tiers (CONTRIBUTING.md, "Tests"; decision 0005):
 *  - unit: `*.spec.ts` beside the code, pure logic, no database;
 *  - integration: `test/**\/*.e2e-spec.ts`, real PostgreSQL (one embedded cluster per run, one
 *    database per test file) and real node processes built from `dist/`.
 * jose is ESM-only, and feed resolves to its ESM build under Jest, so both are transformed to
 * CommonJS like our own code.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      'ts-jest',
      {
        tsconfig: { ...compilerOptions, allowJs: true, isolatedModules: true },
        diagnostics: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|feed)/)'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Integration and process tests start databases and node processes; unit tests finish in ms.
  testTimeout: 60_000,
  rootDir: __dirname,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
