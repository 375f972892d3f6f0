// A hub and agency nodes in-process that trust a real OpenID Connect provider (the demo one,
// oidc-provider on loopback) for people's tokens, besides the tests' API keys; and the helpers the
// access tests share.
import { randomBytes } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import type { JetStreamManager } from '@nats-io/jetstream';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { AuditEntrySchema, AuditEvent, STREAM_AUDIT, type AuditEntry } from '#contracts';
import {
  demoPeople,
  nodeAudience,
  startDemoIdentityProvider,
  type DemoIdentityProvider,
  type DemoPerson,
} from '#stack';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

export const NODES = ['kz-border', 'tj-border', 'unodc'] as const;
export type Node = (typeof NODES)[number];

/** The network, the provider and the demo people of each node. */
export interface AccessNetwork {
  network: InProcessNetwork;
  idp: DemoIdentityProvider;
  /** The provider's private signing key, to make tokens it would never issue (expired, wrong issuer). */
  signingKey: JWK;
  people: DemoPerson[];
  /** A token for the demo person `<node>-<role>` (reader, author, supervisor, supervisor2, admin). */
  token(node: Node, who: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startAccessNetwork(): Promise<AccessNetwork> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingKey: JWK = {
    ...(await exportJWK(privateKey)),
    alg: 'ES256',
    use: 'sig',
    kid: randomBytes(8).toString('hex'),
  };
  const people = NODES.flatMap((node) => demoPeople(node));
  const idp = await startDemoIdentityProvider({ people, signingKey });
  const network = await startInProcessNetwork({
    identityProvider: { issuer: idp.issuer, audience: nodeAudience },
  });
  try {
    await network.startHub();
    for (const node of NODES) await network.startNode(node);
  } catch (error) {
    await network.stop();
    await idp.stop();
    throw error;
  }
  return {
    network,
    idp,
    signingKey,
    people,
    token: (node, who) => idp.token(`${node}-${who}`, nodeAudience(node)),
    async stop() {
      await network.stop();
      await idp.stop();
    },
  };
}

/** An answer of the node: its status, body and headers. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A request to `url` with `credentials` (a token or API key) when given. */
export async function call<T = Record<string, unknown>>(
  url: string,
  options: { method?: string; credentials?: string; body?: unknown } = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.credentials === undefined ? {} : { authorization: `Bearer ${options.credentials}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (the docs' HTML): kept as text.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** The hub's audit entry of `event` about `message`, once it is stored. */
export function auditEntryOf(jsm: JetStreamManager, event: AuditEvent, message: string): Promise<AuditEntry> {
  return waitFor(
    async () => {
      const { state } = await jsm.streams.info(STREAM_AUDIT);
      for (let seq = state.last_seq; seq >= state.first_seq && seq > 0; seq--) {
        const stored = await jsm.streams.getMessage(STREAM_AUDIT, { seq });
        if (stored === null) continue;
        const entry = fromBinary(AuditEntrySchema, stored.data);
        if (entry.event === event && entry.message === message) return entry;
      }
      return undefined;
    },
    { what: `the ${AuditEvent[event]} audit entry of ${message}` },
  );
}
