// What `npm start`, `npm test` and `npm run bench` do first, so that each works on a fresh clone: install
// the npm dependencies when they are missing or older than the lock file, and the server binaries the
// tests and the local stack spawn when neither the environment nor a container engine provides them.
// Plain Node, no dependencies: it runs before any are installed.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs a command in the repository root with inherited stdio; resolves with its exit code. With
 * `forwardSignals`, a SIGINT or SIGTERM sent to this process alone is passed on (a terminal's Ctrl-C
 * reaches the child anyway, and the child handles a repeated signal as one).
 */
export function run(command, args, { forwardSignals = false, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    const signals = forwardSignals ? ['SIGINT', 'SIGTERM'] : [];
    for (const signal of signals) process.on(signal, forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

/** Runs one step; a failure ends this process with the step's exit code. */
export async function step(what, command, args, options) {
  process.stderr.write(`==> ${what}\n`);
  const code = await run(command, args, options);
  if (code !== 0) {
    process.stderr.write(`${what} failed (exit code ${code})\n`);
    process.exit(code);
  }
}

// npm keeps a copy of the lock it installed from in node_modules; a newer lock (a pull, a checkout)
// means the installed tree may differ from the one the lock describes.
function dependenciesCurrent() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(installed)) return false;
  return !existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export async function ensureDependencies() {
  if (dependenciesCurrent()) return;
  const lockfile = existsSync(join(root, 'package-lock.json'));
  await step(
    lockfile ? 'installing dependencies (npm ci)' : 'installing dependencies (npm install)',
    npm,
    lockfile ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'],
  );
}

function onPath(binary) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.some((dir) => dir !== '' && existsSync(join(dir, binary)));
}

/**
 * Debian packages that provide binaries the run needs, installed with apt-get where one is missing
 * (as root, or through sudo). Elsewhere the run stops and names what to install.
 * @param packages map of binary name to the Debian package that provides it
 */
export async function ensureBinaries(packages) {
  const missing = Object.entries(packages).filter(([binary]) => !onPath(binary));
  if (missing.length === 0) return;
  const names = [...new Set(missing.map(([, pkg]) => pkg))];
  const apt = onPath('apt-get');
  const root = process.getuid?.() === 0;
  if (!apt || (!root && !onPath('sudo'))) {
    process.stderr.write(
      `missing ${missing.map(([binary]) => binary).join(', ')}: install ${names.join(', ')} and run again\n`,
    );
    process.exit(1);
  }
  const asRoot = (args) => (root ? ['apt-get', args] : ['sudo', ['apt-get', ...args]]);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await step('updating the package lists (apt-get update)', ...asRoot(['update', '-q']), { env });
  await step(`installing ${names.join(', ')} (apt-get)`, ...asRoot(['install', '-y', '-q', ...names]), {
    env,
  });
}

/** The binary that makes the private CA of the local stack's and the tests' TLS (libs/process). */
export const TLS_PACKAGES = { openssl: 'openssl' };

/**
 * The binaries every tier's servers come from, unless NATS_URL and REDIS_URL name running ones, and
 * the one that makes their certificates.
 */
export const SERVER_PACKAGES = {
  'nats-server': 'nats-server',
  'redis-server': 'redis-server',
  ...TLS_PACKAGES,
};

/**
 * The tools the tests drive besides the servers: Debian's Chromium for the browser tests (Playwright
 * cannot download its own browser here), `promtool` (package prometheus) for the shipped alert rules.
 */
export const TEST_TOOL_PACKAGES = { chromium: 'chromium', promtool: 'prometheus' };

/** `npm run build`. */
export function build() {
  return step('building (npm run build)', npm, ['run', 'build']);
}
