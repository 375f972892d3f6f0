import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Redis } from 'ioredis';
import { once } from 'node:events';
import { MetricsService, ObservabilityModule, REDIS, RedisModule, type NatsHealthProbe } from '#runtime';
import {
  addRedisAppUser,
  startNats,
  startRedis,
  type NatsServerHandle,
  type RedisServerHandle,
} from '#testing';

// Stands in for NatsConnectionService: the same two questions over a real connection.
class ConnectionProbe implements NatsHealthProbe {
  constructor(
    readonly connection: NatsConnection,
    private readonly manager: JetStreamManager,
  ) {}

  static async open(url: string): Promise<ConnectionProbe> {
    const connection = await connect({ servers: url });
    return new ConnectionProbe(connection, await jetstreamManager(connection, { checkAPI: false }));
  }

  isConnected(): boolean {
    return !this.connection.isClosed();
  }

  probeJetStream(): Promise<unknown> {
    return this.manager.getAccountInfo();
  }
}

async function startApp(redisUrl: string, probe: ConnectionProbe): Promise<INestApplication> {
  @Global()
  @Module({ providers: [{ provide: ConnectionProbe, useValue: probe }], exports: [ConnectionProbe] })
  class ProbeModule {}

  @Module({
    imports: [
      ProbeModule,
      RedisModule.forRoot({ useFactory: () => ({ url: redisUrl }) }),
      ObservabilityModule.forRoot({ service: 'runtime-test', nats: ConnectionProbe, healthTimeoutMs: 500 }),
    ],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const redis = app.get<Redis>(REDIS);
  if (redis.status !== 'ready') await once(redis, 'ready');
  return app;
}

interface HealthBody {
  status: string;
  error: Record<string, { status: string; message?: string }>;
  details: Record<string, { status: string; message?: string }>;
}

async function healthz(app: INestApplication): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`${await app.getUrl()}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

describe('ObservabilityModule', () => {
  describe('with NATS, JetStream and Redis', () => {
    let nats: NatsServerHandle;
    let redis: RedisServerHandle;
    let probe: ConnectionProbe;
    let app: INestApplication;

    beforeAll(async () => {
      [nats, redis] = await Promise.all([startNats({ jetstream: true }), startRedis()]);
      probe = await ConnectionProbe.open(nats.url);
      // As an agency node's least-privilege user: the health check needs PING alone.
      app = await startApp(await addRedisAppUser(redis.url, { kind: 'node', id: 'kz-border' }), probe);
    });

    afterAll(async () => {
      await app?.close();
      await probe?.connection.close();
      await Promise.all([nats?.stop(), redis?.stop()]);
    });

    it('serves the bl_* metrics in the Prometheus text format', async () => {
      const metrics = app.get(MetricsService);
      metrics.published.inc({ kind: 'alert' });
      metrics.delivered.inc({ kind: 'alert' });
      metrics.rejected.inc({ reason: 'signature-invalid' });
      metrics.handlerSeconds.observe({ handler: 'ingress' }, 0.003);

      const response = await fetch(`${await app.getUrl()}/metrics`);
      const text = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(text).toMatch(/^bl_published_total\{.*kind="alert".*\} 1$/m);
      expect(text).toMatch(/^bl_delivered_total\{.*kind="alert".*\} 1$/m);
      expect(text).toMatch(/^bl_rejected_total\{.*reason="signature-invalid".*\} 1$/m);
      expect(text).toMatch(/^bl_handler_duration_seconds_count\{.*handler="ingress".*\} 1$/m);
      expect(text).toContain('service="runtime-test"');
      expect(text).toContain('process_resident_memory_bytes');
    });

    it('answers 200 while everything is up, then 503 naming redis once Redis is gone', async () => {
      const up = await healthz(app);
      expect(up.status).toBe(200);
      expect(up.body.status).toBe('ok');
      expect(up.body.details).toEqual({
        nats: { status: 'up' },
        jetstream: expect.objectContaining({ status: 'up' }),
        redis: expect.objectContaining({ status: 'up' }),
      });

      const client = app.get<Redis>(REDIS);
      const closed = once(client, 'close');
      await redis.kill();
      await closed;

      const down = await healthz(app);
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('error');
      expect(Object.keys(down.body.error)).toEqual(['redis']);
      expect(down.body.error.redis?.status).toBe('down');
      expect(down.body.details.nats?.status).toBe('up');
    });

    it('answers 503 naming nats and jetstream once the NATS connection is closed', async () => {
      await probe.connection.close();

      const down = await healthz(app);

      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({
        nats: { status: 'down', message: 'not connected to a NATS server' },
        jetstream: { status: 'down', message: 'not connected to a NATS server' },
      });
    });
  });

  describe('with a NATS server that has no JetStream', () => {
    let nats: NatsServerHandle;
    let redis: RedisServerHandle;
    let probe: ConnectionProbe;
    let app: INestApplication;

    beforeAll(async () => {
      [nats, redis] = await Promise.all([startNats({ jetstream: false }), startRedis()]);
      probe = await ConnectionProbe.open(nats.url);
      app = await startApp(redis.url, probe);
    });

    // The last test closes the app itself.
    afterAll(async () => {
      await probe?.connection.close();
      await Promise.all([nats?.stop(), redis?.stop()]);
    });

    it('answers 503 naming jetstream while nats and redis are up', async () => {
      const down = await healthz(app);

      expect(down.status).toBe(503);
      expect(Object.keys(down.body.error)).toEqual(['jetstream']);
      expect(down.body.details.nats?.status).toBe('up');
      expect(down.body.details.redis?.status).toBe('up');
    });

    it('quits the Redis client when the application shuts down', async () => {
      const client = app.get<Redis>(REDIS);
      const ended = once(client, 'end');

      await app.close();
      await ended;

      expect(client.status).toBe('end');
    });
  });
});
