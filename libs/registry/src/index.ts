// Public surface of the registry library: the registry file's model, its parser and lookups.
export {
  NODE_KINDS,
  WILDCARD,
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
export { enrolKeys } from './enrol-keys.js';
export { addNodeKey, revokeNodeKey } from './key-lifecycle.js';
export { validationContextOf } from './validation-context.js';
export {
  distribute,
  type Route,
  type OrganisationDirectory,
  type DistributionInput,
} from './distribution-policy.js';
export { isSiteId, siteOf, siteMembers } from './national-site.js';
