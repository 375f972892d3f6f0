// Public surface of the access library: the words of a node's access policy (roles, clearances) and
// its API keys file (the keys' hashes, their creation, listing and revocation), shared by the node
// that checks keys, the CLI that issues them and the local stack.
export {
  ROLES,
  CLEARANCES,
  DEFAULT_CLEARANCE,
  isRole,
  isClearance,
  clearanceCovers,
  type Role,
  type Clearance,
} from './access-vocabulary.js';
export { ApiKeysFileError, ApiKeyRequestError } from './access.errors.js';
export { parseApiKey, verifyApiKeySecret, type ApiKeyParts } from './api-key-secret.js';
export { parseApiKeysFile, readApiKeysFile, type ApiKeyRecord, type ApiKeysFile } from './api-keys-file.js';
export {
  apiKeysFile,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRequest,
  type ApiKeyListing,
} from './api-keys.service.js';
