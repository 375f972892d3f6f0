import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { BorderlinkClient } from '../borderlink-client.js';
import { BorderlinkRefusalError } from '../client.errors.js';
import type { LiveStream } from '../live-stream.js';
import type { InboxItem } from '../node-api.types.js';
import { BORDERLINK_OPTIONS, type BorderlinkClientModuleOptions } from './borderlink-client.options.js';
import type { BorderlinkCursor, BorderlinkCursorStore } from './cursor.store.js';
import { matchesFilter, subscriptionFor, type BorderlinkMessageFilter } from './message-filter.js';
import { BORDERLINK_HANDLER } from './on-borderlink-message.decorator.js';

export const BORDERLINK_CURSOR_STORE = Symbol('borderlink:cursor-store');

/** A message event as handlers get it: the inbox item and the event id the cursor moves to. */
export interface BorderlinkMessageEvent {
  id: string;
}

interface Handler {
  name: string;
  filter: BorderlinkMessageFilter;
  call: (item: InboxItem, event: BorderlinkMessageEvent) => unknown;
}

/**
 * Feeds the `@OnBorderlinkMessage` handlers: finds them at start, registers (or updates) the
 * subscription that covers them, and reads its stream from the stored cursor, awaiting each handler
 * in turn and moving the cursor once they are done with an event.
 */
@Injectable()
export class BorderlinkListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Borderlink');
  private stream: LiveStream<{ id: string; item: InboxItem; type: string }> | undefined;
  private running: Promise<void> | undefined;
  private cursor: BorderlinkCursor = {};

  constructor(
    @Inject(BORDERLINK_OPTIONS) private readonly options: BorderlinkClientModuleOptions,
    @Inject(BORDERLINK_CURSOR_STORE) private readonly store: BorderlinkCursorStore,
    private readonly client: BorderlinkClient,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.handlers();
    if (handlers.length === 0) return;
    this.cursor = (await this.store.load()) ?? {};
    if ((this.options.source ?? 'subscription') === 'inbox') {
      this.open(handlers, this.client.streamInbox(this.streamOptions()));
      return;
    }
    const request = subscriptionFor(
      handlers.map((handler) => handler.filter),
      this.options.maxHandling ?? 'TLP:AMBER',
    );
    const id = await this.registerSubscription(request);
    this.open(handlers, this.client.streamServiceSubscription(id, this.streamOptions()));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stream?.close();
    await this.running;
  }

  private streamOptions() {
    return {
      ...(this.cursor.lastEventId === undefined ? {} : { lastEventId: this.cursor.lastEventId }),
      ...(this.options.backoff === undefined ? {} : { backoff: this.options.backoff }),
      onReconnect: ({ delayMs, error }: { delayMs: number; error: Error }) =>
        this.logger.warn(`stream lost (${error.message}); reconnecting in ${delayMs} ms`),
    };
  }

  // The stored subscription updated to the handlers' filters; a new one (read from its start) when
  // there is none or the node no longer has it.
  private async registerSubscription(
    request: Parameters<BorderlinkClient['createServiceSubscription']>[0],
  ): Promise<string> {
    if (this.cursor.subscriptionId !== undefined) {
      try {
        await this.client.updateServiceSubscription(this.cursor.subscriptionId, request);
        return this.cursor.subscriptionId;
      } catch (error) {
        if (!(error instanceof BorderlinkRefusalError && error.status === 404)) throw error;
      }
    }
    const created = await this.client.createServiceSubscription(request);
    this.cursor = { subscriptionId: created.id };
    await this.store.save(this.cursor);
    this.logger.log(`registered service subscription ${created.id}`);
    return created.id;
  }

  private open(
    handlers: Handler[],
    stream: LiveStream<{ type: string; id: string; item: InboxItem } | { type: 'state' }>,
  ): void {
    this.stream = stream as LiveStream<{ id: string; item: InboxItem; type: string }>;
    this.running = this.consume(handlers).catch((error: unknown) =>
      this.logger.error(`the stream ended: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private async consume(handlers: Handler[]): Promise<void> {
    for await (const event of this.stream!) {
      if (event.type !== 'message') continue;
      for (const handler of handlers) {
        if (!matchesFilter(handler.filter, event.item)) continue;
        try {
          await handler.call(event.item, { id: event.id });
        } catch (error) {
          // One failing handler must not stop the service: it is logged, and the others go on.
          this.logger.error(
            `${handler.name} failed on message ${event.item.id}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      this.cursor = { ...this.cursor, lastEventId: event.id };
      await this.store.save(this.cursor);
    }
  }

  private handlers(): Handler[] {
    const handlers: Handler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (instance === undefined || instance === null || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = instance[method];
        if (typeof target !== 'function') continue;
        const filter = this.reflector.get<BorderlinkMessageFilter | undefined>(
          BORDERLINK_HANDLER,
          target as (...args: unknown[]) => unknown,
        );
        if (filter === undefined) continue;
        handlers.push({
          name: `${instance.constructor.name}.${method}`,
          filter,
          call: (item, event) => (target as Handler['call']).call(instance, item, event),
        });
      }
    }
    return handlers;
  }
}
