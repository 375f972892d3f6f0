import { parseArgs } from 'node:util';
import { BENCH_CAST_NODES } from './pipeline/bench-registry.js';

export const SCENARIO_IDS = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Sizes and bounds of one run: the quick defaults fit in a few minutes, `--full` is the sizes. */
export interface BenchOptions {
  scenarios: ScenarioId[];
  full: boolean;
  /** B1: events through the messaging layer (and through raw JetStream). */
  b1Messages: number;
  /** B2/B5: alerts published (each reaches five recipients). */
  alerts: number;
  /** B2: messages of the raw single-hop baseline. */
  rawMessages: number;
  /** B3: offered alerts per second, and for how long. */
  rate: number;
  seconds: number;
  /** B4: alerts addressed to the offline recipient. */
  backlog: number;
  /** B5: how long the started stack idles before its idle footprint is read. */
  idleMs: number;
  /** B6: recipients per alert, one step each, ascending. */
  fanOuts: number[];
  /** B6: verified deliveries per fan-out step (alerts = this over the fan-out, rounded up). */
  b6Deliveries: number;
  /** B7: registry sizes in nodes, one step each, ascending. */
  registryNodes: number[];
  /** B7: alerts routed at each registry size. */
  b7Alerts: number;
  /** Bound on any wait for the pipeline to deliver everything. */
  timeoutMs: number;
  logLevel: string;
  /** Folder for V8 CPU profiles of the hub and one node (`--profile <dir>`), off by default. */
  profileDir?: string;
}

export const USAGE = `usage: node bench/run.mjs [B1 B2 B3 B4 B5 B6 B7] [--full] [--b1-messages N] [--alerts N]
  [--raw-messages N] [--rate N] [--seconds N] [--backlog N] [--idle-s N] [--fan-outs N,N,…]
  [--b6-deliveries N] [--registry-nodes N,N,…] [--b7-alerts N] [--timeout-s N] [--log-level L]
  [--profile DIR]
Runs the named scenarios (all by default) with quick sizes, or the issue's sizes with --full.`;

/** Thrown for arguments the suite cannot run with; the message says which. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

function count(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new BenchUsageError(`--${flag} takes a positive integer`);
  return parsed;
}

/** A comma-separated list of positive integers, ascending and without repeats; each at least `min`. */
function counts(value: string | undefined, fallback: readonly number[], flag: string, min = 1): number[] {
  if (value === undefined) return [...fallback];
  const parsed = value.split(',').map(Number);
  if (parsed.some((n) => !Number.isInteger(n) || n < min))
    throw new BenchUsageError(`--${flag} takes a comma-separated list of integers of at least ${min}`);
  return [...new Set(parsed)].sort((a, b) => a - b);
}

/** Parses the command line of bench/run.mjs. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      full: { type: 'boolean', default: false },
      'b1-messages': { type: 'string' },
      alerts: { type: 'string' },
      'raw-messages': { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      backlog: { type: 'string' },
      'idle-s': { type: 'string' },
      'fan-outs': { type: 'string' },
      'b6-deliveries': { type: 'string' },
      'registry-nodes': { type: 'string' },
      'b7-alerts': { type: 'string' },
      'timeout-s': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      profile: { type: 'string' },
    },
  });
  const scenarios = positionals.map((id) => id.toUpperCase());
  const unknown = scenarios.filter((id) => !(SCENARIO_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new BenchUsageError(`unknown scenario(s) ${unknown.join(', ')}\n${USAGE}`);
  const full = values.full ?? false;
  return {
    scenarios: scenarios.length === 0 ? [...SCENARIO_IDS] : (scenarios as ScenarioId[]),
    full,
    b1Messages: count(values['b1-messages'], full ? 100_000 : 20_000, 'b1-messages'),
    alerts: count(values.alerts, full ? 10_000 : 2_000, 'alerts'),
    rawMessages: count(values['raw-messages'], full ? 100_000 : 20_000, 'raw-messages'),
    rate: count(values.rate, 1_000, 'rate'),
    seconds: count(values.seconds, full ? 30 : 3, 'seconds'),
    backlog: count(values.backlog, full ? 100_000 : 20_000, 'backlog'),
    idleMs: count(values['idle-s'], 45, 'idle-s') * 1000,
    fanOuts: counts(values['fan-outs'], [1, 5, 20, 50], 'fan-outs'),
    b6Deliveries: count(values['b6-deliveries'], full ? 10_000 : 1_000, 'b6-deliveries'),
    registryNodes: counts(values['registry-nodes'], [20, 100, 500], 'registry-nodes', BENCH_CAST_NODES),
    b7Alerts: count(values['b7-alerts'], full ? 10_000 : 1_000, 'b7-alerts'),
    timeoutMs: count(values['timeout-s'], full ? 900 : 180, 'timeout-s') * 1000,
    logLevel: values['log-level'] ?? 'info',
    profileDir: values.profile,
  };
}
