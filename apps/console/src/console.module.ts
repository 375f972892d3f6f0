import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { MessagingModule, NatsConnectionService } from '#messaging';
import { ObservabilityModule } from '#runtime';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConsoleConfig } from './config/console.config.js';
import { Clock } from './core/clock.js';
import { ConsoleCoreModule } from './core/console-core.module.js';
import { DeadLettersModule } from './dead-letters/dead-letters.module.js';
import { KeysModule } from './keys/keys.module.js';
import { NatsHealthModule } from './nats-health/nats-health.module.js';
import { NetworkModule } from './network/network.module.js';
import { ConsoleRegistryModule } from './registry/registry.module.js';
import { ScreensModule } from './screens/screens.module.js';
import { TrafficModule } from './traffic/traffic.module.js';

/**
 * The operations console: shared core, NATS as the operator user (no streams of its own, no Redis),
 * health and metrics; the door (operators' tokens); the network from the heartbeats, traffic, NATS
 * health, dead letters, the audit chain's verification, keys and registry; the screens.
 */
@Module({})
export class ConsoleModule {
  static forRoot(
    config: ConsoleConfig,
    logger: Logger,
    authenticator: unknown,
    clock?: Clock,
  ): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        // Heartbeats announced to the features that follow them (traffic).
        EventEmitterModule.forRoot(),
        ConsoleCoreModule.forRoot(config, logger, clock),
        MessagingModule.forRoot({
          servers: config.NATS_URL.split(',').map((url) => url.trim()),
          name: 'console',
          streams: [],
          authenticator,
          tls: config.NATS_CA_FILE === undefined ? {} : { caFile: config.NATS_CA_FILE },
        }),
        ObservabilityModule.forRoot({ service: 'console', nats: NatsConnectionService, redis: false }),
        AccessModule,
        NetworkModule,
        TrafficModule,
        NatsHealthModule,
        DeadLettersModule,
        AuditModule,
        KeysModule,
        ConsoleRegistryModule,
        ScreensModule.forRoot(config),
      ],
    };
  }
}
