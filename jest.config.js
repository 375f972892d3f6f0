// Five tiers, each its own jest project: `npm run test:unit|test:integration|test:security|test:e2e|test:chaos`.
import { readFileSync } from 'node:fs';

// Jest resolves `#contracts`, `#hub`, … to the TypeScript source the `types` condition of package.json's
// `imports` names, so the aliases are declared once.
const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(imports).map(([alias, target]) => [`^${alias}$`, target.types.replace(/^\./, '<rootDir>')]),
);

const transform = { '^.+\\.ts$': ['@swc/jest'] };
const shared = {
  transform,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: {
    ...aliases,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  // Jest's default on a two-core machine is one worker, which runs every suite inside jest's own
  // process; two workers halve the wall time, and a suite's leftovers end with its worker.
  maxWorkers: 2,
  // Writes each run's results as JSON to $JEST_JSON_DIR, from which .ci/run prints `tests: N passed, N failed`.
  reporters: ['default', '<rootDir>/.ci/jest-results-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,packages,examples}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration.setup.ts'],
    },
    {
      ...shared,
      displayName: 'security',
      testMatch: ['<rootDir>/test/security/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration.setup.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e.setup.ts'],
    },
    {
      ...shared,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/chaos.setup.ts'],
    },
  ],
};
