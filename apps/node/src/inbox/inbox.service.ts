import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { MetricsService } from '#runtime';
import { Subject, type Observable } from 'rxjs';
import type { InboxItem, InboxKind } from './inbox-item.js';
import { InboxRepository } from './inbox.repository.js';

// Page size when a kind filter makes the scan read past items it skips.
const SCAN_PAGE = 200;

/** What a listing asks for. */
export interface InboxQuery {
  limit: number;
  kind?: InboxKind;
}

/** The node's inbox: takes received messages in once each, lists them, and streams new ones. */
@Injectable()
export class InboxService implements OnModuleDestroy {
  private readonly arrivals = new Subject<InboxItem>();

  constructor(
    private readonly repository: InboxRepository,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Stores `item` unless a message with its id was taken in before, and announces it to the
   * stream's subscribers. Returns false for a duplicate, which changes nothing.
   */
  async takeIn(item: InboxItem): Promise<boolean> {
    const fresh = await this.repository.takeIn(item);
    if (fresh) {
      this.metrics.delivered.inc({ kind: item.kind });
      this.arrivals.next(item);
    }
    return fresh;
  }

  /** The inbox item with this id, or undefined. */
  get(id: string): Promise<InboxItem | undefined> {
    return this.repository.get(id);
  }

  /** The newest items first, at most `limit`, of one kind if asked. */
  async list(query: InboxQuery): Promise<InboxItem[]> {
    const { limit, kind } = query;
    if (kind === undefined) return (await this.repository.page(0, limit)).items;
    const found: InboxItem[] = [];
    for (let start = 0; found.length < limit; start += SCAN_PAGE) {
      const page = await this.repository.page(start, SCAN_PAGE);
      found.push(...page.items.filter((item) => item.kind === kind));
      if (page.last) break;
    }
    return found.slice(0, limit);
  }

  /** Every item taken in from now on, as it arrives in this process. */
  arrivals$(): Observable<InboxItem> {
    return this.arrivals.asObservable();
  }

  // Completing the stream ends open server-sent-event responses, so the HTTP server can close.
  onModuleDestroy(): void {
    this.arrivals.complete();
  }
}
