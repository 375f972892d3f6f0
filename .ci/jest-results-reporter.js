// Jest reporter for CI: when JEST_JSON_DIR is set, writes each jest run's aggregated results (the
// counts of `jest --json`) to a file of its own there, so a command that runs several jest
// invocations (`npm test` runs one per tier) leaves one result file per tier. Does nothing otherwise.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export default class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_testContexts, results) {
    const dir = process.env.JEST_JSON_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    // `results.success` is only settled after reporters ran, so it is derived here from the counts.
    const summary = {
      success:
        results.numFailedTests === 0 &&
        results.numFailedTestSuites === 0 &&
        results.numRuntimeErrorTestSuites === 0 &&
        !results.snapshot.failure,
      numTotalTests: results.numTotalTests,
      numPassedTests: results.numPassedTests,
      numFailedTests: results.numFailedTests,
      numPendingTests: results.numPendingTests,
      numTodoTests: results.numTodoTests,
      numTotalTestSuites: results.numTotalTestSuites,
      numFailedTestSuites: results.numFailedTestSuites,
      numRuntimeErrorTestSuites: results.numRuntimeErrorTestSuites,
      testResults: results.testResults.map((suite) => ({
        name: relative(this.rootDir, suite.testFilePath),
        numPassingTests: suite.numPassingTests,
        numFailingTests: suite.numFailingTests,
        failedToRun: suite.testExecError !== undefined,
        failureMessage: suite.failureMessage ?? null,
      })),
    };
    writeFileSync(
      join(dir, `jest-${Date.now()}-${process.pid}.json`),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
  }
}
