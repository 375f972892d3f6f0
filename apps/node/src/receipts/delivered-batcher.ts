/** Publishes one `delivered` batch: `messages` of `origin`, each once, at most the batch limit. */
export type SendDeliveredBatch = (origin: string, messages: readonly string[]) => Promise<void>;

interface Waiting {
  message: string;
  resolve(): void;
  reject(error: unknown): void;
}

interface OriginQueue {
  waiting: Waiting[];
  /** A batch to this origin awaits its publish ack. */
  sending: boolean;
  /** A flush is due in the next turn of the event loop. */
  scheduled: boolean;
}

/** `items` cut into runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Gathers this node's `delivered` receipts into batches, one origin at a time (protocol 1.1: one
 * signed message for many deliveries). A batch leaves once no earlier batch to the same origin awaits
 * its publish ack; what arrives meanwhile goes in the next one. So an idle node sends a receipt in the
 * next turn of the event loop (with whatever else it took in in the same turn), and a busy one sends
 * fewer, fuller batches, without a timer to tune. Each receipt's promise settles with its batch's
 * publish, so the delivery it confirms is acked only once the receipt is stored.
 */
export class DeliveredBatcher {
  private readonly origins = new Map<string, OriginQueue>();

  constructor(
    private readonly send: SendDeliveredBatch,
    private readonly maxPerBatch: number,
  ) {}

  /** Resolves once a batch naming `message` is stored; rejects with that batch's publish failure. */
  add(origin: string, message: string): Promise<void> {
    let queue = this.origins.get(origin);
    if (queue === undefined) {
      queue = { waiting: [], sending: false, scheduled: false };
      this.origins.set(origin, queue);
    }
    const waiting = new Promise<void>((resolve, reject) => queue.waiting.push({ message, resolve, reject }));
    this.schedule(origin, queue);
    return waiting;
  }

  // The first receipt to an idle origin waits for the rest of this turn's take-ins.
  private schedule(origin: string, queue: OriginQueue): void {
    if (queue.sending || queue.scheduled) return;
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      void this.flush(origin, queue);
    });
  }

  private async flush(origin: string, queue: OriginQueue): Promise<void> {
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
      chunks([...waitersOf.keys()], this.maxPerBatch).map(async (messages) => {
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
    // What waited through a whole publish round trip goes at once; an idle origin's entry goes away.
    if (queue.waiting.length > 0) void this.flush(origin, queue);
    else this.origins.delete(origin);
  }
}
