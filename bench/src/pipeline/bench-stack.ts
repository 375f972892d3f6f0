import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '#registry';
import { NodeSigner } from '#trust';
import {
  AppProcess,
  enrolStackKeys,
  hubId,
  hubProcessSpec,
  nodeProcessSpec,
  pickPorts,
  stackPaths,
  type AppProcessSpec,
  type StackAppsConfig,
} from '#stack';
import { serverPid } from '../measure/cpu-time.js';
import { startPrivateServers, type PrivateServers } from '../measure/private-servers.js';
import { writeBenchRegistry, type CastExtension } from './bench-registry.js';

/** Where the suite runs from, and how the apps it starts are run. */
export interface BenchStackOptions {
  /** The repository root (docs/examples, deploy/registry, dist/). */
  root: string;
  /** LOG_LEVEL of the hub and nodes. */
  logLevel: string;
  /** When set, the hub and the first node started write a V8 CPU profile here when they stop. */
  profileDir?: string;
  /** Regions and nodes the scenario adds to the benchmark's registry (none by default). */
  cast?: CastExtension;
}

/** A running app of the stack and how long it took from spawn to /healthz 200. */
export interface StartedApp {
  app: AppProcess;
  readyMs: number;
}

/**
 * The real hub and agency nodes, from `dist/`, on private servers, through the same process code as
 * `borderlink up` (its keys, registry enrolment, process specs and health wait), on the benchmark's
 * registry. Each app's start-up time is its own spawn-to-ready time, so a caller that wants it
 * uninflated starts that app alone.
 */
export class BenchStack {
  private readonly apps: AppProcess[] = [];
  private launched = 0;

  private constructor(
    readonly servers: PrivateServers,
    /** The enrolled registry the apps load. */
    readonly registry: Registry,
    private readonly config: StackAppsConfig,
    private readonly dataDir: string,
    private readonly hubName: string,
    private readonly options: BenchStackOptions,
  ) {}

  static async create(options: BenchStackOptions): Promise<BenchStack> {
    const dataDir = await mkdtemp(join(tmpdir(), 'bl-bench-'));
    const servers = await startPrivateServers();
    try {
      const paths = stackPaths(dataDir);
      const registry = await writeBenchRegistry(
        join(options.root, 'deploy', 'registry', 'registry.yaml'),
        dataDir,
        options.cast,
      );
      const keys = await enrolStackKeys(paths, registry);
      const config: StackAppsConfig = {
        distDir: join(options.root, 'dist'),
        paths,
        natsUrl: servers.nats.url,
        natsCaFile: servers.natsClient.caFile,
        redisUrl: servers.redis.url,
        env: { LOG_LEVEL: options.logLevel },
        // A profile is read by source folder, which only the unbundled modules' file names show.
        modules: options.profileDir !== undefined,
      };
      return new BenchStack(servers, keys.registry, config, dataDir, hubId(keys.registry), options);
    } catch (error) {
      await servers.stop();
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The signing key of a registry node, from the stack's keys folder. */
  async signer(node: string): Promise<NodeSigner> {
    return NodeSigner.fromSeed((await readFile(join(this.config.paths.keys, `${node}.nk`), 'utf8')).trim());
  }

  /** The pids of the stack's nats-server and redis-server, for CPU accounting (empty where not found). */
  async serverPids(): Promise<{ nats: number[]; redis: number[] }> {
    const [nats, redis] = await Promise.all([
      serverPid('nats-server', this.servers.nats.url),
      serverPid('redis-server', this.servers.redis.url),
    ]);
    return { nats: nats === undefined ? [] : [nats], redis: redis === undefined ? [] : [redis] };
  }

  /** Starts the hub (registry node of kind `hub`) and waits until it is healthy. */
  async startHub(): Promise<StartedApp> {
    const [port] = await pickPorts(1);
    return this.start(hubProcessSpec(this.config, { id: this.hubName, port: port! }));
  }

  /** Starts the nodes in parallel; each figure is that node's own spawn-to-ready time. */
  async startNodes(ids: readonly string[]): Promise<StartedApp[]> {
    const ports = await pickPorts(ids.length);
    return Promise.all(
      ids.map((id, index) => this.start(nodeProcessSpec(this.config, { id, port: ports[index]! }))),
    );
  }

  /** Stops the apps (nodes first, so profiles and logs are complete), then the servers; removes the data. */
  async stop(): Promise<void> {
    const [hub, ...nodes] = this.apps;
    await Promise.all(nodes.map((app) => app.stop()));
    await hub?.stop();
    await this.servers.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async start(spec: AppProcessSpec): Promise<StartedApp> {
    // The hub (started first) and the first node: one profile of each role is enough to read.
    const profileDir = this.options.profileDir;
    const profiled =
      profileDir !== undefined && this.launched++ < 2
        ? {
            ...spec,
            entry: join(this.config.distDir, 'bench', 'src', 'profile', 'profiled-entry.js'),
            env: {
              ...spec.env,
              BENCH_PROFILE_ENTRY: spec.entry,
              BENCH_PROFILE_FILE: join(profileDir, `${spec.name}.cpuprofile`),
            },
          }
        : spec;
    const started = performance.now();
    const app = await AppProcess.start(profiled);
    const readyMs = performance.now() - started;
    this.apps.push(app);
    return { app, readyMs };
  }
}
