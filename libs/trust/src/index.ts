// Public surface of the trust library: node keys, the signed envelope and signature checks.
export { type SignedFields } from './signed-fields.js';
export { signingBytes } from './signing-bytes.js';
export { generateNodeKey, NodeSigner } from './node-signer.js';
export { sealHeaders, readSignedFields } from './envelope.js';
export { sealMessage, signedFieldsOf, type SealedMessage } from './sealed-message.js';
export { EnvelopeError, KeyFormatError } from './trust.errors.js';
export { canonicalSentTime } from './sent-time.js';
export { SignatureVerifier, type KeyValidity, type Verification } from './signature-verifier.js';
export {
  STATEMENT_DOMAIN,
  type DeliveryStatement,
  type SignedStatement,
  type StatedMessage,
  type StatementVerification,
  messageDigest,
  statementRecipients,
  statementBytes,
  signStatement,
  formatStatementHeader,
  readStatementHeader,
  verifyStatement,
} from './delivery-statement.js';
export { formatHandling } from './handling-label.js';
export { isUserPublicKey } from './nkey-codec.js';
export {
  AUDIT_HASH_DOMAIN,
  AUDIT_CHECKPOINT_TYPE,
  type AuditChainHead,
  auditContentDigest,
  auditLinkHash,
  auditEntryHash,
  chainAuditEntry,
  checkpointSignedFields,
  signCheckpoint,
} from './audit-chain.js';
export {
  AuditChainVerifier,
  type AuditChainBreak,
  type AuditChainProblem,
  type AuditChainSummary,
} from './audit-chain-verifier.js';
