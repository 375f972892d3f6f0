// The hub in-process on a NATS server running the generated configuration (authentication and
// permissions on), with Redis, and an operator whose seed file the dlq tools authenticate with.
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CONSUMER_HUB_DEAD_LETTERS, STREAM_ADVISORIES, STREAM_DEAD_LETTER } from '#contracts';
import { testTls, waitFor } from '#testing';
import type { DeadLetterSource } from '#operations';
import { startOperatedHub } from '../../support/operated-hub.js';

export interface DeadLettersEnv {
  natsUrl: string;
  /** The CA of the server's certificate, for `--ca`. */
  caFile: string;
  /** The operator's nkey seed file, for `--seed`. */
  operatorSeedFile: string;
  /** Where the dlq service functions find the dead letters, as the operator. */
  source: DeadLetterSource;
  operator: NatsConnection;
  jsm: JetStreamManager;
  hub: INestApplication;
  /** Resolves once the hub has handled every advisory captured so far. */
  advisoriesHandled(): Promise<ConsumerInfo>;
  /** How many advisories on `subject` the advisories stream has captured. */
  advisories(subject: string): Promise<number>;
  /** The hub's Prometheus text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export async function startDeadLettersEnv(): Promise<DeadLettersEnv> {
  const { nats, hub, operator, operatorSeedFile, stop } = await startOperatedHub('bl-dlq-');
  const { caFile } = await testTls();
  const jsm = await jetstreamManager(operator);

  const advisoriesHandled = () =>
    waitFor(
      async () => {
        const { state } = await jsm.streams.info(STREAM_ADVISORIES);
        const info = await jsm.consumers.info(STREAM_ADVISORIES, CONSUMER_HUB_DEAD_LETTERS);
        const done = info.num_pending === 0 && info.num_ack_pending === 0;
        return done && info.ack_floor.stream_seq >= state.last_seq ? info : undefined;
      },
      { timeoutMs: 15_000, what: 'the hub to handle every advisory' },
    );

  const advisories = async (subject: string) => {
    const info = await jsm.streams.info(STREAM_ADVISORIES, { subjects_filter: subject });
    return info.state.subjects?.[subject] ?? 0;
  };

  const metrics = async () => {
    const response = await fetch(`${await hub.getUrl()}/metrics`);
    return response.text();
  };

  return {
    natsUrl: nats.url,
    caFile,
    operatorSeedFile,
    source: { nats: nats.url, ca: caFile, seed: operatorSeedFile, stream: STREAM_DEAD_LETTER },
    operator,
    jsm,
    hub,
    advisoriesHandled,
    advisories,
    metrics,
    stop,
  };
}
