import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Figures of one side of a comparison, by name (units in the names: `_per_s`, `_ms`, `_mb`). */
export type Figures = Record<string, number | string>;

/** One scenario's outcome, as printed and as written to bench/results/latest.json. */
export interface ScenarioResult {
  id: string;
  title: string;
  figures: Figures;
  baseline: Figures;
  /** The compared quantity over the baseline's (or over the limit, for absolute targets); null when not measured. */
  ratio: number | null;
  /** The target as text, e.g. `>=1.0` or `<=4.0`. */
  target: string;
  ok: boolean;
  notes: string[];
}

/** The `bench: B2 ratio=… target=… ok|short` line of a scenario. */
export function verdictLine(result: ScenarioResult): string {
  const ratio = result.ratio === null ? 'n/a' : result.ratio.toFixed(2);
  return `bench: ${result.id} ratio=${ratio} target=${result.target} ${result.ok ? 'ok' : 'short'}`;
}

function describeFigures(figures: Figures): string {
  return Object.entries(figures)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

/** The scenario's figures, baseline and notes as text, then its verdict line. */
export function formatResult(result: ScenarioResult): string {
  const lines = [
    `${result.id} ${result.title}`,
    `  borderlink: ${describeFigures(result.figures)}`,
    `  baseline:   ${describeFigures(result.baseline)}`,
    ...result.notes.map((note) => `  note: ${note}`),
    verdictLine(result),
  ];
  return `${lines.join('\n')}\n`;
}

/** A Markdown table of all results, as docs/performance.md shows it. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const rows = results.map(
    (result) =>
      `| ${result.id} | ${describeFigures(result.figures)} | ${describeFigures(result.baseline)} | ${
        result.ratio === null ? 'n/a' : result.ratio.toFixed(2)
      } | ${result.target} | ${result.ok ? 'ok' : 'short'} |`,
  );
  return [
    '| id | Borderlink | raw NATS baseline | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
    ...rows,
  ]
    .join('\n')
    .concat('\n');
}

/** Writes the run to `file` (bench/results/latest.json). */
export async function writeResults(
  file: string,
  run: { startedAt: string; machine: Figures; options: object; results: readonly ScenarioResult[] },
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
}
