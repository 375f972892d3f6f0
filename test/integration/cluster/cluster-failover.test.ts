// Killing one server of a three-server JetStream cluster while a node sends a thousand alerts to
// another: every alert the sender's node acknowledged reaches the recipient's inbox exactly once,
// and the hub and the nodes move to the surviving servers by themselves.
import { v7 } from 'uuid';
import { STREAM_DEFINITIONS, STREAM_GROUPS, STREAM_INGRESS } from '#contracts';
import { alertRequest } from '#node/testing';
import { waitFor, type NatsClusterMember } from '#testing';
import { RECIPIENT, SENDER, serverOf, startClusterApps, type ClusterApps } from './cluster-apps.js';

const ALERTS = 1_000;
const PARALLEL_REQUESTS = 16;
const KILL_AFTER = 300;
const RESTART_AFTER = 700;

let env: ClusterApps;

beforeAll(async () => {
  env = await startClusterApps();
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

/** Sends one alert with a fixed id until the node acknowledges it (a retry cannot duplicate it). */
async function sendAlert(id: string): Promise<void> {
  await waitFor(
    async () => {
      const answer = await env.post(SENDER, '/v1/alerts', { ...alertRequest(), id });
      if (answer.status >= 500) return false;
      if (answer.status !== 202 || answer.body.id !== id)
        throw new Error(`alert ${id} refused with ${answer.status}: ${JSON.stringify(answer.body)}`);
      return true;
    },
    { timeoutMs: 60_000, what: `the node to acknowledge alert ${id}` },
  );
}

it('keeps every stream the hub provisions at three replicas', async () => {
  for (const name of [...STREAM_DEFINITIONS.map((stream) => stream.name), STREAM_GROUPS]) {
    const info = await env.jsm.streams.info(name);
    expect({ name, replicas: info.config.num_replicas }).toEqual({ name, replicas: 3 });
  }
});

it("delivers every acknowledged alert exactly once while the hub's server, leading ingress, is killed and restarted", async () => {
  const ids = Array.from({ length: ALERTS }, () => v7());
  const acknowledged: string[] = [];
  const pending = [...ids];
  const sender = async (): Promise<void> => {
    for (let id = pending.shift(); id !== undefined; id = pending.shift()) {
      await sendAlert(id);
      acknowledged.push(id);
    }
  };

  let victim: NatsClusterMember | undefined;
  const faults = async (): Promise<void> => {
    await waitFor(() => acknowledged.length >= KILL_AFTER, {
      timeoutMs: 120_000,
      what: `${KILL_AFTER} acks`,
    });
    // The hub's own server, made the ingress leader: its crash costs a reconnect and an election.
    const target = serverOf(env.apps.get('hub')!) ?? '';
    await env.moveLeader(STREAM_INGRESS, target);
    victim = env.cluster.member(target);
    await victim.kill();
    // Apps that were on it reconnect elsewhere; none stays disconnected.
    for (const [name, app] of env.apps)
      await waitFor(() => serverOf(app) !== undefined && serverOf(app) !== target, {
        timeoutMs: 30_000,
        what: `${name} connected to a surviving server`,
      });
    await waitFor(() => acknowledged.length >= RESTART_AFTER, {
      timeoutMs: 180_000,
      what: `${RESTART_AFTER} acks`,
    });
    await victim.restart();
  };

  await Promise.all([...Array.from({ length: PARALLEL_REQUESTS }, sender), faults()]);
  expect(victim).toBeDefined();
  expect(acknowledged).toHaveLength(ALERTS);

  // Past the bound, compare what did arrive, so that a failure names the lost ids.
  const inbox = await waitFor(
    async () => {
      const stored = await env.inboxIds(RECIPIENT);
      return stored.length >= ALERTS && stored;
    },
    { timeoutMs: 180_000, what: `${ALERTS} alerts in the inbox of ${RECIPIENT}` },
  ).catch(() => env.inboxIds(RECIPIENT));
  const copies = new Map<string, number>();
  for (const id of inbox) copies.set(id, (copies.get(id) ?? 0) + 1);
  const lost = acknowledged.filter((id) => !copies.has(id));
  const duplicated = [...copies].filter(([, count]) => count > 1).map(([id]) => id);
  expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] });
  expect(inbox).toHaveLength(ALERTS);

  // The restarted server serves again with JetStream, and every app is connected, none restarted.
  // Not awaited: its full /healthz (every replica caught up). On nats-server 2.9 under the load of a
  // whole CI run it was seen not to settle within 3 minutes, which says nothing about delivery.
  await waitFor(
    async () => {
      const response = await fetch(`${victim!.monitorUrl}/healthz?js-enabled-only=true`).catch(
        () => undefined,
      );
      return response?.ok === true;
    },
    { timeoutMs: 60_000, what: `${victim!.serverName} serving JetStream again` },
  );
  for (const app of env.apps.values()) expect(serverOf(app)).toBeDefined();
}, 600_000);
