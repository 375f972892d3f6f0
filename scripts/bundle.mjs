// Second step of `npm run build`: bundles each server app's compiled entry (dist/apps/<app>/src/main.js)
// with the packages it imports into dist/apps/<app>/main.bundle.js, so that it starts from one file
// instead of some two thousand modules (docs/decisions.md §30). It reads tsc's output, so the decorator
// metadata Nest's dependency injection needs is already there. Usage: node scripts/bundle.mjs
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './setup.mjs';

const APPS = ['hub', 'node'];

// Loaded from node_modules as before: a native addon, and a package that serves files next to itself.
const EXTERNAL = ['better-sqlite3', 'swagger-ui-dist'];

// A bare import that does not resolve is an optional package Nest loads only when asked for (kafkajs,
// @grpc/grpc-js, …): it stays an import, which fails at run time as it did unbundled.
const optionalPackages = {
  name: 'optional-packages',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./#]/ }, async (args) => {
      if (args.pluginData === optionalPackages) return undefined;
      const found = await bundler.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: optionalPackages,
      });
      return found.errors.length > 0 ? { path: args.path, external: true } : found;
    });
  },
};

// Modules that load an optional package through createRequire(import.meta.url), which esbuild does not
// follow (evanw/esbuild#1828): the package would be loaded again from node_modules beside the bundle,
// with its own copy of everything it imports (terminus's @HealthCheck and @nestjs/swagger: 0.8 s of
// CPU at start-up). Each such require becomes an import of the bundled package; a dependency update that
// changes the line fails the build rather than quietly loading the copy.
const CREATE_REQUIRE_PEERS = [
  { module: '@nestjs/terminus/dist/health-check/health-check.decorator.js', peer: '@nestjs/swagger' },
];

const createRequirePeers = {
  name: 'create-require-peers',
  setup(bundler) {
    for (const { module, peer } of CREATE_REQUIRE_PEERS) {
      const filter = new RegExp(`/node_modules/${module.replaceAll(/[.\/]/g, '\\$&')}$`);
      bundler.onLoad({ filter }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const call = `require('${peer}')`;
        if (!source.includes(call))
          throw new Error(`${module} no longer calls ${call}: review ${import.meta.url}`);
        return {
          contents: `import * as bundledPeer from '${peer}';\n${source.replace(call, 'bundledPeer')}`,
          loader: 'js',
        };
      });
    }
  },
};

await Promise.all(
  APPS.map((app) =>
    build({
      entryPoints: [join(root, 'dist', 'apps', app, 'src', 'main.js')],
      outfile: join(root, 'dist', 'apps', app, 'main.bundle.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Stack traces lead back to the TypeScript sources through tsc's maps (node --enable-source-maps).
      sourcemap: true,
      // One scope for all modules renames clashing names (Logger, Logger2): classes and functions keep
      // their own `name`, which Nest's log contexts and error messages print.
      keepNames: true,
      external: EXTERNAL,
      plugins: [optionalPackages, createRequirePeers],
      // CommonJS packages inside an ES module still call require() for Node's built-ins. The import is
      // renamed: a bundled module imports createRequire too, and the two would share one scope.
      banner: {
        js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);",
      },
      logLevel: 'warning',
    }),
  ),
);
