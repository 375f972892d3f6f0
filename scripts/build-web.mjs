// Third step of `npm run build`: builds the web apps (the agency desk a node serves, the operations
// console's screens) with Vite into dist/web/<app>, where the node and the console serve them from.
// With --check it type-checks them instead (part of `npm run check`): each has its own tsconfig.json,
// for the browser's libraries rather than Node's. Usage: node scripts/build-web.mjs [--check]
import { join } from 'node:path';
import { build } from 'vite';
import { root, run } from './setup.mjs';

/** Each web app's folder; its vite.config.ts names the output folder under dist/web. */
export const WEB_APPS = ['apps/desk', 'apps/console-web'];

// React libraries mark their modules "use client" for server components, which these apps do not use:
// the bundler's warning that the directive is dropped says nothing about them.
function reportWarning(warning, report) {
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
  report(warning);
}

const check = process.argv.includes('--check');
for (const app of WEB_APPS) {
  if (check) {
    const status = await run(process.execPath, [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, app, 'tsconfig.json'),
      '--noEmit',
    ]);
    if (status !== 0) process.exit(status);
  } else {
    await build({
      configFile: join(root, app, 'vite.config.ts'),
      logLevel: 'warn',
      build: { rolldownOptions: { onwarn: reportWarning } },
    });
  }
}
