// The audit outlives whoever runs the hub: with the hub's own credentials, nothing removes entries
// from BL_AUDIT (deleting the stream or a message, purging, a roll-up, a smaller limit, recreating
// it), and the server refuses each. An audit stream made before it was append-only is left as it is
// by the hub, and an operator's `borderlink streams provision` protects it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { AUDIT_WILDCARD, STREAM_AUDIT, STREAM_DEFINITIONS } from '#contracts';
import { runCli } from '#cli';
import { testTls } from '#testing';
import { startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { connectAs, permissionViolation } from '../support/secured-nats.js';
import { alertStillDelivered, markOf, verifyAudit } from './support/harm.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Runs one attempt; resolves with the server's refusal (a permission violation or a JetStream error). */
async function refusal(attempt: () => Promise<unknown>): Promise<string> {
  try {
    await attempt();
  } catch (error) {
    return permissionViolation(error)?.message ?? (error as Error).message;
  }
  throw new Error('the server allowed it');
}

describe("the audit stream against the hub's own user", () => {
  let env: HubTestEnv;
  let dir: string;
  let hub: NatsConnection;
  let asHub: JetStreamManager;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bl-audit-attack-'));
    env = await startHubTestEnv();
    await env.startHub();
    await alertStillDelivered(env, 'kz-border');
    hub = await connectAs(env.natsUrl, 'hub', env.parties.seeds.get('hub') ?? '');
    asHub = await jetstreamManager(hub, { checkAPI: false });
  });

  afterAll(async () => {
    await hub?.close();
    await env?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses every way of removing entries, and the chain is whole after', async () => {
    const before = await markOf(env, STREAM_AUDIT);
    const { config } = await env.jsm.streams.info(STREAM_AUDIT);
    expect(config).toMatchObject({ deny_delete: true, deny_purge: true, allow_rollup_hdrs: false });

    const refusals = {
      'delete the stream': await refusal(() => asHub.streams.delete(STREAM_AUDIT)),
      purge: await refusal(() => asHub.streams.purge(STREAM_AUDIT)),
      'delete an entry': await refusal(() => asHub.streams.deleteMessage(STREAM_AUDIT, 1)),
      'erase an entry': await refusal(() => asHub.streams.deleteMessage(STREAM_AUDIT, 1, true)),
      'keep only one entry': await refusal(() => asHub.streams.update(STREAM_AUDIT, { max_msgs: 1 })),
      'lift the refusals': await refusal(() => asHub.streams.update(STREAM_AUDIT, { deny_delete: false })),
      'recreate it otherwise': await refusal(() =>
        asHub.streams.add({ name: STREAM_AUDIT, subjects: [AUDIT_WILDCARD], max_msgs: 1 }),
      ),
      'roll it up': await refusal(() => {
        const h = headers();
        h.set('Nats-Rollup', 'all');
        return jetstream(hub).publish('bl.audit.accepted', encode('rollup'), { headers: h });
      }),
    };
    // The hub's user may not ask for the first six; the server refuses the rest on the stream's terms.
    expect(refusals).toEqual({
      'delete the stream': expect.stringMatching(/Permissions Violation/),
      purge: expect.stringMatching(/Permissions Violation/),
      'delete an entry': expect.stringMatching(/Permissions Violation/),
      'erase an entry': expect.stringMatching(/Permissions Violation/),
      'keep only one entry': expect.stringMatching(/Permissions Violation/),
      'lift the refusals': expect.stringMatching(/Permissions Violation/),
      'recreate it otherwise': expect.stringMatching(/already in use/),
      'roll it up': expect.stringMatching(/rollup|roll-up/i),
    });

    expect(await markOf(env, STREAM_AUDIT)).toEqual(before);
    expect(await verifyAudit(env, dir)).toMatchObject({ code: 0, err: '' });
    await alertStillDelivered(env, 'kz-border');
  });
});

describe('an audit stream made before it was append-only', () => {
  let env: HubTestEnv;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bl-audit-migration-'));
    env = await startHubTestEnv();
    const audit = STREAM_DEFINITIONS.find((stream) => stream.name === STREAM_AUDIT)!;
    // As an earlier release created it: same subjects and limits, deletes and purges allowed.
    await env.jsm.streams.add({ name: audit.name, subjects: audit.subjects });
  });

  afterAll(async () => {
    await env?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is left as it is by the hub, which cannot change it, and protected by the operator', async () => {
    await env.startHub();
    await alertStillDelivered(env, 'kz-border');
    expect((await env.jsm.streams.info(STREAM_AUDIT)).config).toMatchObject({ deny_delete: false });

    const seed = join(dir, 'operator.nk');
    await writeFile(seed, `${env.operatorSeed}\n`, { mode: 0o600 });
    let out = '';
    const code = await runCli(
      ['streams', 'provision', '--nats', env.natsUrl, '--ca', (await testTls()).caFile, '--seed', seed],
      { out: (text) => (out += text), err: (text) => (out += text) },
    );
    expect([code, out]).toEqual([0, expect.stringContaining(STREAM_AUDIT)]);
    expect((await env.jsm.streams.info(STREAM_AUDIT)).config).toMatchObject({
      deny_delete: true,
      deny_purge: true,
    });
    await expect(env.jsm.streams.purge(STREAM_AUDIT)).rejects.toThrow(/not permitted/);
    expect(await verifyAudit(env, dir)).toMatchObject({ code: 0, err: '' });
    await alertStillDelivered(env, 'kz-border');
  });
});
