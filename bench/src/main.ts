import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import {
  formatResult,
  formatTable,
  verdictLine,
  writeResults,
  type Figures,
  type ScenarioResult,
} from './report.js';
import { runMessagingScenario } from './scenarios/b1-messaging.scenario.js';
import { runThroughputScenario } from './scenarios/b2-throughput.scenario.js';
import { runLatencyScenario } from './scenarios/b3-latency.scenario.js';
import { runCatchupScenario } from './scenarios/b4-catchup.scenario.js';
import { runFanOutScenario } from './scenarios/b6-fan-out.scenario.js';
import { runRegistryGrowthScenario } from './scenarios/b7-registry-growth.scenario.js';
import { summariseProfiles } from './profile/cpu-profile.js';

function natsServerVersion(): string {
  try {
    return execFileSync('/usr/sbin/nats-server', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(): Figures {
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    nats_server: natsServerVersion(),
  };
}

async function runScenarios(
  options: BenchOptions,
  root: string,
  report: (result: ScenarioResult) => void,
): Promise<void> {
  const wanted = new Set(options.scenarios);
  if (wanted.has('B1')) report(await runMessagingScenario(options, root));
  if (wanted.has('B2') || wanted.has('B5')) {
    const { b2, b5 } = await runThroughputScenario(options, root);
    if (wanted.has('B2')) report(b2);
    if (wanted.has('B5')) report(b5);
  }
  if (wanted.has('B3')) report(await runLatencyScenario(options, root));
  if (wanted.has('B4')) report(await runCatchupScenario(options, root));
  if (wanted.has('B6')) report(await runFanOutScenario(options, root));
  if (wanted.has('B7')) report(await runRegistryGrowthScenario(options, root));
}

/**
 * Runs the selected scenarios one after the other (each on servers of its own), prints each result
 * as it completes, then the table, and writes bench/results/latest.json.
 * @returns the process exit code: 0 when every scenario ran (met targets or not), 2 for bad arguments.
 */
export async function main(argv: readonly string[], root: string): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError || error instanceof TypeError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.profileDir !== undefined) {
    // The apps run in other folders' context and write on exit: the folder must exist, named absolutely.
    options.profileDir = resolve(options.profileDir);
    await mkdir(options.profileDir, { recursive: true });
  }
  const startedAt = new Date().toISOString();
  const results: ScenarioResult[] = [];
  process.stdout.write(
    `borderlink bench (${options.full ? 'full' : 'quick'}): ${options.scenarios.join(' ')}\n`,
  );
  await runScenarios(options, root, (result) => {
    results.push(result);
    process.stdout.write(formatResult(result));
  });
  process.stdout.write(`\n${formatTable(results)}\n${results.map(verdictLine).join('\n')}\n`);
  await writeResults(join(root, 'bench', 'results', 'latest.json'), {
    startedAt,
    machine: machine(),
    options,
    results,
  });
  if (options.profileDir !== undefined) process.stdout.write(await summariseProfiles(options.profileDir));
  return 0;
}
