import { setTimeout as pause } from 'node:timers/promises';
import { exponentialDelay } from '#messaging';
// The publishing nodes' side of the run: alerts posted through each node's REST API with ids the
// client chooses, retried with the same id until the node acknowledges them, admitted by a gate
// that lets the fault schedule act at exact points of progress.
import { v7 as uuidv7 } from 'uuid';
import { caspianAlert } from '../../e2e/support/messages.js';
import { postJson } from '../../e2e/support/node-api.js';

/** One alert of the run and what became of its submission. */
export interface SentAlert {
  id: string;
  sender: string;
  acknowledged: boolean;
  /** Requests it took (more than one when the node answered 503 or did not answer). */
  attempts: number;
  /** The acknowledging answer's status: `accepted`, or `queued` when the node could not reach the hub. */
  answer?: string;
}

/**
 * Admission of sends by a global ticket: a send whose ticket is at or past the limit waits until the
 * fault schedule raises the limit, so each fault happens at a known count of acknowledged alerts.
 */
export class ProgressGate {
  /** Sends answered for good: acknowledged, or given up after retrying. */
  settled = 0;
  private issued = 0;
  private waiting: (() => void)[] = [];

  constructor(private limit: number) {}

  /** Resolves once this send may go. */
  async admit(): Promise<void> {
    const ticket = this.issued++;
    while (ticket >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Lets sends through up to `limit` tickets. */
  open(limit: number): void {
    this.limit = limit;
    const woken = this.waiting;
    this.waiting = [];
    for (const wake of woken) wake();
  }
}

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 2_000;
// An alert still unacknowledged after this long is counted as not acknowledged, and the run goes on.
const GIVE_UP_MS = 120_000;

/**
 * Posts one alert until the node answers 202. A 503 or no answer (a node whose NATS is restarting)
 * is retried with the same body, id included, so a retry of a submission that did go through is
 * dropped as a duplicate by the ingress stream rather than sent twice. Other answers are errors.
 */
async function submit(base: string, alert: SentAlert, body: unknown): Promise<void> {
  const giveUpAt = Date.now() + GIVE_UP_MS;
  for (let attempt = 1; Date.now() < giveUpAt; attempt++) {
    alert.attempts++;
    const status = await postJson<unknown>(`${base}/v1/alerts`, body).then(
      (response) => response,
      () => undefined,
    );
    if (status?.status === 202) {
      alert.acknowledged = true;
      alert.answer = (status.body as { status?: string }).status;
      return;
    }
    if (status !== undefined && status.status !== 503) {
      throw new Error(
        `alert ${alert.id} from ${alert.sender} answered ${status.status}: ${JSON.stringify(status.body)}`,
      );
    }
    // A client's retry backoff (the node is unreachable), not a wait for a condition.
    await pause(exponentialDelay(attempt, RETRY_FIRST_MS, RETRY_MAX_MS));
  }
}

/**
 * Sends `count` caspian SALW alerts from `sender` (at `base`), `concurrency` at a time through
 * `gate`; each entry of `sent` is filled in as its answer arrives.
 */
export async function publish(
  sender: string,
  base: string,
  options: { count: number; concurrency: number; gate: ProgressGate; sent: SentAlert[] },
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const serial = next++;
      await options.gate.admit();
      const alert: SentAlert = { id: uuidv7(), sender, acknowledged: false, attempts: 0 };
      options.sent.push(alert);
      await submit(base, alert, {
        ...caspianAlert(serial),
        incident: `chaos-${sender}-${serial}`,
        id: alert.id,
      });
      options.gate.settled++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}
