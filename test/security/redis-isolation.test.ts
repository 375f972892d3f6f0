// Each node's Redis state is reachable by that node alone, and the hub's is apart. A real redis-server
// loads the ACL `borderlink up` generates (a user per app on its own keyspace, the default user
// disabled); the hub and two nodes run on it as their own users. An attacker holding kz-border's
// Redis credentials (a compromised node) tries to read, plant, list, script around, wipe and
// reconfigure what is not kz-border's, and is refused every time; kz-border's own node still works.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { inboxItemKey, inboxListKey, inboxSeenKey, nodeEpochKey, type InboxItem } from '#node';
import { alertRequest, fixtureKeys, fixtureRegistry } from '#node/testing';
import { readRedisPassword, redisPasswordFile, redisUrlWithCredentials, redisUser } from '#runtime';
import { stackPaths, stackRedisUsers } from '#stack';
import { waitFor } from '#testing';
import { HUB_EPOCH_KEY } from '#hub';
import { startInProcessNetwork, type InProcessNetwork } from '../support/in-process-network.js';

const A = 'kz-border';
const B = 'tj-border';
const REFUSED = /NOPERM|can't access|can't run/;
// The hub's keys as an attacker would write them; the first test checks that they name real records.
const hubRoute = (id: string): string => `bl:hub:route:${id}`;
const hubAccepted = (id: string): string => `bl:hub:accepted:${id}`;

let dir: string;
let network: InProcessNetwork;
let secrets: string;
let admin: Redis;
let attacker: Redis;
// What each node and the hub hold once traffic has flowed: an alert from B in A's inbox, one from A
// in B's inbox, and the hub's route record of it.
let toA: string;
let toB: string;

/** A client that sends exactly what it is told: no ready check, no retries, no reconnects. */
function client(url: string): Redis {
  return new Redis(url, { enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
}

/** The URL of `user` with its generated password, as the stack hands it to the app. */
async function urlOf(user: string): Promise<string> {
  return redisUrlWithCredentials(
    network.redis.url,
    user,
    await readRedisPassword(redisPasswordFile(secrets, user)),
  );
}

async function post(node: string, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${network.url(node as typeof A)}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...network.auth(node as typeof A) },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST ${path} on ${node}: HTTP ${response.status}`);
  return (await response.json()) as { id: string };
}

async function inboxIds(node: string): Promise<string[]> {
  const response = await fetch(`${network.url(node as typeof A)}/v1/inbox`, {
    headers: network.auth(node as typeof A),
  });
  if (!response.ok) throw new Error(`GET /v1/inbox on ${node}: HTTP ${response.status}`);
  return ((await response.json()) as { items: InboxItem[] }).items.map((item) => item.id);
}

async function alert(from: string, to: string): Promise<string> {
  const { id } = await post(from, '/v1/alerts', {
    ...alertRequest(),
    handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
    addressees: { nodes: [to] },
  });
  await waitFor(async () => (await inboxIds(to)).includes(id), { what: `alert ${id} in ${to}'s inbox` });
  return id;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bl-redis-isolation-'));
  const paths = stackPaths(dir);
  secrets = paths.secrets;
  // The same ACL `borderlink up` gives its own Redis, with the admin user a test asks for.
  const users = await stackRedisUsers(fixtureRegistry(fixtureKeys()), paths, true);
  network = await startInProcessNetwork({
    redis: {
      acl: users.acl,
      // As the stack starts each app: its user in REDIS_URL, its password in its own file.
      env: (serverUrl) => async (principal) => ({
        REDIS_URL: redisUrlWithCredentials(serverUrl, redisUser(principal)),
        REDIS_PASSWORD_FILE: redisPasswordFile(secrets, redisUser(principal)),
      }),
    },
  });
  admin = client(redisUrlWithCredentials(network.redis.url, 'bl_admin', users.adminPassword));
  await admin.call('ACL', 'LOG', 'RESET');
  await network.startHub();
  for (const node of [A, B] as const) await network.startNode(node);
  toA = await alert(B, A);
  toB = await alert(A, B);
  // Each app's first start rebuilds its state; the markers say when that is done.
  await waitFor(async () => (await admin.exists(HUB_EPOCH_KEY, nodeEpochKey(A), nodeEpochKey(B))) === 3, {
    timeoutMs: 30_000,
    what: "the hub's and both nodes' epoch markers",
  });
  attacker = client(await urlOf(A));
}, 60_000);

afterAll(async () => {
  attacker?.disconnect();
  admin?.disconnect();
  await network?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("a node's own Redis user", () => {
  it('serves its inbox, and none of the commands the hub and nodes sent was refused', async () => {
    expect(await inboxIds(A)).toContain(toA);
    expect(await admin.call('ACL', 'LOG')).toEqual([]);
    expect(await admin.exists(hubRoute(toB), hubAccepted(toB), inboxItemKey(B, toB))).toBe(3);
  });

  it('reaches its own keys', async () => {
    expect(await attacker.lrange(inboxListKey(A), 0, -1)).toContain(toA);
  });
});

describe("with kz-border's credentials, an attacker", () => {
  it.each([
    ["B's inbox item", () => attacker.get(inboxItemKey(B, toB))],
    ["B's inbox list", () => attacker.lrange(inboxListKey(B), 0, -1)],
    ["B's epoch marker", () => attacker.exists(nodeEpochKey(B))],
    ["the hub's route record", () => attacker.get(hubRoute(toB))],
    ["the hub's epoch marker", () => attacker.get(HUB_EPOCH_KEY)],
    ['several keys at once, one of them B', () => attacker.mget(inboxItemKey(A, toA), inboxItemKey(B, toB))],
  ])('cannot read %s', async (_what, read) => {
    await expect(read()).rejects.toThrow(REFUSED);
  });

  it.each([
    [
      "an item marked verified into B's inbox",
      () =>
        attacker
          .multi()
          .set(inboxItemKey(B, 'planted'), JSON.stringify({ id: 'planted', sender: 'hub', verified: true }))
          .lpush(inboxListKey(B), 'planted')
          .exec(),
    ],
    ["an id into B's seen set, so B drops that message", () => attacker.sadd(inboxSeenKey(B), 'next')],
    ["B's epoch marker away, so B rebuilds", () => attacker.del(nodeEpochKey(B))],
    ["an accepted id into the hub's replay memory", () => attacker.set(hubAccepted('next'), '1')],
    ["the hub's route record", () => attacker.set(hubRoute(toB), '{}')],
  ])('cannot write %s', async (_what, write) => {
    const outcome = await write().then(
      (replies) => replies,
      (error: unknown) => error,
    );
    // A transaction is refused as a whole: EXEC aborts once a queued command was refused.
    expect(String(outcome)).toMatch(/NOPERM|EXECABORT/);
  });

  it.each([
    ['KEYS', ['*']],
    ['SCAN', ['0']],
    ['SCAN', ['0', 'MATCH', 'bl:tj-border:*']],
    ['RANDOMKEY', []],
    ['DBSIZE', []],
  ])('cannot list the keys of others with %s', async (command, args) => {
    await expect(attacker.call(command, ...args)).rejects.toThrow(REFUSED);
  });

  it.each([
    ["with B's key declared", 'return redis.call("GET", KEYS[1])', [inboxItemKey(B, toB)]],
    ["with B's key hidden in the script", `return redis.call("GET", "${inboxItemKey(B, toB)}")`, []],
    [
      "with its own key declared and B's written in the script",
      `return redis.call("SET", "${nodeEpochKey(B)}", "x")`,
      [inboxItemKey(A, toA)],
    ],
    ['that wipes everything', 'return redis.call("FLUSHALL")', []],
  ])('cannot run a script %s', async (_what, lua, keys) => {
    await expect(attacker.eval(lua, keys.length, ...keys)).rejects.toThrow(REFUSED);
  });

  it.each([
    ['FLUSHALL', []],
    ['FLUSHDB', []],
    ['SWAPDB', ['0', '1']],
    ['SELECT', ['1']],
    ['CONFIG', ['GET', 'requirepass']],
    ['CONFIG', ['SET', 'notify-keyspace-events', 'KEA']],
    ['ACL', ['SETUSER', A, '~*', '+@all']],
    ['ACL', ['LIST']],
    ['ACL', ['LOG']],
    ['SCRIPT', ['FLUSH']],
    ['INFO', []],
    ['CLIENT', ['LIST']],
    ['CLIENT', ['KILL', 'USER', B]],
    ['MONITOR', []],
    ['PSUBSCRIBE', ['__keyspace@0__:*']],
    ['SHUTDOWN', []],
  ])('cannot wipe, configure, watch or administer the server: %s', async (command, args) => {
    const other = client(await urlOf(A));
    try {
      await expect(other.call(command, ...args)).rejects.toThrow(REFUSED);
    } finally {
      other.disconnect();
    }
  });

  it('cannot log in as B with its own password, nor without a user, nor as the disabled default', async () => {
    const password = await readRedisPassword(redisPasswordFile(secrets, A));
    const anonymous = client(network.redis.url);
    try {
      await expect(anonymous.get(inboxItemKey(B, toB))).rejects.toThrow(/NOAUTH/);
      await expect(anonymous.call('AUTH', B, password)).rejects.toThrow(/WRONGPASS/);
      await expect(anonymous.call('AUTH', 'default', '')).rejects.toThrow(/WRONGPASS/);
      await expect(anonymous.call('AUTH', password)).rejects.toThrow(/WRONGPASS/);
    } finally {
      anonymous.disconnect();
    }
  });
});

describe("the hub's Redis user", () => {
  it("cannot reach a node's keys either", async () => {
    const hub = client(await urlOf('hub'));
    try {
      await expect(hub.lrange(inboxListKey(A), 0, -1)).rejects.toThrow(REFUSED);
      await expect(hub.set(inboxItemKey(B, 'planted'), '{}')).rejects.toThrow(REFUSED);
    } finally {
      hub.disconnect();
    }
  });
});

describe('after the attacks', () => {
  it("leaves B's and the hub's state as it was, B still serving its inbox", async () => {
    expect(await admin.lrange(inboxListKey(B), 0, -1)).toEqual([toB]);
    expect(await admin.exists(inboxItemKey(B, 'planted'), nodeEpochKey(B), HUB_EPOCH_KEY)).toBe(2);
    expect(await admin.sismember(inboxSeenKey(B), 'next')).toBe(0);
    expect(await admin.exists(hubAccepted('next'))).toBe(0);
    expect(await admin.get(hubRoute(toB))).not.toBe('{}');
    expect(await inboxIds(B)).toEqual([toB]);
  });

  it('has recorded each refusal in the ACL log, for the operator to see', async () => {
    const log = (await admin.call('ACL', 'LOG', '256')) as (string | number)[][];
    const entries = log.map((fields) => {
      const entry = new Map<string | number, string | number>();
      for (let i = 0; i < fields.length; i += 2) entry.set(fields[i]!, fields[i + 1]!);
      return { reason: entry.get('reason'), username: entry.get('username') };
    });
    const usersOf = (refused: typeof entries): string[] =>
      [...new Set(refused.map((entry) => String(entry.username)))].sort();

    // Commands and keys refused to kz-border's and the hub's users; logins refused as B and default.
    expect(usersOf(entries.filter((entry) => entry.reason !== 'auth'))).toEqual(['hub', A]);
    expect(usersOf(entries.filter((entry) => entry.reason === 'auth'))).toEqual(['default', B]);
  });
});
