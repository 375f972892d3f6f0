// Second step of `npm run build`: bundles each server app's compiled entry (dist/apps/<app>/src/main.js)
// with the packages it imports into dist/apps/<app>/main.bundle.js, so that it starts from one file
// instead of some two thousand modules (docs/decisions.md §30). It reads tsc's output, so the decorator
// metadata Nest's dependency injection needs is already there. Usage: node scripts/bundle.mjs
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './setup.mjs';

const APPS = ['hub', 'node', 'console'];

// Loaded from node_modules as before: a native addon, a package that serves files next to itself, and
// xmllint-wasm (the CAP schema check), which starts a worker from its own file beside its WebAssembly.
const EXTERNAL = ['better-sqlite3', 'swagger-ui-dist', 'xmllint-wasm'];

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
  // The node's desk: ServeStaticModule takes express.static from Express itself.
  { module: '@nestjs/serve-static/dist/loaders/express.loader.js', peer: 'express' },
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

// V8 keeps an app's source text in its heap for as long as the app runs, as one byte per character
// when every character is ASCII and two otherwise: one non-ASCII character doubles the cost (an idle
// node held its 6.8 MB bundle as 12.9 MB). esbuild escapes non-ASCII text everywhere but in regular
// expression literals, so the modules of the folders below, which have such literals (validator's
// alphabets, licence plates, identity cards, tax and VAT numbers; the JetStream client's `µs`), are
// escaped as they are loaded:
// in a regular expression, as in a string, a \uXXXX escape of a UTF-16 code unit means exactly what
// the character did. The build fails if a bundle is still not ASCII: a new dependency, or a new
// version of one, with such a literal, whose folder then belongs here.
const NON_ASCII_REGEX_FOLDERS = ['validator/lib', '@nats-io/jetstream/lib'];
const NON_ASCII = /[^\x00-\x7f]/;

const escapeNonAscii = (text) =>
  text.replaceAll(
    new RegExp(NON_ASCII, 'g'),
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const asciiRegexModules = {
  name: 'ascii-regex-modules',
  setup(bundler) {
    for (const folder of NON_ASCII_REGEX_FOLDERS) {
      const filter = new RegExp(`/node_modules/${folder.replaceAll(/[.\/]/g, '\\$&')}/[^/]+\\.js$`);
      bundler.onLoad({ filter }, async (args) => ({
        contents: escapeNonAscii(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    }
  },
};

async function requireAscii(file) {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const line = lines.findIndex((text) => NON_ASCII.test(text));
  if (line === -1) return;
  const at = lines[line].search(NON_ASCII);
  const near = JSON.stringify(lines[line].slice(Math.max(0, at - 60), at + 20));
  throw new Error(`${file}:${line + 1}: non-ASCII text near ${near}`);
}

const outfileOf = (app) => join(root, 'dist', 'apps', app, 'main.bundle.js');

await Promise.all(
  APPS.map((app) =>
    build({
      entryPoints: [join(root, 'dist', 'apps', app, 'src', 'main.js')],
      outfile: outfileOf(app),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Stack traces lead back to the TypeScript sources through tsc's maps (node --enable-source-maps).
      sourcemap: true,
      // One scope for all modules renames clashing names (Logger, Logger2): classes and functions keep
      // their own `name`, which Nest's log contexts and error messages print.
      keepNames: true,
      // Without comments and indentation the source V8 keeps is a quarter smaller; licence comments go
      // to main.bundle.js.LEGAL.txt beside it, which ships with the bundle.
      minifyWhitespace: true,
      legalComments: 'external',
      external: EXTERNAL,
      plugins: [optionalPackages, createRequirePeers, asciiRegexModules],
      // CommonJS packages inside an ES module still call require() for Node's built-ins. The import is
      // renamed: a bundled module imports createRequire too, and the two would share one scope.
      banner: {
        js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);",
      },
      logLevel: 'warning',
    }).then(() => requireAscii(outfileOf(app))),
  ),
);
