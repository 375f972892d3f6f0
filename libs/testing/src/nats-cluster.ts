import {
  freePort,
  LOOPBACK,
  natsHealthy,
  ServerStartError,
  spawnNatsServer,
  waitFor,
  type NatsServerHandle,
  type TlsFiles,
} from '#process';
import { natsClusterConfig } from './nats-cluster-config.js';
import { testTls } from './test-tls.js';

/** Options of {@link startNatsCluster}. */
export interface StartNatsClusterOptions {
  /** Servers in the cluster; default 3 (the smallest that survives losing one). */
  size?: number;
  /** Cluster name; default `borderlink`. Servers are named `<name>-1`, `<name>-2`, … */
  name?: string;
  /**
   * nats-server configuration every server runs (e.g. the users and permissions `borderlink
   * nats-config` generates), with `{{port}}` and `{{storeDir}}` replaced per server as in
   * `startNats`; if it configures JetStream, its block must set `store_dir: "{{storeDir}}"`. The
   * harness's server name, cluster block and monitoring port follow it, so they take precedence over
   * the same keys in it.
   */
  config?: string;
  /**
   * The certificate the members present to each other on their routes, and the CA they verify each
   * other with; default this test file's throwaway CA (`testTls`). The routes are TLS either way.
   */
  routeTls?: TlsFiles;
  /** The shared configuration serves clients over TLS: the members' URLs are then `tls://…`. */
  tls?: boolean;
}

/** One server of a {@link NatsClusterHandle}: `kill()` crashes it, `restart()` brings it back with its data. */
export interface NatsClusterMember extends NatsServerHandle {
  /** Its `server_name`, as stream info's `cluster.leader` and `cluster.replicas[].name` give it. */
  readonly serverName: string;
  /** Its monitoring address, `http://127.0.0.1:<port>` (/healthz, /jsz). */
  readonly monitorUrl: string;
}

/** A JetStream cluster of spawned nats-server processes on loopback. */
export interface NatsClusterHandle {
  readonly name: string;
  readonly members: readonly NatsClusterMember[];
  /** Every member's client URL, comma-separated, as the apps' `NATS_URL` takes them. */
  readonly url: string;
  /** The member named `serverName`. @throws RangeError for a name not in the cluster. */
  member(serverName: string): NatsClusterMember;
  /**
   * Resolves once every running member reports healthy: JetStream on, a meta leader elected and
   * every stream and consumer replica it holds caught up. Bounded by `timeoutMs` (default 30 s).
   * @throws WaitTimeoutError naming the members still unhealthy.
   */
  healthy(timeoutMs?: number): Promise<void>;
  /** Stops every member and removes their data; idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_SIZE = 3;
const DEFAULT_NAME = 'borderlink';
const HEALTHY_TIMEOUT_MS = 30_000;
// Route and monitoring ports are written into every member's config: when another process takes one
// between choosing and binding it, the whole cluster starts again on new ports.
const LAUNCH_ATTEMPTS = 3;

/**
 * Spawns a JetStream cluster of `size` nats-server processes on free loopback ports (client, route
 * and monitoring ports each), each with its own temporary store, routed to one another over TLS, and resolves
 * once all are healthy. Each member is a spawned-server handle: `kill()` (SIGKILL) and `restart()`
 * keep its port and store, so a restarted member rejoins and catches up from its peers.
 * @throws MissingBinaryError when nats-server is not installed; ServerStartError when one does not
 *   start (a port taken meanwhile is retried on new ports).
 */
export async function startNatsCluster(opts: StartNatsClusterOptions = {}): Promise<NatsClusterHandle> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchCluster(opts);
    } catch (error) {
      if (!(error instanceof ServerStartError && error.portInUse && attempt < LAUNCH_ATTEMPTS)) throw error;
    }
  }
}

async function launchCluster(opts: StartNatsClusterOptions): Promise<NatsClusterHandle> {
  const size = opts.size ?? DEFAULT_SIZE;
  const name = opts.name ?? DEFAULT_NAME;
  const routePorts = await distinctFreePorts(size);
  const monitorPorts = await distinctFreePorts(size, routePorts);
  const routes = routePorts.map((port) => `nats-route://${LOOPBACK}:${port}`);
  const routeTls = opts.routeTls ?? (await testTls());

  const started = await Promise.allSettled(
    routePorts.map(async (routePort, i): Promise<NatsClusterMember> => {
      const serverName = `${name}-${i + 1}`;
      const monitorPort = monitorPorts[i] as number;
      const config = natsClusterConfig({
        base: opts.config,
        serverName,
        clusterName: name,
        routePort,
        routes,
        monitorPort,
        tls: routeTls,
      });
      const server = await spawnNatsServer({ config, tls: opts.tls });
      return { ...server, serverName, monitorUrl: `http://${LOOPBACK}:${monitorPort}` };
    }),
  );
  const members = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  const cluster = clusterHandle(name, members);
  if (failure !== undefined) {
    await cluster.stop();
    throw failure.reason;
  }
  try {
    await cluster.healthy();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

function clusterHandle(name: string, servers: readonly NatsClusterMember[]): NatsClusterHandle {
  // Server names of killed members, so that `healthy()` waits only on the running ones.
  const down = new Set<string>();
  const members = servers.map((server): NatsClusterMember => ({
    ...server,
    kill: async () => {
      await server.kill();
      down.add(server.serverName);
    },
    restart: async () => {
      await server.restart();
      down.delete(server.serverName);
    },
  }));
  return {
    name,
    members,
    url: members.map((member) => member.url).join(','),
    member(serverName) {
      const found = members.find((member) => member.serverName === serverName);
      if (found === undefined) throw new RangeError(`no server ${serverName} in cluster ${name}`);
      return found;
    },
    async healthy(timeoutMs = HEALTHY_TIMEOUT_MS) {
      const running = members.filter((member) => !down.has(member.serverName));
      await waitFor(
        async () =>
          (await Promise.all(running.map((member) => natsHealthy(member.monitorUrl)))).every(Boolean),
        { timeoutMs, what: `cluster ${name} (${running.map((m) => m.serverName).join(', ')}) to be healthy` },
      );
    },
    async stop() {
      await Promise.all(members.map((member) => member.stop()));
    },
  };
}

// Ports are only reserved while probed, so ask until `count` distinct ones, not among `taken`.
async function distinctFreePorts(count: number, taken: readonly number[] = []): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = await freePort();
    if (!taken.includes(port)) ports.add(port);
  }
  return [...ports];
}
