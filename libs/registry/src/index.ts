// Public surface of the registry library: the registry file's model, its parser and lookups, and
// the node keys enrolled into it (seed files, enrolment, rotation and revocation).
export {
  NODE_KINDS,
  PROTOCOL_VERSIONS,
  DEFAULT_PROTOCOL,
  WILDCARD,
  type ProtocolVersion,
  type Region,
  type BorderSection,
  type CrossingPoint,
  type Organisation,
  type NodeKind,
  type Subscription,
  type KeyWindow,
  type RegistryNode,
  type Registry,
} from './registry-model.js';
export { RegistryError } from './registry.errors.js';
export { parseRegistry, loadRegistry, stringifyRegistry } from './registry-file.js';
export { RegistryIndex } from './registry-index.js';
export { RegistryFileWatcher, type RegistryWatchOptions } from './registry-file-watcher.js';
export { RegistryModule, type RegistryModuleOptions } from './registry.module.js';
export { enrolKeys } from './enrol-keys.js';
export { addNodeKey, revokeNodeKey } from './key-lifecycle.js';
export {
  initKeys,
  showKey,
  ensureSeedFile,
  type KeysInitOptions,
  type KeysInitResult,
  type EnrolledNode,
} from './keys/keys.service.js';
export {
  rotateKey,
  revokeKey,
  type RotateKeyOptions,
  type RotateKeyResult,
  type RevokeKeyOptions,
} from './keys/key-lifecycle.service.js';
export { NodeKeyError } from './keys/keys.errors.js';
export { validationContextOf } from './validation-context.js';
export { signatureVerifierOf, hubKeysOf } from './registry-verifiers.js';
export {
  distribute,
  type Route,
  type OrganisationDirectory,
  type DistributionInput,
} from './distribution-policy.js';
export { isSiteId, siteOf, siteMembers } from './national-site.js';
export {
  SubscriptionNarrowing,
  sectionsOfArea,
  subscriptionCeilingViolations,
  type NarrowedTopic,
} from './subscription-narrowing.js';
