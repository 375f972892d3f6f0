import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOptionalBinary } from './binaries.js';
import { settleWithin } from './deadline.js';
import { freePort, LOOPBACK } from './free-port.js';
import { ServerControlError, ServerStartError } from './harness.errors.js';
import type { ServerHandle } from './server-handle.js';
import { waitFor } from './wait-for.js';

/** How to run one kind of server binary. */
export interface ServerProcessSpec {
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
const LOG_TAIL_CHARS = 4_000;

interface Run {
  child: ChildProcess;
  exited: Promise<void>;
  /** Why the binary could not be started at all, if so. */
  spawnError?: Error;
}

/** Servers of this process still running, reaped when the process exits. */
const live = new Set<ServerProcess>();
let exitHookInstalled = false;

/**
 * A server binary spawned on a loopback port with a temporary folder (data and `server.log`).
 * `restart()` reuses the same port, arguments and folder, so persisted data survives it.
 */
export class ServerProcess {
  private run: Run | undefined;
  private stopped = false;

  private constructor(
    private readonly spec: ServerProcessSpec,
    readonly port: number,
    readonly dir: string,
    private readonly args: readonly string[],
  ) {}

  /**
   * Spawns the server on a free port and waits until it answers. A lost race for the port (another
   * process bound it first) is retried on a new port.
   * @throws ServerStartError when it exits or does not answer in time, with the tail of its log.
   */
  static async start(spec: ServerProcessSpec): Promise<ServerProcess> {
    const dir = await mkdtemp(join(tmpdir(), `bl-${spec.name}-`));
    try {
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const server = new ServerProcess(spec, port, dir, await spec.args(port, dir));
        try {
          await server.launch();
          return server;
        } catch (error) {
          if (!(error instanceof ServerStartError && error.portInUse && attempt < BIND_ATTEMPTS)) throw error;
        }
      }
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The handle tests use, with a `<scheme>://127.0.0.1:<port>` URL. */
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

  /** Stops for good (SIGTERM, SIGKILL after a bound) and removes the folder. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.halt('SIGTERM');
    live.delete(this);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const logFile = join(this.dir, 'server.log');
    const logFd = openSync(logFile, 'a');
    const logStart = fstatSync(logFd).size;
    let run: Run;
    try {
      run = spawnOrphanSafe(this.spec.binary, this.args, logFd);
    } finally {
      closeSync(logFd);
    }
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
      throw new ServerStartError(`Timed out waiting for ${what}`, await readTail(logFile, logStart), {
        cause: error,
      });
    }
    if (state === 'exited') {
      this.run = undefined;
      const { exitCode, signalCode } = run.child;
      throw new ServerStartError(
        `${this.spec.name} exited while starting (code ${exitCode}, signal ${signalCode})`,
        await readTail(logFile, logStart),
        { cause: run.spawnError },
      );
    }
    live.add(this);
    installExitHook();
  }

  private async halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const run = this.run;
    if (run === undefined) return;
    run.child.kill(signal);
    // A server still shutting down after the grace period is killed, so stop() stays bounded.
    if (signal === 'SIGTERM' && !(await settleWithin(run.exited, STOP_GRACE_MS)).done) {
      run.child.kill('SIGKILL');
    }
    await run.exited;
    this.run = undefined;
  }

  private assertNotStopped(action: string): void {
    if (this.stopped) throw new ServerControlError(`cannot ${action} ${this.spec.name}: it was stopped`);
  }

  /** Synchronous last-resort cleanup for process exit. */
  reap(): void {
    this.run?.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// On Linux the server is started through `setpriv --pdeathsig KILL`, so the kernel kills it when
// the test process dies for any reason, even SIGKILL; no orphan server keeps a port or a folder busy.
const SETPRIV = process.platform === 'linux' ? findOptionalBinary('setpriv') : undefined;

function spawnOrphanSafe(binary: string, args: readonly string[], logFd: number): Run {
  const [command, commandArgs] =
    SETPRIV === undefined ? [binary, [...args]] : [SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args]];
  const child = spawn(command, commandArgs, { stdio: ['ignore', logFd, logFd] });
  const run: Run = { child, exited: Promise.resolve() };
  run.exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // Only a failed spawn ends without an 'exit' event.
    child.once('error', (error) => {
      if (child.pid !== undefined) return;
      run.spawnError = error;
      resolve();
    });
  });
  // A forgotten server must not keep the test process alive; the exit hook and pdeathsig end it.
  child.unref();
  return run;
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

async function readTail(file: string, from: number): Promise<string> {
  try {
    const text = (await readFile(file)).subarray(from).toString('utf8').trim();
    return text.length > LOG_TAIL_CHARS ? `…${text.slice(-LOG_TAIL_CHARS)}` : text;
  } catch {
    return '';
  }
}
