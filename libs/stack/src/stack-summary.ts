/** A demo person's sign-in at the demo identity provider. */
export interface StackLogin {
  user: string;
  password: string;
  roles: string[];
  clearance: string;
}

/** A demo operator's sign-in to the operations console. */
export interface StackOperatorLogin {
  user: string;
  password: string;
  roles: string[];
}

/** The operations console: its screens and API, and the operators who may sign in. */
export interface StackConsole {
  url: string;
  logins: StackOperatorLogin[];
}

/** One agency node of the stack, and the credentials the demo gives for it. */
export interface StackNode {
  id: string;
  url: string;
  /** The agency desk it serves, `<url>/desk/`. */
  desk: string;
  /** The audience of its access tokens (`resource` when asking the identity provider). */
  audience: string;
  /** Its demo API key (every role, cleared for TLP:RED). */
  apiKey: string;
  /** Its demo people, one per role, the reader without clearance for TLP:RED or AMBER+STRICT. */
  logins: StackLogin[];
}

/** The demo OpenID Connect provider: where to ask for tokens, as whom and how. */
export interface StackIdentityProvider {
  issuer: string;
  tokenEndpoint: string;
  clientId: string;
  /** The demo grant that trades a user name and password for a token (a demo convenience). */
  grantType: string;
}

/** What a running stack consists of: its servers, the apps' base URLs, the demo credentials. */
export interface StackSummary {
  nats: string;
  /** The CA file NATS clients trust (NATS_CA_FILE, `--ca`); absent when the system's CAs do. */
  natsCa?: string;
  redis: string;
  identityProvider: StackIdentityProvider;
  hub: { id: string; url: string };
  console: StackConsole;
  nodes: StackNode[];
}

const NONE = '-';

/**
 * `.data/stack.json`, for scripts: `{"nats", "natsCa", "redis", "identityProvider": {"issuer",
 * "tokenEndpoint", "clientId", "grantType"}, "hub": {"url"}, "console": {"url", "logins": [{"user",
 * "password", "roles"}]}, "nodes": [{"id", "url", "desk", "audience", "apiKey", "logins": [{"user",
 * "password", "roles", "clearance"}]}]}`. It holds demo secrets: the stack writes it for its owner only.
 */
export function stackFileContent(summary: StackSummary): string {
  const content = {
    nats: summary.nats,
    ...(summary.natsCa === undefined ? {} : { natsCa: summary.natsCa }),
    redis: summary.redis,
    identityProvider: summary.identityProvider,
    hub: { url: summary.hub.url },
    console: summary.console,
    nodes: summary.nodes,
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/**
 * The demo credentials, printed under the table: the identity provider, the console with its
 * operators, and per node its desk, API key and people; then how to get a token with curl.
 */
export function renderStackAccess(summary: StackSummary): string {
  const { identityProvider: idp } = summary;
  const lines = [
    `identity provider  ${idp.issuer} (demo OpenID Connect; people below, API keys per node)`,
    '',
    `console  ${summary.console.url}/ (operators)`,
    ...summary.console.logins.map(
      (login) => `  ${login.user.padEnd(12)}  ${login.password}  ${login.roles.join(',')}`,
    ),
    '',
  ];
  for (const node of summary.nodes) {
    lines.push(`${node.id}  desk ${node.desk}  api key ${node.apiKey}`);
    for (const login of node.logins) {
      lines.push(
        `  ${login.user.padEnd(node.id.length + 12)}  ${login.password}  ${login.roles.join(',')} (${login.clearance})`,
      );
    }
  }
  const first = summary.nodes[0];
  if (first !== undefined) {
    const reader = first.logins[0]?.user ?? `${first.id}-reader`;
    lines.push(
      '',
      'a token, as one of them (a demo-only grant; the authorization code flow with PKCE works too):',
      `  curl -s ${idp.tokenEndpoint} -d grant_type=${idp.grantType} -d client_id=${idp.clientId} \\`,
      `    -d resource=${first.audience} -d username=${reader} -d password=… | jq -r .access_token`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The table printed once the stack is up: one row per app with its API, screens (a node's desk, the
 * console), OpenAPI docs, health and metrics URLs (the hub serves no API, screens or docs), then the
 * servers.
 */
export function renderStackTable(summary: StackSummary): string {
  const header = ['node', 'api', 'screens', 'docs', 'health', 'metrics'];
  const { hub, console: operations } = summary;
  const rows = [
    [hub.id, NONE, NONE, NONE, `${hub.url}/healthz`, `${hub.url}/metrics`],
    [
      'console',
      `${operations.url}/v1`,
      `${operations.url}/`,
      NONE,
      `${operations.url}/healthz`,
      `${operations.url}/metrics`,
    ],
    ...summary.nodes.map(({ id, url, desk }) => [
      id,
      url,
      desk,
      `${url}/docs`,
      `${url}/healthz`,
      `${url}/metrics`,
    ]),
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const nats = summary.natsCa === undefined ? summary.nats : `${summary.nats} (CA ${summary.natsCa})`;
  return [line(header), ...rows.map(line), '', `nats   ${nats}`, `redis  ${summary.redis}`, ''].join('\n');
}
