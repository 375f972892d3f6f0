import { Module, type DynamicModule } from '@nestjs/common';
import { HUB_JETSTREAM_DOMAIN } from '#contracts';
import { MessagingModule, NatsConnectionService, inboxPrefixOf, seedFileAuthenticator } from '#messaging';
import { RegistryFileWatcher, RegistryIndex } from '#registry';
import { ObservabilityModule, RedisModule } from '#runtime';
import { NodeSigner, SignatureVerifier } from '#trust';
import type { Logger } from 'pino';
import { AlertsModule } from './alerts/alerts.module.js';
import { Clock } from './common/clock.js';
import { HttpDrainService } from './common/http-drain.service.js';
import { IdGenerator } from './common/id-generator.js';
import { LOGGER } from './common/logger.token.js';
import { NodeConfig } from './config/node.config.js';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import type { NodeIdentity } from './identity/node-identity.js';
import { InboxModule } from './inbox/inbox.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { OutboxHealth } from './outbox/outbox.health.js';
import { RebuildModule } from './rebuild/rebuild.module.js';
import { SiteModule } from './site/site.module.js';

/**
 * The agency node. Global to every feature: the validated config, the logger, the registry, the
 * node's signer and the verifier of other nodes' signatures, the clock and the id source. Then
 * Redis, NATS with the declared streams, health and metrics, and the features.
 */
@Module({})
export class NodeModule {
  static forRoot(config: NodeConfig, identity: NodeIdentity, logger: Logger): DynamicModule {
    const { registry, signer } = identity;
    return {
      module: NodeModule,
      global: true,
      imports: [
        RedisModule.forRoot({ url: config.REDIS_URL }),
        MessagingModule.forRoot({
          servers: config.NATS_URL.split(',').map((url) => url.trim()),
          name: `node-${config.NODE_ID}`,
          // The hub provisions the streams and this node's consumer; the node's permissions forbid it.
          streams: [],
          // The node's signing key is also its NATS user (see `borderlink nats-config`).
          authenticator: seedFileAuthenticator(config.NODE_SEED_FILE),
          inboxPrefix: inboxPrefixOf(config.NODE_ID),
          // A post whose link is down keeps serving: submissions wait in the outbox until NATS answers.
          connectInBackground: true,
          // On a site's leaf server its own JetStream domain answers `$JS.API`; the streams are the hub's.
          ...(config.NODE_SITE === undefined ? {} : { jsDomain: HUB_JETSTREAM_DOMAIN }),
        }),
        ObservabilityModule.forRoot({
          service: 'node',
          nats: NatsConnectionService,
          details: [OutboxHealth],
        }),
        AlertsModule,
        NoticesModule,
        InboxModule,
        MessagesModule,
        DeliveriesModule,
        SiteModule,
        RebuildModule,
      ],
      providers: [
        { provide: NodeConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: RegistryIndex, useValue: registry },
        { provide: NodeSigner, useValue: signer },
        {
          provide: SignatureVerifier,
          useValue: new SignatureVerifier(
            (node) => registry.publicKeys(node),
            (node, key) => registry.keyWindow(node, key),
          ),
        },
        {
          // Key rotations, revocations and new nodes take effect without a restart.
          provide: RegistryFileWatcher,
          useValue: new RegistryFileWatcher(config.REGISTRY_FILE, registry, {
            onReload: (path) => logger.info({ registry: path }, 'registry reloaded'),
            onRefused: (error) =>
              logger.error({ err: error, problems: error.problems }, 'registry change refused; old one kept'),
          }),
        },
        Clock,
        IdGenerator,
        HttpDrainService,
      ],
      exports: [NodeConfig, LOGGER, RegistryIndex, NodeSigner, SignatureVerifier, Clock, IdGenerator],
    };
  }
}
