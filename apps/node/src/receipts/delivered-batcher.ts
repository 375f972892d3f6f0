/** Publishes one `delivered` batch: `messages` of `origin`, each once, at most the batch limit. */
export type SendDeliveredBatch = (origin: string, messages: readonly string[]) => Promise<void>;

interface Waiting {
  message: string;
  resolve(): void;
  reject(error: unknown): void;
}

interface OriginQueue {
  waiting: Waiting[];
  /** When the oldest of `waiting` arrived (ms since the epoch). */
  since: number;
  /** A batch to this origin awaits its publish ack. */
  sending: boolean;
  /** The flush due once the oldest receipt has waited its time. */
  timer: NodeJS.Timeout | undefined;
}

/** How the batcher gathers: the limit of one batch, and how long a receipt may wait for others. */
export interface DeliveredBatching {
  maxPerBatch: number;
  /** 0: a batch leaves in the turn of the event loop after its first receipt arrived. */
  lingerMs: number;
}

/** `items` cut into runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Gathers this node's `delivered` receipts into batches, one origin at a time (protocol 1.1: one
 * signed message for many deliveries). A batch leaves once its oldest receipt has waited `lingerMs`,
 * or at once when it is full, and never while an earlier batch to the same origin awaits its publish
 * ack; what arrives meanwhile goes in the next one. The wait is what makes batches out of a steady
 * flow: without it, a recipient that keeps up sends nearly one receipt per delivery, each a signed
 * message the hub verifies, audits and passes on, and the origin verifies and takes in
 * (docs/performance.md). Each receipt's promise settles with its batch's publish, so the delivery
 * it confirms is acked only once the receipt is stored: the wait delays acks, never take-ins.
 */
export class DeliveredBatcher {
  private readonly origins = new Map<string, OriginQueue>();

  constructor(
    private readonly send: SendDeliveredBatch,
    private readonly batching: DeliveredBatching,
  ) {}

  /** Resolves once a batch naming `message` is stored; rejects with that batch's publish failure. */
  add(origin: string, message: string): Promise<void> {
    let queue = this.origins.get(origin);
    if (queue === undefined) {
      queue = { waiting: [], since: 0, sending: false, timer: undefined };
      this.origins.set(origin, queue);
    }
    if (queue.waiting.length === 0) queue.since = Date.now();
    const waiting = new Promise<void>((resolve, reject) => queue.waiting.push({ message, resolve, reject }));
    this.schedule(origin, queue);
    return waiting;
  }

  // Leaves the flush to the ack of a batch in flight; otherwise sends a full batch at once and
  // holds any other until its oldest receipt has waited its time (at least the rest of this turn,
  // so the turn's other take-ins join it).
  private schedule(origin: string, queue: OriginQueue): void {
    if (queue.sending) return;
    if (queue.waiting.length >= this.batching.maxPerBatch) {
      void this.flush(origin, queue);
      return;
    }
    if (queue.timer !== undefined) return;
    const due = Math.max(0, queue.since + this.batching.lingerMs - Date.now());
    queue.timer = setTimeout(() => void this.flush(origin, queue), due);
  }

  private async flush(origin: string, queue: OriginQueue): Promise<void> {
    clearTimeout(queue.timer);
    queue.timer = undefined;
    const taken = queue.waiting.splice(0);
    // A message taken in twice (a redelivery) is named once: a batch lists each message once.
    const waitersOf = new Map<string, Waiting[]>();
    for (const waiter of taken) {
      const waiters = waitersOf.get(waiter.message);
      if (waiters === undefined) waitersOf.set(waiter.message, [waiter]);
      else waiters.push(waiter);
    }
    queue.sending = true;
    await Promise.all(
      chunks([...waitersOf.keys()], this.batching.maxPerBatch).map(async (messages) => {
        const waiters = messages.flatMap((message) => waitersOf.get(message)!);
        try {
          await this.send(origin, messages);
          for (const waiter of waiters) waiter.resolve();
        } catch (error) {
          for (const waiter of waiters) waiter.reject(error);
        }
      }),
    );
    queue.sending = false;
    // An idle origin's entry goes away; what arrived meanwhile leaves when its oldest is due.
    if (queue.waiting.length > 0) this.schedule(origin, queue);
    else this.origins.delete(origin);
  }
}
