import { Logger } from '@nestjs/common';
import type { ConsumerInfo } from '@nats-io/jetstream';
import type { MessageHandler } from '@nestjs/microservices';
import {
  JetStreamBatchContext,
  JetStreamContext,
  JetStreamServer,
  NatsConnectionService,
  type ConsumerSpec,
  type JetStreamServerEvents,
  type JetStreamServerOptions,
  type StreamSpec,
} from '#messaging';
import { waitFor } from '#testing';

// Every test stream lives under its own subject root and name, so tests sharing a server never meet.
let counter = 0;

/** A stream and consumer of its own for one test, on subjects `<root>.>`. */
export interface TestTopology {
  root: string;
  stream: StreamSpec;
  consumer: ConsumerSpec;
}

export function uniqueTopology(consumer: Partial<ConsumerSpec> = {}): TestTopology {
  counter += 1;
  const root = `t${process.pid}n${counter}`;
  const stream: StreamSpec = {
    name: `T_${root.toUpperCase()}`,
    subjects: [`${root}.>`],
    duplicateWindowMs: 60_000,
  };
  return {
    root,
    stream,
    consumer: {
      pattern: `${root}-pattern`,
      stream: stream.name,
      durable: `${root}-worker`,
      filterSubject: `${root}.>`,
      ...consumer,
    },
  };
}

/** The dead-letter stream the server's default subject (`bl.dlq.<stream>.<consumer>`) lands in. */
export const DEAD_LETTER_STREAM: StreamSpec = { name: 'BL_DLQ', subjects: ['bl.dlq.>'] };

/** A connected, provisioned connection, as one app instance would hold it. */
export async function openConnection(url: string, streams: StreamSpec[]): Promise<NatsConnectionService> {
  const connection = new NatsConnectionService({ servers: url, name: 'messaging-test', streams });
  await connection.ready();
  return connection;
}

/** A transport with `handler` registered for the consumer's pattern, the way Nest registers handlers. */
export function startServer(
  options: Omit<JetStreamServerOptions, 'consumers'> & { consumer: ConsumerSpec },
  handler: (body: Uint8Array, ctx: JetStreamContext) => Promise<void>,
): Promise<JetStreamServer> {
  return listen(options, handler as MessageHandler);
}

/** The same for a consumer declared `inBatches`, whose handler takes a batch at a time. */
export function startBatchServer(
  options: Omit<JetStreamServerOptions, 'consumers'> & { consumer: ConsumerSpec },
  handler: (bodies: Uint8Array[], batch: JetStreamBatchContext) => Promise<void>,
): Promise<JetStreamServer> {
  return listen(options, handler as MessageHandler);
}

async function listen(
  options: Omit<JetStreamServerOptions, 'consumers'> & { consumer: ConsumerSpec },
  handler: MessageHandler,
): Promise<JetStreamServer> {
  const { consumer, ...rest } = options;
  const server = new JetStreamServer({ ...rest, consumers: [consumer] });
  server.addHandler(consumer.pattern, handler, true);
  await new Promise<void>((resolve, reject) => {
    void server.listen((error?: unknown) => (error === undefined ? resolve() : reject(error)));
  });
  return server;
}

/** Resolves with the arguments of the `count`-th emission of `event`. */
export function nthEvent<K extends keyof JetStreamServerEvents>(
  server: JetStreamServer,
  event: K,
  count = 1,
): Promise<Parameters<JetStreamServerEvents[K]>> {
  return new Promise((resolve) => {
    let seen = 0;
    const listener = (...args: Parameters<JetStreamServerEvents[K]>): void => {
      seen += 1;
      if (seen === count) resolve(args);
    };
    server.on(event, listener as JetStreamServerEvents[K]);
  });
}

/** Rejects if `promise` does not settle within `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise with its resolve function, to hold a handler until the test lets it go. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Waits until the consumer has nothing pending or unacknowledged and has acked up to `lastSeq`. */
export function consumerSettled(
  connection: NatsConnectionService,
  consumer: ConsumerSpec,
  lastSeq: number,
): Promise<ConsumerInfo> {
  return waitFor(
    async () => {
      const info = await (await connection.manager()).consumers.info(consumer.stream, consumer.durable);
      const settled =
        info.num_pending === 0 && info.num_ack_pending === 0 && info.ack_floor.stream_seq >= lastSeq;
      return settled ? info : undefined;
    },
    { timeoutMs: 15_000, what: `consumer ${consumer.durable} to settle at ${lastSeq}` },
  );
}

/** Bytes of a short text body. */
export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** The text of a body. */
export function read(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}

/** Keeps test output to what matters: the transport's expected warnings would drown it. */
export function quietLogs(): void {
  Logger.overrideLogger(['error']);
}
