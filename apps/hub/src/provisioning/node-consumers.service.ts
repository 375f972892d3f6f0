import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { NatsConnectionService } from '#messaging';
import { RegistryIndex } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { provisionNodeConsumers, receivingNodes } from './node-consumers.js';

/**
 * Provisions every registry node's delivery consumer when the hub starts, after the streams (the
 * nodes' permissions forbid them to create it themselves). A node added to the registry gets its
 * consumer at the next hub start.
 */
@Injectable()
export class NodeConsumersService implements OnApplicationBootstrap {
  constructor(
    private readonly connection: NatsConnectionService,
    private readonly registry: RegistryIndex,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connection.ready();
    const nodes = receivingNodes(this.registry.nodes());
    await provisionNodeConsumers(await this.connection.manager(), nodes);
    this.logger.info({ consumers: nodes.length }, 'node delivery consumers provisioned');
  }
}
