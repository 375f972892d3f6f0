// Public surface of the NATS server configuration generated from the registry: one nkey user per
// node key with allow-list permissions, the hub's leaf listener and national sites' leaf servers.
export {
  natsConfigOf,
  loadNatsConfig,
  writeNatsConfig,
  DEFAULT_LEAF_SECRETS_DIR,
  type NatsConfig,
  type NatsConfigOptions,
  type NatsConfigSettings,
} from './nats-config.service.js';
export { leafSecrets, leafSecretFile } from './leaf-secrets.js';
export { NatsConfigError } from './nats-config.errors.js';
