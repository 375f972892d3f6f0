// Faults at fixed points of progress: each step runs once that share of all alerts has been
// answered, while the publishers go on towards the next step (they wait at its point if it is not due).
import { waitFor } from '#testing';
import type { ProgressGate } from './publishers.js';

/** One fault, due once `at` (a share of all alerts, 0–1) has been answered. */
export interface FaultStep {
  at: number;
  name: string;
  run: () => Promise<void>;
}

/**
 * Runs `steps` in order of `at`: opens `gate` up to each step's point, waits until every send
 * admitted so far has been answered, then lets the publishers on to the next point and runs the
 * fault meanwhile. Returns one line per fault: when it ran and how long it took.
 */
export async function runFaults(
  steps: readonly FaultStep[],
  gate: ProgressGate,
  total: number,
  stepTimeoutMs: number,
): Promise<string[]> {
  const ordered = [...steps].sort((a, b) => a.at - b.at);
  const timeline: string[] = [];
  for (const [i, step] of ordered.entries()) {
    const due = Math.ceil(step.at * total);
    gate.open(due);
    await waitFor(() => gate.settled >= due, {
      timeoutMs: stepTimeoutMs,
      what: `${due} of ${total} alerts answered before "${step.name}"`,
    });
    const next = ordered[i + 1];
    gate.open(next === undefined ? total : Math.ceil(next.at * total));
    const [answered, started] = [gate.settled, Date.now()];
    await step.run();
    timeline.push(`${step.name} at ${answered}/${total} answered (took ${Date.now() - started} ms)`);
  }
  gate.open(total);
  return timeline;
}
