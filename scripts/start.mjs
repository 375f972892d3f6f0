// `npm start`: works on a fresh clone. Installs dependencies when node_modules is missing, builds,
// then runs `borderlink up` with this script's arguments (`npm start -- --demo`) until it exits,
// passing SIGINT and SIGTERM on to it. Plain Node, no dependencies: it runs before any are installed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command in the repository root with inherited stdio; resolves with its exit code. */
function run(command, args, { forwardSignals = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    // A terminal's Ctrl-C reaches the child too; forwarding covers a SIGTERM sent to this process alone.
    // The child handles a repeated signal as one.
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

async function step(what, command, args) {
  process.stderr.write(`==> ${what}\n`);
  const code = await run(command, args);
  if (code !== 0) {
    process.stderr.write(`${what} failed (exit code ${code})\n`);
    process.exit(code);
  }
}

if (!existsSync(join(root, 'node_modules'))) {
  const lockfile = existsSync(join(root, 'package-lock.json'));
  await step(
    lockfile ? 'installing dependencies (npm ci)' : 'installing dependencies (npm install)',
    npm,
    lockfile ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'],
  );
}
await step('building (npm run build)', npm, ['run', 'build']);
process.exitCode = await run(
  process.execPath,
  [join(root, 'bin', 'borderlink.js'), 'up', ...process.argv.slice(2)],
  {
    forwardSignals: true,
  },
);
