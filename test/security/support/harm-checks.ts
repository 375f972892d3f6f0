// What every attack in this tier must leave as it was: the hub still routes, and a later alert still
// reaches each of its recipients once; and the audit entries an attack did or did not cause.
import { fromBinary } from '@bufbuild/protobuf';
import { AuditEntrySchema, STREAM_AUDIT, type AuditEntry } from '#contracts';
import { sealNodeMessage, testAlert } from '#hub/testing';
import { receiversOf, startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';

/**
 * A hub test environment with one hub (configured by `overrides`) for the file's tests, started
 * before them and stopped after them; call the result to reach it.
 */
export function useHubTestEnv(overrides: Record<string, string> = {}): () => HubTestEnv {
  let env: HubTestEnv | undefined;
  beforeAll(async () => {
    env = await startHubTestEnv();
    await env.startHub(overrides);
  });
  afterAll(async () => {
    await env?.stop();
  });
  return () => {
    if (env === undefined) throw new Error('the hub test environment is not started');
    return env;
  };
}

/** Who a SALW alert for afghan-border from kz-border reaches: its subscribers. */
export const AFGHAN_BORDER_SUBSCRIBERS = ['tj-border', 'unodc', 'uz-customs'];

/** Sends a fresh alert from `sender` and resolves with the nodes that got a copy, sorted. */
export async function routeAnAlert(env: HubTestEnv, sender = 'kz-border'): Promise<string[]> {
  const alert = sealNodeMessage('alert', testAlert(sender), env.parties.signer(sender));
  await env.send(alert);
  return receiversOf(await env.deliveries(), alert.id, 'alert');
}

/** Fails unless a fresh alert from kz-border reaches exactly its subscribers. */
export async function expectStillRouting(env: HubTestEnv): Promise<void> {
  expect(await routeAnAlert(env)).toEqual(AFGHAN_BORDER_SUBSCRIBERS);
}

/** Every entry of the audit chain, oldest first. */
export async function auditEntries(env: HubTestEnv): Promise<AuditEntry[]> {
  return (await env.stored(STREAM_AUDIT)).map((stored) => fromBinary(AuditEntrySchema, stored.data));
}
