import { spawn, type ChildProcess } from 'node:child_process';
import { findOptionalBinary } from './binaries.js';
import { settleWithin } from './deadline.js';

/** How {@link spawnOrphanSafe} runs a process. */
export interface SpawnOptions {
  /** File descriptor that receives the process's stdout and stderr. */
  logFd: number;
  /** The process's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /**
   * Run in a process group of its own, so a terminal's Ctrl-C reaches only the owner, which then
   * stops its children in order.
   */
  detached?: boolean;
}

/** A running (or failed) child process and its exit. */
export class SpawnedProcess {
  /** Resolves when the process has exited, or when it could not be started at all. */
  readonly exited: Promise<void>;
  private failure: Error | undefined;

  constructor(readonly child: ChildProcess) {
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      // Only a failed spawn ends without an 'exit' event.
      child.once('error', (error) => {
        if (child.pid !== undefined) return;
        this.failure = error;
        resolve();
      });
    });
  }

  /** Why the executable could not be started, if so. */
  get spawnError(): Error | undefined {
    return this.failure;
  }

  /**
   * Sends `signal` and resolves once the process has exited. A process still running `graceMs` after
   * a SIGTERM is killed, so stopping stays bounded.
   */
  async halt(signal: 'SIGTERM' | 'SIGKILL', graceMs: number): Promise<void> {
    this.child.kill(signal);
    if (signal === 'SIGTERM' && !(await settleWithin(this.exited, graceMs)).done) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }
}

// On Linux the process is started through `setpriv --pdeathsig KILL`, so the kernel kills it when
// its parent dies for any reason, even SIGKILL; no orphan keeps a port or a folder busy.
const SETPRIV = process.platform === 'linux' ? findOptionalBinary('setpriv') : undefined;

/** Spawns `command` with its output in `logFd`, killed by the kernel when this process dies (Linux). */
export function spawnOrphanSafe(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): SpawnedProcess {
  const [file, fileArgs] =
    SETPRIV === undefined ? [command, [...args]] : [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args]];
  const child = spawn(file, fileArgs, {
    stdio: ['ignore', options.logFd, options.logFd],
    env: options.env ?? process.env,
    detached: options.detached ?? false,
  });
  return new SpawnedProcess(child);
}
