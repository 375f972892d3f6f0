// The boundaries of the code base, checked by `npm run lint` (CONTRIBUTING.md, docs/architecture.md).
//
// The libraries, and each app's feature folders, form stacks, listed here top to bottom: a folder may
// import only folders listed after it. A folder missing from its stack may import nothing from the
// stack's root, so a new feature or library has to take its place in the stack before it is written.
const STACKS = {
  libs: [
    // Browser-only: no server library imports it, and it imports none (the web rules below).
    'web',
    'stack',
    'testing',
    'nats-config',
    'process',
    'operations',
    'access',
    'registry',
    'trust',
    'runtime',
    'messaging',
    'cap',
    'contracts',
  ],
  'apps/hub/src': [
    'heartbeat',
    'rebuild',
    'ingress',
    'routing',
    'requests',
    'delivery',
    'releases',
    'groups',
    'subscriptions',
    'routes',
    'operator-actions',
    'audit',
    'rate-limit',
    'dead-letters',
    'provisioning',
    'pipeline',
    'state',
    'core',
    'config',
  ],
  'apps/console/src': [
    'screens',
    'http',
    'network',
    'traffic',
    'nats-health',
    'dead-letters',
    'audit',
    'keys',
    'registry',
    'heartbeats',
    'access',
    'core',
    'config',
  ],
  'apps/node/src': [
    'http',
    'heartbeat',
    'desk',
    'rebuild',
    'site',
    'deliveries',
    'feeds',
    'cap',
    'service-subscriptions',
    'alerts',
    'notices',
    'replies',
    'threads',
    'traces',
    'picture',
    'requests',
    'held',
    'subscriptions',
    'submission',
    'serials',
    'receipts',
    'releases',
    'groups',
    'witness',
    'inbox',
    'indexes',
    'outbox',
    'sent',
    'access-log',
    'link',
    'access',
    'openapi',
    'store',
    'identity',
    'config',
    'common',
  ],
};

const alternatives = (names) => names.join('|');

// The code that runs in browsers: the shared web library and the web apps Vite builds.
const WEB_CODE = 'libs/web|apps/(desk|console-web)';

/** One rule per folder of a stack, that nothing it imports from the stack's root sits above it. */
function stackRules(root, folders) {
  const name = `${root.replaceAll('/', '-')}-stack`;
  const rules = folders.slice(1).map((folder, index) => ({
    name,
    comment: `${root}/${folder} sits below ${alternatives(folders.slice(0, index + 1))}: it may not import them`,
    severity: 'error',
    from: { path: `^${root}/${folder}/` },
    to: { path: `^${root}/(${alternatives(folders.slice(0, index + 1))})/` },
  }));
  rules.push({
    name: `${name}-unlisted`,
    comment: `every folder of ${root} takes a place in its stack (.dependency-cruiser.cjs)`,
    severity: 'error',
    from: {
      path: `^${root}/[^/]+/`,
      ...(folders.length === 0 ? {} : { pathNot: `^${root}/(${alternatives(folders)})/` }),
    },
    to: { path: `^${root}/` },
  });
  return rules;
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-is-browser-only',
      comment:
        'libs/web and the web apps (apps/desk, apps/console-web) run in the browser: no server app or lib imports them',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: `^(${WEB_CODE})/` },
      to: { path: `^(${WEB_CODE})/` },
    },
    {
      name: 'web-imports-no-server-code',
      comment: 'browser code imports only libs/web and its own app: server libraries do not run in a browser',
      severity: 'error',
      from: { path: `^(${WEB_CODE})/` },
      to: { path: '^(apps|libs)/', pathNot: ['^libs/web/', '^apps/$2/'] },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'production code takes servers and processes from #process; #testing is for tests',
      severity: 'error',
      from: {
        path: '^(apps|libs)/[^/]+/src/',
        pathNot: ['^libs/testing/', '\\.spec\\.ts$'],
      },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'tests-use-public-entries',
      comment:
        'test/ and bench/ import an app or lib only through its index.ts (#hub, #hub/testing, #contracts, …)',
      severity: 'error',
      from: { path: '^(test|bench)/' },
      to: {
        path: '^(apps|libs)/[^/]+/(src|test)/',
        pathNot: '^(apps|libs)/[^/]+/(src|test)/index\\.ts$',
      },
    },
    {
      name: 'no-import-loops',
      comment: 'between folders the stacks rule loops out; inside a folder, modules form no loop either',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
    ...Object.entries(STACKS).flatMap(([root, folders]) => stackRules(root, folders)),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '/gen/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // `#contracts` and the like resolve through package.json `imports` to the TypeScript source.
    enhancedResolveOptions: {
      conditionNames: ['types', 'import', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
