// The recipients' side of the run: what each node handed to its agency's systems and what its
// inbox holds, read over the node's REST API only.
import type { InboxItem } from '../../e2e/support/node-api.js';
import { credentialsFor, getJson, readEvents } from '../../e2e/support/node-api.js';

const OPEN_TIMEOUT_MS = 10_000;
const PAGE = 200;

/**
 * A recipient's `GET /v1/inbox/stream`, open for the whole run: how many times each message id was
 * announced to the agency's systems. The node announces an id only when it takes it in as new, so a
 * count above one is a duplicate effect at the recipient (e.g. a redelivery after its seen-ids were lost).
 */
export class InboxFeed {
  readonly counts = new Map<string, number>();
  readonly unverified = new Set<string>();
  /** Set when the stream ended before `close()`: later arrivals are then not counted here. */
  endedEarly = false;

  private constructor(private readonly controller: AbortController) {}

  /** Opens the feed; resolves once the node has answered with the stream's headers. */
  static async open(base: string): Promise<InboxFeed> {
    const controller = new AbortController();
    const giveUp = setTimeout(() => controller.abort(), OPEN_TIMEOUT_MS);
    const response = await fetch(`${base}/v1/inbox/stream`, {
      headers: { accept: 'text/event-stream', ...credentialsFor(base) },
      signal: controller.signal,
    }).finally(() => clearTimeout(giveUp));
    if (response.status !== 200 || response.body === null) {
      throw new Error(`GET ${base}/v1/inbox/stream answered ${response.status}`);
    }
    const feed = new InboxFeed(controller);
    void readEvents(response.body, (data) => feed.record(JSON.parse(data) as InboxItem)).then(
      () => (feed.endedEarly ||= !controller.signal.aborted),
      () => (feed.endedEarly ||= !controller.signal.aborted),
    );
    return feed;
  }

  close(): void {
    this.controller.abort();
  }

  private record(item: InboxItem): void {
    this.counts.set(item.id, (this.counts.get(item.id) ?? 0) + 1);
    if (!item.verified) this.unverified.add(item.id);
  }
}

/** A whole inbox as listed by the API: every entry (an id listed twice appears twice). */
export interface InboxListing {
  ids: string[];
  unverified: Set<string>;
}

/** Every inbox entry of the node at `base`, page by page with the `next` cursor. */
export async function readWholeInbox(base: string): Promise<InboxListing> {
  const ids: string[] = [];
  const unverified = new Set<string>();
  let cursor: number | undefined;
  do {
    const query = cursor === undefined ? `limit=${PAGE}` : `limit=${PAGE}&before=${cursor}`;
    const { status, body } = await getJson<{ items: InboxItem[]; next?: number }>(
      `${base}/v1/inbox?${query}`,
    );
    if (status !== 200) throw new Error(`GET ${base}/v1/inbox?${query} answered ${status}`);
    for (const item of body.items) {
      ids.push(item.id);
      if (!item.verified) unverified.add(item.id);
    }
    cursor = body.next;
  } while (cursor !== undefined);
  return { ids, unverified };
}
