// `npm run bench`: works on a fresh clone. Installs what is missing (the project's dependencies, the
// server binaries, and bench/community's own install of the community transport B1 compares against),
// builds, then runs the suite with this script's arguments (`npm run bench -- B2 --full`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureBinaries, ensureDependencies, root, run, SERVER_PACKAGES, step } from './setup.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

await ensureDependencies();
await ensureBinaries(SERVER_PACKAGES);
if (!existsSync(join(root, 'bench', 'community', 'node_modules'))) {
  await step('installing the community transport (bench/community)', npm, [
    'ci',
    '--prefix',
    join(root, 'bench', 'community'),
    '--no-audit',
    '--no-fund',
  ]);
}
await build();
process.exitCode = await run(process.execPath, [join(root, 'bench', 'run.mjs'), ...process.argv.slice(2)], {
  forwardSignals: true,
});
