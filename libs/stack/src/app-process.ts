import { closeSync, fstatSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readLogTail, spawnOrphanSafe, waitFor, type SpawnedProcess } from '#process';
import { StackStartError } from './stack.errors.js';

/** How to run one compiled app (the hub or an agency node) as a child process. */
export interface AppProcessSpec {
  /** Names the process in messages, e.g. `hub`, `kz-border`. */
  name: string;
  /** The compiled entry point, e.g. `dist/apps/hub/main.bundle.js`. */
  entry: string;
  /** Its HTTP port: passed as HTTP_PORT, and where /healthz is probed. */
  port: number;
  /**
   * The app's variables (NATS_URL, REDIS_URL, REGISTRY_FILE, …). They override the inherited
   * environment, so the caller sets every server URL explicitly.
   */
  env: Readonly<Record<string, string>>;
  /** Where its stdout and stderr (JSON-lines logs) are appended. */
  logFile: string;
  /** Bound on the wait for /healthz to answer 200 (default 60 s). */
  readyTimeoutMs?: number;
  /** Restart the app whenever its compiled code changes (`node --watch`), for development. */
  watch?: boolean;
}

/** How a process ended: its exit code, or the signal that ended it. */
export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const PROBE_TIMEOUT_MS = 2_000;
// An app is ready in about a second (docs/performance.md, B5): probing at waitFor's default of every
// 250 ms would add up to a quarter of that to each start.
const PROBE_MAX_INTERVAL_MS = 50;
const LOOPBACK = '127.0.0.1';

/** Whether `url` answers 200 (a probe error or another status counts as no). */
export async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * One app running as a child process of this one (killed by the kernel if this one dies, on Linux),
 * in its own process group so a terminal's Ctrl-C reaches only its owner. Ready once its /healthz
 * answers 200, which the hub and nodes do only when NATS, JetStream and Redis are up.
 */
export class AppProcess {
  private run: SpawnedProcess | undefined;
  private halting = false;
  private readonly exitListeners: ((exit: AppExit) => void)[] = [];

  private constructor(readonly spec: AppProcessSpec) {}

  /**
   * Starts the app and waits until it is healthy.
   * @throws StackStartError when it exits or stays unhealthy within the bound, with the tail of its log.
   */
  static async start(spec: AppProcessSpec): Promise<AppProcess> {
    const app = new AppProcess(spec);
    await app.launch();
    return app;
  }

  /** Base URL of its HTTP server, e.g. `http://127.0.0.1:3001`. */
  get url(): string {
    return `http://${LOOPBACK}:${this.spec.port}`;
  }

  /** Process id while it runs. */
  get pid(): number | undefined {
    return this.run?.child.pid;
  }

  /** Calls `listener` whenever the process exits without `stop()` or `kill()` having been asked for. */
  onUnexpectedExit(listener: (exit: AppExit) => void): void {
    this.exitListeners.push(listener);
  }

  /** Graceful stop: SIGTERM, then SIGKILL if it has not exited within a bound. Idempotent. */
  async stop(): Promise<void> {
    await this.halt('SIGTERM');
  }

  /** Crash for fault injection: SIGKILL, no graceful shutdown. `restart()` brings it back. */
  async kill(): Promise<void> {
    await this.halt('SIGKILL');
  }

  /** Stops it if running, then starts it again with the same spec and waits until it is healthy. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  private async launch(): Promise<void> {
    const { spec } = this;
    await mkdir(dirname(spec.logFile), { recursive: true });
    const logFd = openSync(spec.logFile, 'a');
    const logStart = fstatSync(logFd).size;
    let run: SpawnedProcess;
    try {
      run = spawnOrphanSafe(process.execPath, spec.watch === true ? ['--watch', spec.entry] : [spec.entry], {
        logFd,
        env: { ...process.env, ...spec.env, HTTP_PORT: String(spec.port) },
        detached: true,
      });
    } finally {
      closeSync(logFd);
    }
    this.run = run;
    this.halting = false;
    run.child.once('exit', (code, signal) => {
      if (this.run === run && !this.halting) {
        this.run = undefined;
        for (const listener of this.exitListeners) listener({ code, signal });
      }
    });

    let exited = false;
    void run.exited.then(() => (exited = true));
    const what = `${spec.name} to answer ${this.url}/healthz`;
    const timeoutMs = spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    let state: 'ready' | 'exited';
    try {
      state = await waitFor(
        async () => (exited ? 'exited' : (await answersOk(`${this.url}/healthz`)) ? 'ready' : undefined),
        { timeoutMs, what, maxIntervalMs: PROBE_MAX_INTERVAL_MS },
      );
    } catch (error) {
      await this.kill();
      throw await this.startError(`timed out after ${timeoutMs} ms waiting for ${what}`, logStart, error);
    }
    if (state === 'exited') {
      this.run = undefined;
      const { exitCode, signalCode } = run.child;
      const how = signalCode === null ? `code ${exitCode}` : `signal ${signalCode}`;
      throw await this.startError(`${spec.name} exited while starting (${how})`, logStart, run.spawnError);
    }
  }

  private async halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const run = this.run;
    if (run === undefined) return;
    this.halting = true;
    await run.halt(signal, STOP_GRACE_MS);
    this.run = undefined;
  }

  private async startError(message: string, logStart: number, cause: unknown): Promise<StackStartError> {
    const tail = await readLogTail(this.spec.logFile, logStart);
    return new StackStartError(
      `${message}\n--- ${this.spec.logFile} (tail) ---\n${tail === '' ? '(empty)' : tail}`,
      { cause },
    );
  }
}
