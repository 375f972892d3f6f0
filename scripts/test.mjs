// `npm test` and `npm run test:<tier>`: works on a fresh clone. Installs what is missing (npm
// dependencies; nats-server and redis-server through apt-get), checks the dependencies' licences,
// builds (the e2e and chaos tiers and the CLI tests run the compiled apps), then runs jest on the
// tiers named (all five when none is): `node scripts/test.mjs [unit|integration|security|e2e|chaos ...] [-- jest args]`.
import { join } from 'node:path';
import {
  build,
  ensureBinaries,
  ensureDependencies,
  root,
  run,
  SERVER_PACKAGES,
  step,
  TEST_TOOL_PACKAGES,
  TLS_PACKAGES,
} from './setup.mjs';

const TIERS = ['unit', 'integration', 'security', 'e2e', 'chaos'];

const separator = process.argv.indexOf('--');
const args = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const jestArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
const unknown = args.filter((tier) => !TIERS.includes(tier));
if (unknown.length > 0) {
  process.stderr.write(`unknown test tier ${unknown.join(', ')}; the tiers are ${TIERS.join(', ')}\n`);
  process.exit(2);
}
const tiers = args.length === 0 ? TIERS : args;

await ensureDependencies();
// Unit tests start no server (but make certificates); every other tier does.
await ensureBinaries({
  ...(tiers.some((tier) => tier !== 'unit') ? SERVER_PACKAGES : TLS_PACKAGES),
  ...TEST_TOOL_PACKAGES,
});
await step('checking dependency licences (npm run licences)', process.execPath, [
  join(root, 'scripts', 'check-licences.mjs'),
]);
await build();
process.exitCode = await run(
  process.execPath,
  [
    '--experimental-vm-modules',
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    // Paths and other arguments go first: --selectProjects takes every value that follows it.
    ...jestArgs,
    '--selectProjects',
    ...tiers,
  ],
  { forwardSignals: true },
);
