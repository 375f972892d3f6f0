import { Injectable } from '@nestjs/common';
import { Feed } from 'feed';
import { CapExportError, capReferenceOf, exportCap } from '#cap';
import { messageFromJson, type Alert } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { Clock } from '../common/clock.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { NodeConfig } from '../config/node.config.js';
import type { InboxItem } from '../inbox/inbox-item.js';
import { InboxRepository } from '../inbox/inbox.repository.js';
import { concerns, isPublicAlert } from './public-alerts.js';

/** Entries in one feed, newest first. */
export const FEED_ENTRIES = 50;
// Inbox entries one request reads at most to find them, so a region with few public alerts among
// much restricted traffic costs a bounded scan.
const SCAN_LIMIT = 2_000;
const SCAN_PAGE = 200;

/** Unknown region (HTTP 404). */
export class UnknownRegionError extends UnknownMessageError {}

/**
 * Public feeds: the TLP:CLEAR alerts this node holds, by region, as Atom (RFC 4287) and each as CAP.
 * Read from the inbox's TLP:AMBER list (the least any reader is cleared for), then every item
 * filtered to TLP:CLEAR by its signed message and its label (public-alerts.ts).
 */
@Injectable()
export class FeedsService {
  constructor(
    private readonly config: NodeConfig,
    private readonly clock: Clock,
    private readonly registry: RegistryIndex,
    private readonly inbox: InboxRepository,
  ) {}

  /** The newest public alerts of `region`, at most FEED_ENTRIES. @throws UnknownRegionError */
  async alerts(region: string): Promise<InboxItem[]> {
    const now = this.clock.now();
    if (!validationContextOf(this.registry, now).knownRegion(region)) throw new UnknownRegionError(region);
    const found: InboxItem[] = [];
    let before: number | undefined;
    for (let read = 0; read < SCAN_LIMIT && found.length < FEED_ENTRIES; read += SCAN_PAGE) {
      const slice = await this.inbox.slice(before, SCAN_PAGE, 'amber');
      for (const [index, id] of slice.ids.entries()) {
        const item = slice.items.get(id);
        if (item !== undefined && isPublicAlert(item) && concerns(item, region, now)) found.push(item);
        before = slice.ordinals[index];
        if (found.length === FEED_ENTRIES) break;
      }
      if (slice.ids.length < SCAN_PAGE) break;
    }
    return found;
  }

  /** The Atom feed of `region`; entries link their CAP form under `base`. @throws UnknownRegionError */
  async atom(region: string, base: string): Promise<string> {
    const items = await this.alerts(region);
    const node = this.config.NODE_ID;
    const feed = new Feed({
      id: `${base}/v1/feeds/${region}.atom`,
      title: `Borderlink ${node}: public alerts, ${region}`,
      description: `TLP:CLEAR alerts ${node} holds for the region ${region}, newest first`,
      link: `${base}/v1/feeds/${region}.atom`,
      updated: items[0] === undefined ? this.clock.now() : new Date(items[0].receivedAt),
      generator: 'Borderlink',
      copyright: 'TLP:CLEAR: disclosure is not limited',
    });
    for (const item of items) {
      const alert = messageFromJson('alert', item.message);
      const text = alert.texts[0];
      const cap = capLink(base, item.id);
      feed.addItem({
        id: `urn:borderlink:${alert.sender}:${alert.id}`,
        title: asHtmlText(text?.headline ?? alert.id),
        description: asHtmlText(text?.description ?? ''),
        // The package types enclosures by file extension (image/cap), so the CAP form is the entry's link.
        link: cap,
        date: new Date(item.receivedAt),
        published: sentOf(alert),
        author: [{ name: alert.cap?.sender ?? alert.sender }],
      });
    }
    return feed.atom1();
  }

  /**
   * A public alert as CAP 1.2. @throws UnknownMessageError when this node holds no such TLP:CLEAR alert
   * (a restricted one is as unknown here as one never received).
   */
  async document(id: string): Promise<string> {
    const item = await this.inbox.get(id);
    if (item === undefined || !isPublicAlert(item)) throw new UnknownMessageError(id);
    const alert = messageFromJson('alert', item.message);
    // Only public alerts are named by their CAP triple here: a restricted one's id stays unsaid.
    const referenced = await Promise.all(alert.references.map((ref) => this.inbox.get(ref)));
    const triples = new Map(
      referenced
        .filter((ref): ref is InboxItem => ref !== undefined && isPublicAlert(ref))
        .map((ref) => [ref.id, capReferenceOf(messageFromJson('alert', ref.message))] as const),
    );
    try {
      return exportCap(alert, { referenceOf: (ref) => triples.get(ref) });
    } catch (error) {
      // An update of a restricted alert has no public CAP form.
      if (error instanceof CapExportError) throw new UnknownMessageError(id, { cause: error });
      throw error;
    }
  }
}

function sentOf(alert: Alert): Date | undefined {
  return alert.sent === undefined ? undefined : new Date(Number(alert.sent.seconds) * 1000);
}

/**
 * The `feed` package writes titles and summaries as `type="html"`: a sender's words are escaped so
 * that a reader shows them as text, never as markup (an escaped `>` also cannot end a CDATA section).
 */
export function asHtmlText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function capLink(base: string, id: string): string {
  return `${base}/v1/feeds/alerts/${encodeURIComponent(id)}.cap`;
}
