// Sums the result files jest-results-reporter.js wrote into the folder given as the argument and
// prints the one CI summary line. Exits non-zero when a run failed, a suite could not run, or no
// results were written at all (the reporter is not wired into jest.config.js).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
const runs = files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));

const passed = runs.reduce((sum, run) => sum + run.numPassedTests, 0);
const failed = runs.reduce((sum, run) => sum + run.numFailedTests, 0);
const notRun = runs.flatMap((run) => run.testResults.filter((suite) => suite.failedToRun).map((s) => s.name));

if (runs.length === 0) {
  console.error(
    'no jest results were written: the tests did not run, or jest lacks .ci/jest-results-reporter.js',
  );
}
// A suite that fails to load counts no failed test, so name it rather than let it pass unnoticed.
for (const name of notRun) console.error(`test suite failed to run: ${name}`);
console.log(`tests: ${passed} passed, ${failed} failed`);

process.exitCode = runs.length === 0 || runs.some((run) => !run.success) || failed > 0 ? 1 : 0;
