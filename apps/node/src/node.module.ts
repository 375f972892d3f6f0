import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HUB_JETSTREAM_DOMAIN, nodeDeliveryConsumerAddress } from '#contracts';
import { MessagingModule, NatsConnectionService, inboxPrefixOf, seedFileAuthenticator } from '#messaging';
import { RegistryModule } from '#registry';
import { ObservabilityModule, RedisModule, LOGGER, natsTlsOf } from '#runtime';
import { NodeSigner } from '#trust';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module.js';
import { AccessLogModule } from './access-log/access-log.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { CapModule } from './cap/cap.module.js';
import { Clock } from './common/clock.js';
import { IdGenerator } from './common/id-generator.js';
import { NodeConfig } from './config/node.config.js';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import { DeskModule } from './desk/desk.module.js';
import { FeedsModule } from './feeds/feeds.module.js';
import { HttpDrainService } from './http/http-drain.service.js';
import type { NodeIdentity } from './identity/node-identity.js';
import { GroupsModule } from './groups/groups.module.js';
import { HeartbeatModule } from './heartbeat/heartbeat.module.js';
import { InboxModule } from './inbox/inbox.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { LinkModule } from './link/link.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { OutboxHealth } from './outbox/outbox.health.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { RebuildModule } from './rebuild/rebuild.module.js';
import { PictureModule } from './picture/picture.module.js';
import { ReceiptsModule } from './receipts/receipts.module.js';
import { ReleasesModule } from './releases/releases.module.js';
import { RepliesModule } from './replies/replies.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { SentModule } from './sent/sent.module.js';
import { SerialsModule } from './serials/serials.module.js';
import { ServiceSubscriptionsModule } from './service-subscriptions/service-subscriptions.module.js';
import { SiteModule } from './site/site.module.js';
import { SubmissionModule } from './submission/submission.module.js';
import { ThreadsModule } from './threads/threads.module.js';
import { TracesModule } from './traces/traces.module.js';
import { WitnessModule } from './witness/witness.module.js';

/**
 * The agency node. Global to every feature, as infrastructure: the validated config, the logger, the
 * node's signer, the clock and the id source; the registry with the verifier of other nodes'
 * signatures; Redis, NATS, health and metrics; the event emitter. Then the features, none global.
 */
@Module({})
export class NodeModule {
  static forRoot(config: NodeConfig, identity: NodeIdentity, logger: Logger): DynamicModule {
    const { registry, signer } = identity;
    return {
      module: NodeModule,
      global: true,
      imports: [
        // News that travels up the feature stack (a lower feature never calls a higher one).
        EventEmitterModule.forRoot(),
        RegistryModule.forRoot({ file: config.REGISTRY_FILE, index: registry, logger }),
        RedisModule.forRoot({ url: config.REDIS_URL, passwordFile: config.REDIS_PASSWORD_FILE }),
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
          // The node's account has no JetStream: it imports the hub's API for its consumers under domain hub.
          jsDomain: HUB_JETSTREAM_DOMAIN,
          tls: natsTlsOf(config),
          // It may not read account information; its own consumer tells that JetStream answers.
          healthConsumer: nodeDeliveryConsumerAddress(config.NODE_ID),
        }),
        ObservabilityModule.forRoot({
          service: 'node',
          nats: NatsConnectionService,
          details: [OutboxHealth],
          // Anyone may learn whether the node is up; what is down is for its operators.
          bareHealth: true,
        }),
        // The features, top of the stack first (docs/architecture.md); each imports those it uses.
        DeskModule,
        HeartbeatModule,
        RebuildModule,
        SiteModule,
        DeliveriesModule,
        FeedsModule,
        CapModule,
        ServiceSubscriptionsModule,
        AlertsModule,
        NoticesModule,
        SubmissionModule,
        ReceiptsModule,
        RepliesModule,
        ThreadsModule,
        SerialsModule,
        PictureModule,
        TracesModule,
        RequestsModule,
        ReleasesModule,
        GroupsModule,
        WitnessModule,
        InboxModule,
        SubscriptionsModule,
        OutboxModule,
        SentModule,
        AccessLogModule,
        LinkModule,
        AccessModule,
      ],
      providers: [
        { provide: NodeConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: NodeSigner, useValue: signer },
        Clock,
        { provide: IdGenerator, useValue: new IdGenerator(signer.ids) },
        HttpDrainService,
      ],
      exports: [NodeConfig, LOGGER, NodeSigner, Clock, IdGenerator],
    };
  }
}
