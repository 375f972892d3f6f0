import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';

const PING_TIMEOUT_MS = 1_000;

let answer: Promise<boolean> | undefined;

/**
 * Whether a Docker engine answers, decided once per process. Cheap when there is none: without
 * DOCKER_HOST or a socket file it answers `false` without touching the network; otherwise one ping
 * bounded by a second, so machines without Docker fall through to spawned binaries at once.
 */
export function dockerEngineAnswers(): Promise<boolean> {
  answer ??= probeEngine();
  return answer;
}

function probeEngine(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  if (host !== undefined && host !== '') {
    if (host.startsWith('unix://')) return ping({ socketPath: host.slice('unix://'.length) });
    if (host.startsWith('tcp://')) {
      const { hostname, port } = new URL(host.replace(/^tcp:/, 'http:'));
      return ping({ host: hostname, port: Number(port || 2375) });
    }
    return Promise.resolve(false);
  }
  const socket = defaultSockets().find((path) => existsSync(path));
  return socket === undefined ? Promise.resolve(false) : ping({ socketPath: socket });
}

// Where Docker Engine, rootless Docker and Docker Desktop put their API socket.
function defaultSockets(): string[] {
  const sockets = ['/var/run/docker.sock', join(homedir(), '.docker', 'run', 'docker.sock')];
  const runtimeDir = process.env.XDG_RUNTIME_DIR;
  if (runtimeDir !== undefined && runtimeDir !== '') sockets.push(join(runtimeDir, 'docker.sock'));
  return sockets;
}

// The engine's GET /_ping answers 200 "OK". An engine that only speaks TLS is not detected (the
// harness has no client certificates) and the harness falls back to spawned binaries.
function ping(target: { socketPath: string } | { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', timeout: PING_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
