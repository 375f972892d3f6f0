import { LOOPBACK, STORE_DIR_TOKEN, type TlsFiles } from '#process';

/** What one member of a test cluster is told about itself and its peers. */
export interface NatsClusterConfigInput {
  /** Configuration text every member shares (users, permissions); may be absent. */
  base: string | undefined;
  serverName: string;
  clusterName: string;
  /** This member's route port on loopback. */
  routePort: number;
  /** Every member's route URL, its own included: nats-server recognises and skips a route to itself. */
  routes: readonly string[];
  /** This member's monitoring port on loopback. */
  monitorPort: number;
  /** The certificate the member presents to its peers and the CA it checks theirs against. */
  tls: TlsFiles;
}

/**
 * nats-server configuration of one cluster member (2.9 syntax), its routes over TLS. The shared text comes first: a key
 * repeated later in a NATS config replaces the earlier one, so the member's own settings win. The
 * client port is not here; the harness binds it by flag. JetStream stores in `{{storeDir}}`, set
 * here unless the shared text does it.
 */
export function natsClusterConfig(input: NatsClusterConfigInput): string {
  const quote = (text: string): string => JSON.stringify(text);
  return [
    input.base ?? '',
    `server_name: ${quote(input.serverName)}`,
    `http: ${quote(`${LOOPBACK}:${input.monitorPort}`)}`,
    // A shared text that places the store itself keeps its whole jetstream block (e.g. a domain).
    ...(input.base?.includes(STORE_DIR_TOKEN) === true
      ? []
      : [`jetstream { store_dir: "${STORE_DIR_TOKEN}" }`]),
    'cluster {',
    `  name: ${quote(input.clusterName)}`,
    `  listen: ${quote(`${LOOPBACK}:${input.routePort}`)}`,
    `  routes: [${input.routes.map(quote).join(', ')}]`,
    // Routes are TLS both ways: each member verifies the peer that dials it, and the one it dials.
    '  tls {',
    `    cert_file: ${quote(input.tls.certFile)}`,
    `    key_file: ${quote(input.tls.keyFile)}`,
    `    ca_file: ${quote(input.tls.caFile)}`,
    '    verify: true',
    '    timeout: 5',
    '  }',
    '}',
    '',
  ].join('\n');
}
