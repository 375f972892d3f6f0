// Public surface of the access library: the words of a node's access policy (roles, clearances) and
// its API keys file (the keys' hashes, their creation, listing and revocation), shared by the node
// that checks keys, the CLI that issues them and the local stack; and the check of an OpenID Connect
// provider's access tokens, shared by the node and the operations console.
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
export { ApiKeysFileError, ApiKeyRequestError, TokenRefusedError } from './access.errors.js';
export { OidcTokenVerifier, type OidcTokenVerifierOptions } from './oidc-token-verifier.js';
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
