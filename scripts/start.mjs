// `npm start`: works on a fresh clone. Installs what is missing, builds, then runs `borderlink up` with
// this script's arguments (`npm start -- --demo`) until it exits, passing SIGINT and SIGTERM on to it.
// Plain Node, no dependencies: it runs before any are installed.
import { join } from 'node:path';
import { build, ensureBinaries, ensureDependencies, root, run, SERVER_PACKAGES } from './setup.mjs';

await ensureDependencies();
await ensureBinaries(SERVER_PACKAGES);
await build();
process.exitCode = await run(
  process.execPath,
  [join(root, 'bin', 'borderlink.js'), 'up', ...process.argv.slice(2)],
  {
    forwardSignals: true,
  },
);
