import { closeSync, fstatSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, LOOPBACK } from './free-port.js';
import { ServerControlError, ServerStartError } from './process.errors.js';
import { readLogTail } from './log-tail.js';
import { spawnOrphanSafe, type SpawnedProcess } from './orphan-safe-spawn.js';
import type { LocalServerOptions, ServerHandle } from './server-handle.js';
import { waitFor } from './wait-for.js';

/** How to run one kind of server binary, and optionally where (see {@link LocalServerOptions}). */
export interface ServerProcessSpec extends LocalServerOptions {
  /** Names the server in errors and in its temporary folder, e.g. `nats-server`. */
  name: string;
  /** Absolute path of the executable. */
  binary: string;
  /** Command-line arguments for a port and the server's temporary folder; may write files there. */
  args(port: number, dir: string): Promise<string[]> | string[];
  /** One readiness check: does the server accept clients on the port? */
  answers(port: number): Promise<boolean>;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 10_000;
const BIND_ATTEMPTS = 3;

/** Servers of this process still running, reaped when the process exits. */
const live = new Set<ServerProcess>();
let exitHookInstalled = false;

/**
 * A server binary spawned on a loopback port with a folder for its data and `server.log`: a
 * temporary one removed on stop, or the spec's `dir`, which is kept. `restart()` reuses the same
 * port, arguments and folder, so persisted data survives it.
 */
export class ServerProcess {
  private run: SpawnedProcess | undefined;
  private stopped = false;

  private constructor(
    private readonly spec: ServerProcessSpec,
    readonly port: number,
    readonly dir: string,
    private readonly args: readonly string[],
  ) {}

  /**
   * Spawns the server on the spec's port if free, else on any free port, and waits until it answers.
   * A lost race for the port (another process bound it first) is retried on a new port.
   * @throws ServerStartError when it exits or does not answer in time, with the tail of its log.
   */
  static async start(spec: ServerProcessSpec): Promise<ServerProcess> {
    const dir = spec.dir ?? (await mkdtemp(join(tmpdir(), `bl-${spec.name}-`)));
    if (spec.dir !== undefined) await mkdir(dir, { recursive: true });
    try {
      for (let attempt = 1; ; attempt++) {
        const port = await freePort(attempt === 1 ? spec.port : undefined);
        const server = new ServerProcess(spec, port, dir, await spec.args(port, dir));
        try {
          await server.launch();
          return server;
        } catch (error) {
          if (!(error instanceof ServerStartError && error.portInUse && attempt < BIND_ATTEMPTS)) throw error;
        }
      }
    } catch (error) {
      if (spec.dir === undefined) await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Its handle, with a `<scheme>://127.0.0.1:<port>` URL. */
  handle(scheme: string): ServerHandle {
    return {
      url: `${scheme}://${LOOPBACK}:${this.port}`,
      kind: 'process',
      stop: () => this.stop(),
      restart: () => this.restart(),
      kill: () => this.kill(),
    };
  }

  /** Crash: SIGKILL without a graceful shutdown. The folder stays, so `restart()` brings it back. */
  async kill(): Promise<void> {
    this.assertNotStopped('kill');
    await this.halt('SIGKILL');
  }

  /** Stops gracefully if running (SIGTERM), then starts the same server again on the same port. */
  async restart(): Promise<void> {
    this.assertNotStopped('restart');
    await this.halt('SIGTERM');
    await this.launch();
  }

  /** Stops for good (SIGTERM, SIGKILL after a bound) and removes a temporary folder. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.halt('SIGTERM');
    live.delete(this);
    if (this.spec.dir === undefined) await rm(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const logFile = join(this.dir, 'server.log');
    const logFd = openSync(logFile, 'a');
    const logStart = fstatSync(logFd).size;
    let run: SpawnedProcess;
    try {
      run = spawnOrphanSafe(this.spec.binary, this.args, { logFd, detached: this.spec.detached });
    } finally {
      closeSync(logFd);
    }
    // A forgotten server must not keep its owner alive; the exit hook and pdeathsig end it.
    run.child.unref();
    this.run = run;

    const what = `${this.spec.name} to answer on ${LOOPBACK}:${this.port}`;
    let exited = false;
    void run.exited.then(() => (exited = true));
    let state: 'ready' | 'exited';
    try {
      state = await waitFor(
        async () => (exited ? 'exited' : (await this.spec.answers(this.port)) ? 'ready' : undefined),
        { timeoutMs: READY_TIMEOUT_MS, what },
      );
    } catch (error) {
      await this.halt('SIGKILL');
      throw new ServerStartError(`Timed out waiting for ${what}`, await readLogTail(logFile, logStart), {
        cause: error,
      });
    }
    if (state === 'exited') {
      this.run = undefined;
      const { exitCode, signalCode } = run.child;
      throw new ServerStartError(
        `${this.spec.name} exited while starting (code ${exitCode}, signal ${signalCode})`,
        await readLogTail(logFile, logStart),
        { cause: run.spawnError },
      );
    }
    live.add(this);
    installExitHook();
  }

  private async halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await this.run?.halt(signal, STOP_GRACE_MS);
    this.run = undefined;
  }

  private assertNotStopped(action: string): void {
    if (this.stopped) throw new ServerControlError(`cannot ${action} ${this.spec.name}: it was stopped`);
  }

  /** Synchronous last-resort cleanup for process exit. */
  reap(): void {
    this.run?.child.kill('SIGKILL');
    if (this.spec.dir === undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}

// Jest sandboxes `process`, so under jest this hook never fires and the parent-death signal above
// does the job; elsewhere (scripts, benchmarks) it also removes the temporary folders.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of live) server.reap();
  });
}
