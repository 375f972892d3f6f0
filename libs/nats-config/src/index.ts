// Public surface of the NATS server configuration generated from the registry: an account per
// agency node importing from the hub's account exactly what the node may do, nkey users, TLS on
// every link, the hub's leaf listener and national sites' leaf servers.
export {
  natsConfigOf,
  loadNatsConfig,
  writeNatsConfig,
  DEFAULT_LEAF_SECRETS_DIR,
  type NatsConfig,
  type NatsConfigOptions,
  type NatsConfigSettings,
} from './nats-config.service.js';
export type { ServerTls } from './nats-config-text.js';
export { HUB_ACCOUNT } from './nats-accounts.js';
export { leafSecrets, leafSecretFile } from './leaf-secrets.js';
export { NatsConfigError } from './nats-config.errors.js';
