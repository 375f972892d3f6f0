// `npm run licences`: fails when a dependency's licence does not let Borderlink be passed on under the
// EUPL-1.2 (docs/decisions.md §19). It reads lockfiles only, so it runs with plain Node before anything
// is installed. Usage: node scripts/check-licences.mjs [package-lock.json …]; without arguments it
// checks the project's lockfile and the benchmark's (bench/community).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const PROJECT_LICENCE = 'EUPL-1.2';

// What ships: permissive licences only, whose conditions (keeping notices) let the whole image be
// passed on under the EUPL-1.2. CC-BY-4.0 is here for data packages.
const SHIPPED = [
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC-BY-4.0',
  'CC0-1.0',
  'EUPL-1.2',
  'ISC',
  'MIT',
  'MIT-0',
  'Python-2.0',
  'Unlicense',
  'Zlib',
];
// Build, test and benchmark tools are never passed on, so they may also carry a licence of the EUPL's
// appendix (its Article 5 compatibility clause): even a work combining them with ours could be.
const TOOLS = [
  ...SHIPPED,
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'CC-BY-SA-3.0',
  'CECILL-2.0',
  'CECILL-2.1',
  'EPL-1.0',
  'EUPL-1.1',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'LiLiQ-R-1.1',
  'LiLiQ-Rplus-1.1',
  'MPL-2.0',
  'OSL-2.1',
  'OSL-3.0',
];
// SPDX identifiers match case-insensitively.
const allowed = {
  shipped: new Set(SHIPPED.map((id) => id.toLowerCase())),
  tool: new Set(TOOLS.map((id) => id.toLowerCase())),
};

/** Deprecated GNU identifiers (`GPL-2.0`, `LGPL-3.0+`), still common on npm, as their current ones. */
function canonical(id) {
  return id.replace(/^((?:A|L)?GPL-\d\.\d)(\+?)$/i, (_, base, plus) => base + (plus ? '-or-later' : '-only'));
}

/**
 * Whether an SPDX expression is allowed: `OR` when one side is, `AND` when both are. `WITH` adds an
 * exception, which only grants more, so the licence before it decides. Throws on what is not SPDX.
 */
function expressionAllowed(expression, ids) {
  const tokens = expression.match(/[()]|[^\s()]+/g) ?? [];
  let at = 0;
  const next = () => tokens[at++];
  const peek = (operator) => tokens[at]?.toUpperCase() === operator;
  const disjunction = () => {
    let result = conjunction();
    while (peek('OR')) {
      next();
      result = conjunction() || result;
    }
    return result;
  };
  const conjunction = () => {
    let result = term();
    while (peek('AND')) {
      next();
      result = term() && result;
    }
    return result;
  };
  const term = () => {
    const token = next();
    if (token === '(') {
      const result = disjunction();
      if (next() !== ')') throw new Error('unbalanced parenthesis');
      return result;
    }
    if (token === undefined || token === ')' || /^(AND|OR|WITH)$/i.test(token)) {
      throw new Error(`unexpected ${token ?? 'end'}`);
    }
    if (peek('WITH')) {
      next();
      if (next() === undefined) throw new Error('WITH names no exception');
    }
    return ids.has(canonical(token).toLowerCase());
  };
  const result = disjunction();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]}`);
  return result;
}

/**
 * `1.6.0` matches itself only; `^1.6.0` as npm's caret range does (up to the next change of the
 * left-most non-zero part), pre-releases left out.
 */
function inRange(version, range) {
  if (!range.startsWith('^')) return version === range;
  if (version.includes('-')) return false;
  const low = range.slice(1).split('.').map(Number);
  const have = version.split('.').map(Number);
  const compare = (a, b) => a.map((part, i) => part - b[i]).find((diff) => diff !== 0) ?? 0;
  const first = low.findIndex((part, i) => part !== 0 || i === 2);
  const high = low.map((part, i) => (i < first ? part : i === first ? part + 1 : 0));
  return compare(have, low) >= 0 && compare(have, high) < 0;
}

// Each entry says which licence a package's own files grant when its package.json declares none that
// the lockfile carries; it counts only for the versions whose files were read.
const exceptions = JSON.parse(readFileSync(join(root, 'scripts', 'licence-exceptions.json'), 'utf8'));
for (const exception of exceptions) {
  const fields = ['package', 'versions', 'licence', 'reason'];
  if (fields.some((field) => typeof exception[field] !== 'string' || exception[field] === '')) {
    console.error(`licences: each exception needs ${fields.join(', ')}: ${JSON.stringify(exception)}`);
    process.exit(1);
  }
  // Throws on a licence that is not an SPDX expression.
  expressionAllowed(exception.licence, allowed.tool);
}

const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (project.license !== PROJECT_LICENCE) {
  console.error(
    `licences: package.json says ${project.license ?? 'no licence'}, and these lists were drawn up for ${PROJECT_LICENCE}`,
  );
  process.exit(1);
}

// The benchmark installs the community transport apart from the project and never ships it.
const lockfiles =
  process.argv.length > 2
    ? process.argv.slice(2).map((path) => ({ path: resolve(path), label: path, toolsOnly: false }))
    : [
        { path: join(root, 'package-lock.json'), label: 'package-lock.json', toolsOnly: false },
        {
          path: join(root, 'bench', 'community', 'package-lock.json'),
          label: 'bench/community/package-lock.json',
          toolsOnly: true,
        },
      ];

/** The licence to judge a package by, and whether it is allowed for its role. */
function judge(name, entry, ids) {
  try {
    if (typeof entry.license !== 'string') throw new Error('none declared');
    return { licence: entry.license, ok: expressionAllowed(entry.license, ids) };
  } catch (error) {
    // Undeclared or not SPDX: only a reviewed exception says what the package's own files grant.
    const exception = exceptions.find((e) => e.package === name && inRange(entry.version, e.versions));
    if (exception) {
      return { licence: `${exception.licence} (exception)`, ok: expressionAllowed(exception.licence, ids) };
    }
    const declared = typeof entry.license === 'string' ? `${entry.license}: ` : '';
    return { licence: `${declared}${error.message}`, ok: false };
  }
}

const packages = new Map();
const problems = [];
for (const { path, label, toolsOnly } of lockfiles) {
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  if (!lock.packages) {
    console.error(`licences: ${label} has no "packages" map (lockfileVersion 2 or later needed)`);
    process.exit(1);
  }
  for (const [location, entry] of Object.entries(lock.packages)) {
    // The project itself and links to its own folders are not dependencies.
    if (!location.includes('node_modules/') || entry.link) continue;
    const name = entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // The image keeps what `npm prune --omit=dev` keeps (deploy/Dockerfile): every package not marked dev.
    const role = !toolsOnly && !entry.dev ? 'shipped' : 'tool';
    const key = `${name}@${entry.version}`;
    if (packages.get(key) !== 'shipped') packages.set(key, role);
    const { licence, ok } = judge(name, entry, allowed[role]);
    if (!ok) {
      const what = role === 'shipped' ? 'runtime (shipped)' : 'dev (build/test tool)';
      problems.push([key, licence, what, `${label}: ${location}`]);
    }
  }
}

const shipped = [...packages.values()].filter((role) => role === 'shipped').length;
if (problems.length > 0) {
  console.error(`licences: ${problems.length} without a licence compatible with ${PROJECT_LICENCE}:`);
  const widths = [0, 1, 2].map((column) => Math.max(...problems.map((row) => row[column].length)));
  for (const row of problems) {
    console.error(`  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`);
  }
  console.error(
    'A runtime dependency may carry only the permissive licences listed in scripts/check-licences.mjs;' +
      ' a package declaring none needs an entry in scripts/licence-exceptions.json after a look at its files.',
  );
  process.exit(1);
}
console.log(
  `licences: ${packages.size} packages (${shipped} shipped, ${packages.size - shipped} build, test and` +
    ` benchmark tools), all compatible with ${PROJECT_LICENCE}`,
);
