/** How a bounded wait ended: the time it took, and whether the condition held. */
export interface PollOutcome {
  elapsedMs: number;
  reached: boolean;
}

/**
 * Polls `reached()` every `intervalMs` (fine-grained, so end times are measured to that bound) until it
 * is true or `timeoutMs` passes; a benchmark reports a run that did not finish instead of failing.
 */
export async function pollUntil(
  reached: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<PollOutcome> {
  const started = performance.now();
  for (;;) {
    if (await reached()) return { elapsedMs: performance.now() - started, reached: true };
    if (performance.now() - started > timeoutMs)
      return { elapsedMs: performance.now() - started, reached: false };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
