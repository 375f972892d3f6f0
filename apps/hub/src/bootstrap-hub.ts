import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { JetStreamServer, NatsConnectionService } from '#messaging';
import { MetricsService, PinoLoggerService } from '#runtime';
import { NodeSigner } from '#trust';
import type { Logger } from 'pino';
import { HubConfig } from './config/hub.config.js';
import { hubDeadLettersConsumer } from './dead-letters/dead-letters.consumer.js';
import { HubModule } from './hub.module.js';
import { hubIngressConsumer } from './ingress/ingress.consumer.js';

/**
 * Builds and starts one hub instance: connects NATS as the hub's nkey user, provisions the streams
 * and the nodes' delivery consumers, starts pulling the shared `hub-ingress` and `hub-dead-letters`
 * consumers, then serves /healthz and /metrics on HTTP_PORT. SIGTERM and SIGINT close it gracefully
 * (stop pulling, finish in-flight messages, drain NATS, quit Redis).
 */
export async function bootstrapHub(config: HubConfig, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create(HubModule.forRoot(config, logger), {
    logger: new PinoLoggerService(logger),
    // Fail by rejecting, not by ending the process: the caller decides (main exits, a test reports).
    abortOnError: false,
  });
  app.enableShutdownHooks();
  // Connects NATS, provisions the streams and every node's delivery consumer (ProvisioningModule)
  // before the ingress consumer is attached.
  await app.init();
  const signer = app.get(NodeSigner);
  const metrics = app.get(MetricsService);
  const server = new JetStreamServer({
    connection: app.get(NatsConnectionService),
    consumers: [hubIngressConsumer(config), hubDeadLettersConsumer(config)],
    // The advisory path (DeadLetterRepository) names the records of these consumers alike.
    deadLetterId: (...of) => signer.ids.deadLetterId(...of),
  });
  server.on('deadLettered', ({ stream, consumer }) => metrics.deadLettered.inc({ stream, consumer }));
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT);
  return app;
}
