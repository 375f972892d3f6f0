// `npm run dev`: the local stack for development. Like `npm start` (installs what is missing, builds,
// `borderlink up` with this script's arguments), but the compiler keeps watching the sources and each
// app restarts when its compiled code changes. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureBinaries, ensureDependencies, root, run, SERVER_PACKAGES } from './setup.mjs';

await ensureDependencies();
await ensureBinaries(SERVER_PACKAGES);
await build();
const compiler = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.build.json',
    '--watch',
    '--preserveWatchOutput',
  ],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
try {
  process.exitCode = await run(
    process.execPath,
    [join(root, 'bin', 'borderlink.js'), 'up', '--watch', ...process.argv.slice(2)],
    { forwardSignals: true },
  );
} finally {
  compiler.kill('SIGTERM');
}
