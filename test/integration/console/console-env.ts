// The console in-process against a real secured NATS (the registry's generated configuration, an
// operator user), a real hub (which records the operators' decisions and publishes heartbeats), and
// the demo OpenID Connect provider (real oidc-provider) with two operators and a node's people.
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Clock, ConsoleConfig, createConsoleApp } from '#console';
import type { TestParties } from '#hub/testing';
import { createLogger, validateConfig } from '#runtime';
import {
  CONSOLE_AUDIENCE,
  demoOperators,
  demoPeople,
  startDemoIdentityProvider,
  type DemoIdentityProvider,
} from '#stack';
import { testTls, type NatsServerHandle } from '#testing';
import { startOperatedHub } from '../../support/operated-hub.js';
import { connectAs } from '../../support/secured-nats.js';

/** A clock the test moves forward: ages and statuses are judged by it. */
export class MovableClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface ConsoleEnv {
  parties: TestParties;
  nats: NatsServerHandle;
  clock: MovableClock;
  /** The console's base URL. */
  url: string;
  idp: DemoIdentityProvider;
  operator: NatsConnection;
  jsm: JetStreamManager;
  /** Connects as a registry node with its own seed, as its app would. */
  connectAsNode(node: string): Promise<NatsConnection>;
  /** A console access token for a demo person (an operator, or a node's person). */
  token(user: string): Promise<string>;
  /** A request to the console with `user`'s token (none when undefined); status and parsed body. */
  call<T>(user: string | undefined, method: string, path: string): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startConsoleEnv(): Promise<ConsoleEnv> {
  const { parties, nats, files, operatorSeedFile, operator, stop } = await startOperatedHub('bl-console-');
  const started: Array<() => Promise<unknown>> = [stop];
  // Whatever started is stopped, in reverse, also when a later step fails.
  const stopAll = async () => {
    for (const step of started.splice(0).reverse()) await step();
  };
  try {
    const idp = await startDemoIdentityProvider({
      people: demoPeople('kz-border'),
      operators: demoOperators(),
    });
    started.push(() => idp.stop());
    const clock = new MovableClock();
    const config = validateConfig(ConsoleConfig, {
      NATS_URL: nats.url,
      NATS_CA_FILE: (await testTls()).caFile,
      CONSOLE_NATS_SEED_FILE: operatorSeedFile,
      REGISTRY_FILE: files.registryFile,
      CONSOLE_OIDC_ISSUER: idp.issuer,
      CONSOLE_PORT: '0',
      CONSOLE_WEB_DIR: join(files.dir, 'no-screens'),
      LOG_LEVEL: 'silent',
    });
    const app = await createConsoleApp(config, createLogger({ service: 'console' }, 'silent'), { clock });
    started.push(() => app.close());
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const tokens = new Map<string, Promise<string>>();
    const token = (user: string): Promise<string> => {
      let pending = tokens.get(user);
      if (pending === undefined) tokens.set(user, (pending = idp.token(user, CONSOLE_AUDIENCE)));
      return pending;
    };
    return {
      parties,
      nats,
      clock,
      url,
      idp,
      operator,
      jsm: await jetstreamManager(operator),
      connectAsNode: (node) => connectAs(nats.url, node, parties.seeds.get(node) ?? ''),
      token,
      async call<T>(user: string | undefined, method: string, path: string) {
        const headers: Record<string, string> =
          user === undefined ? {} : { authorization: `Bearer ${await token(user)}` };
        const response = await fetch(`${url}${path}`, { method, headers });
        const text = await response.text();
        return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
