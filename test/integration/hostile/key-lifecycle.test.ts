// Key rotation and revocation on a running hub: the registry file changes, the hub reloads it.
import { readFile, writeFile } from 'node:fs/promises';
import type { INestApplication } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  RegistryFileWatcher,
  RegistryIndex,
  addNodeKey,
  parseRegistry,
  revokeNodeKey,
  stringifyRegistry,
} from '#registry';
import { waitFor } from '#testing';
import { NodeSigner, canonicalSentTime, generateNodeKey } from '#trust';
import { IngressService, outcomeOf, type IngressDecision } from '#hub';
import { sealNodeMessage, testAlert, type NodeMessage } from '#hub/testing';
import { startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';

let env: HubTestEnv;
let hub: INestApplication;
const decisions = new Map<number, IngressDecision>();

beforeAll(async () => {
  env = await startHubTestEnv();
  hub = await env.startHub({ HUB_REGISTRY_POLL_MS: '100' });
  const ingress = hub.get(IngressService);
  const handle = ingress.handle.bind(ingress);
  ingress.handle = async (envelope) => {
    const decision = await handle(envelope);
    decisions.set(envelope.sequence, decision);
    return decision;
  };
});

afterAll(async () => {
  await env?.stop();
});

async function decide(message: NodeMessage): Promise<string> {
  const { seq } = await env.publish(message);
  await env.processed(seq);
  const decision = decisions.get(seq);
  if (decision === undefined) throw new Error(`no decision for ingress message ${seq}`);
  return outcomeOf(decision);
}

/** Rewrites the registry file and waits until the hub's own index shows the change. */
async function changeRegistry(change: (text: string) => string, shows: (index: RegistryIndex) => boolean) {
  await writeFile(env.registryFile, change(await readFile(env.registryFile, 'utf8')));
  const index = hub.get(RegistryIndex);
  await waitFor(() => shows(index) || undefined, { what: 'the hub to reload the registry' });
}

const alertFrom = (signer: NodeSigner, sent = new Date()) =>
  sealNodeMessage('alert', testAlert('kz-border', { sent: timestampFromDate(sent) }), signer);

describe('key lifecycle on a running hub', () => {
  it('keeps traffic flowing across a rotation, then refuses the revoked key only after its revocation', async () => {
    const oldSigner = env.parties.signer('kz-border');
    const next = generateNodeKey();
    const newSigner = NodeSigner.fromSeed(next.seed);
    const outcomes: string[] = [];

    outcomes.push(await decide(alertFrom(oldSigner)));
    // Rotation: the new key joins, the old one stays valid (grace period).
    const rotatedAt = new Date();
    await changeRegistry(
      (text) =>
        stringifyRegistry(
          addNodeKey(parseRegistry(text), 'kz-border', next.publicKey, canonicalSentTime(rotatedAt)),
        ),
      (index) => index.publicKeys('kz-border').includes(next.publicKey),
    );
    for (let round = 0; round < 5; round++) {
      outcomes.push(await decide(alertFrom(oldSigner)));
      outcomes.push(await decide(alertFrom(newSigner)));
    }
    expect(outcomes).toEqual(Array(11).fill('routed'));

    // Revocation of the old key now: what it signed earlier still verifies, anything later is refused.
    const revokedAt = new Date();
    await changeRegistry(
      (text) =>
        stringifyRegistry(
          revokeNodeKey(parseRegistry(text), 'kz-border', oldSigner.publicKey, canonicalSentTime(revokedAt)),
        ),
      (index) => index.keyWindow('kz-border', oldSigner.publicKey)?.revokedAt !== undefined,
    );
    expect(await decide(alertFrom(oldSigner, new Date(revokedAt.getTime() - 60_000)))).toBe('routed');
    expect(await decide(alertFrom(oldSigner, new Date(revokedAt.getTime() + 1)))).toBe('KEY_REVOKED');
    expect(await decide(alertFrom(newSigner))).toBe('routed');
  });

  it('keeps the old registry when a changed file is invalid, and picks up the next valid one', async () => {
    const index = hub.get(RegistryIndex);
    const before = index.nodes().length;
    await writeFile(env.registryFile, 'version: 2\nnodes: nonsense\n');
    expect(hub.get(RegistryFileWatcher).reload()).toBe(false);
    expect(index.nodes()).toHaveLength(before);
    expect(
      await decide(sealNodeMessage('alert', testAlert('tj-border'), env.parties.signer('tj-border'))),
    ).toBe('routed');

    const extra = generateNodeKey();
    const valid = stringifyRegistry(addNodeKey(env.parties.registry, 'tj-border', extra.publicKey));
    await changeRegistry(
      () => valid,
      (reloaded) => reloaded.publicKeys('tj-border').includes(extra.publicKey),
    );
  });
});
