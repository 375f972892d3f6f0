/** What a running stack consists of: its servers and the apps' base URLs. */
export interface StackSummary {
  nats: string;
  /** The CA file NATS clients trust (NATS_CA_FILE, `--ca`); absent when the system's CAs do. */
  natsCa?: string;
  redis: string;
  hub: { id: string; url: string };
  nodes: { id: string; url: string }[];
}

const NONE = '-';

/**
 * `.data/stack.json`: `{"nats", "natsCa", "redis", "hub": {"url"}, "nodes": [{"id", "url"}]}`, for
 * scripts.
 */
export function stackFileContent(summary: StackSummary): string {
  const content = {
    nats: summary.nats,
    ...(summary.natsCa === undefined ? {} : { natsCa: summary.natsCa }),
    redis: summary.redis,
    hub: { url: summary.hub.url },
    nodes: summary.nodes.map(({ id, url }) => ({ id, url })),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/**
 * The table printed once the stack is up: one row per app with its API, OpenAPI docs, health and
 * metrics URLs (the hub serves no API or docs), then the servers.
 */
export function renderStackTable(summary: StackSummary): string {
  const header = ['node', 'api', 'docs', 'health', 'metrics'];
  const rows = [
    [summary.hub.id, NONE, NONE, `${summary.hub.url}/healthz`, `${summary.hub.url}/metrics`],
    ...summary.nodes.map(({ id, url }) => [id, url, `${url}/docs`, `${url}/healthz`, `${url}/metrics`]),
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
