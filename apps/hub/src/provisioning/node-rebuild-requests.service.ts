import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import { REBUILD_REQUEST_WILDCARD, parseRebuildRequestSubject } from '#contracts';
import { NatsConnectionService } from '#messaging';
import { RegistryIndex } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { receivingNodes } from './node-consumers.js';
import { provideRebuildConsumer } from './node-rebuild-consumers.js';

// One instance answers each request; the node repeats it until its consumer is there.
const QUEUE = 'hub-rebuild-requests';

/**
 * Answers nodes that lost their Redis state: on `bl.ctl.rebuild.<node>` (which only that node may
 * publish) it provides the node's rebuild consumer. A node may not create consumers itself, and the
 * live one cannot give back what it acked, so this is the node's only way to read its deliveries again.
 */
@Injectable()
export class NodeRebuildRequestsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly registry: RegistryIndex,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.nats.ready();
    this.subscription = this.nats.connection.subscribe(REBUILD_REQUEST_WILDCARD, {
      queue: QUEUE,
      callback: (error, msg) => {
        if (error === null) void this.answer(msg.subject);
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  private async answer(subject: string): Promise<void> {
    const node = parseRebuildRequestSubject(subject);
    if (node === undefined || !receivingNodes(this.registry.nodes()).includes(node)) {
      this.logger.warn({ subject }, 'rebuild request for no receiving node ignored');
      return;
    }
    try {
      const created = await provideRebuildConsumer(await this.nats.manager(), node, new Date());
      this.logger.info({ node, created }, 'rebuild consumer provided');
    } catch (error) {
      // The node asks again; nothing is lost by failing this once.
      this.logger.error({ node, err: error }, 'cannot provide rebuild consumer');
    }
  }
}
