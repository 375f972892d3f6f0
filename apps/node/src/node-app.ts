import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JetStreamServer, NatsConnectionService } from '#messaging';
import { MetricsService, PinoLoggerService } from '#runtime';
import type { Logger } from 'pino';
import { NodeConfig } from './config/node.config.js';
import { deliveriesConsumer } from './deliveries/deliveries.consumer.js';
import { hardenEdge } from './http/edge.js';
import { JsonSyntaxFilter } from './http/json-syntax.filter.js';
import { RequestErrorFilter } from './http/request-error.filter.js';
import { withRequestIds } from './http/request-context.js';
import { requestValidationPipe } from './http/request-validation.pipe.js';
import { setupSwagger } from './http/swagger.js';
import { loadNodeIdentity } from './identity/node-identity.js';
import { NodeModule } from './node.module.js';

/**
 * Builds and starts a node except for its HTTP listener: the hardened HTTP edge (authentication
 * first), HTTPS when NODE_TLS_CERT_FILE is set; connects Redis and NATS (as the node's nkey user),
 * binds the delivery consumer the hub provisioned (waiting for it if need be), and starts consuming
 * the node's deliveries. The caller calls `listen` (on NODE_HTTP_HOST: loopback unless configured
 * otherwise) and, when done, `close`.
 * Throws (NodeIdentityError, RegistryError, connection errors) instead of exiting, so callers decide.
 */
export async function createNodeApp(config: NodeConfig, baseLogger: Logger): Promise<INestApplication> {
  const identity = loadNodeIdentity(config);
  // Every line logged while a request is served carries its id.
  const logger = withRequestIds(baseLogger);
  const app = await NestFactory.create<NestExpressApplication>(NodeModule.forRoot(config, identity, logger), {
    logger: new PinoLoggerService(logger),
    abortOnError: false,
    // Nest's own parsers would come first; the edge puts authentication ahead of its parser.
    bodyParser: false,
    ...(config.NODE_TLS_CERT_FILE === undefined || config.NODE_TLS_KEY_FILE === undefined
      ? {}
      : {
          httpsOptions: {
            cert: readFileSync(config.NODE_TLS_CERT_FILE),
            key: readFileSync(config.NODE_TLS_KEY_FILE),
          },
        }),
  });
  try {
    hardenEdge(app, config);
    app.useGlobalPipes(requestValidationPipe());
    app.useGlobalFilters(new JsonSyntaxFilter(), new RequestErrorFilter());
    setupSwagger(app, config.NODE_ID);
    const server = new JetStreamServer({
      connection: app.get(NatsConnectionService),
      // Bound, not provisioned: the hub creates `node-<id>` and waits are logged until it has.
      consumers: [
        {
          ...deliveriesConsumer(config.NODE_ID),
          maxAttempts: config.NODE_MAX_ATTEMPTS,
          gatherMs: config.NODE_DELIVERY_GATHER_MS,
          bind: true,
        },
      ],
      // Records only this node can name, so no other participant can file one first.
      deadLetterId: (...of) => identity.signer.ids.deadLetterId(...of),
    });
    const metrics = app.get(MetricsService);
    server.on('deadLettered', ({ stream, consumer }) => metrics.deadLettered.inc({ stream, consumer }));
    app.connectMicroservice({ strategy: server });
    // Connections and streams come up in the modules' init hooks; the consumer needs both.
    await app.init();
    await app.startAllMicroservices();
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}
