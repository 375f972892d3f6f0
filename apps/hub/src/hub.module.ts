import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { STREAM_DEFINITIONS } from '#contracts';
import { MessagingModule, NatsConnectionService, inboxPrefixOf, seedFileAuthenticator } from '#messaging';
import { ObservabilityModule, RedisModule, natsTlsOf } from '#runtime';
import type { Logger } from 'pino';
import { HubConfig } from './config/hub.config.js';
import { HubCoreModule } from './core/hub-core.module.js';
import { DeadLettersModule } from './dead-letters/dead-letters.module.js';
import { HeartbeatModule } from './heartbeat/heartbeat.module.js';
import { IngressModule } from './ingress/ingress.module.js';
import { OperatorActionsModule } from './operator-actions/operator-actions.module.js';
import { ProvisioningModule } from './provisioning/provisioning.module.js';
import { RebuildModule } from './rebuild/rebuild.module.js';

/**
 * The hub application: shared core, NATS, Redis, health and metrics; the ingress pipeline (which
 * imports the features below it), dead letters, operators' decisions recorded in the audit, what it
 * provisions for the nodes, the rebuild of its Redis state, and its heartbeat.
 */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig, logger: Logger): DynamicModule {
    return {
      module: HubModule,
      imports: [
        // News that travels up the feature stack (audit's stored checkpoints, to delivery).
        EventEmitterModule.forRoot(),
        HubCoreModule.forRoot(config, logger),
        MessagingModule.forRoot({
          servers: config.NATS_URL.split(',').map((url) => url.trim()),
          name: `hub-${config.HUB_ID}`,
          streams: STREAM_DEFINITIONS.map((stream) => ({ ...stream, replicas: config.STREAM_REPLICAS })),
          // The hub's signing key is also its NATS user (see `borderlink nats-config`).
          authenticator: seedFileAuthenticator(config.HUB_SEED_FILE),
          inboxPrefix: inboxPrefixOf(config.HUB_ID),
          tls: natsTlsOf(config),
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, passwordFile: config.REDIS_PASSWORD_FILE }),
        ObservabilityModule.forRoot({ service: 'hub', nats: NatsConnectionService }),
        IngressModule,
        ProvisioningModule,
        DeadLettersModule,
        OperatorActionsModule,
        RebuildModule,
        HeartbeatModule,
      ],
    };
  }
}
