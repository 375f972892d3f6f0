// Public surface of the trust library: node keys, the signed envelope and signature checks.
export { SIGNED_HEADERS, type SignedFields } from './signed-fields.js';
export { signingBytes } from './signing-bytes.js';
export { generateNodeKey, NodeSigner } from './node-signer.js';
export { KeyedIds } from './keyed-ids.js';
export { sealHeaders, readSignedFields } from './envelope.js';
export { sealMessage, signedFieldsOf, type SealedMessage } from './sealed-message.js';
export {
  HeartbeatError,
  openHeartbeat,
  sealHeartbeat,
  type HeartbeatRefusal,
  type SealedHeartbeat,
  type VerifiedHeartbeat,
} from './heartbeat.js';
export { headerMismatches } from './header-agreement.js';
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
  statedMessageOf,
  statementRecipients,
  statementBytes,
  signStatement,
  formatStatementHeader,
  readStatementHeader,
  verifyStatement,
  verifyStatementOffThread,
} from './delivery-statement.js';
export { formatHandling, isTlpAtLeastAsStrict } from './handling-label.js';
export { isUserPublicKey } from './nkey-codec.js';
export { type HubKeys } from './hub-keys.js';
export {
  AUDIT_HASH_DOMAIN,
  AUDIT_CHECKPOINT_TYPE,
  AUDIT_ROLLOVER_TYPE,
  type AuditChainHead,
  auditContentDigest,
  auditLinkHash,
  auditEntryHash,
  chainAuditEntry,
  startAuditChain,
  checkpointSignedFields,
  signCheckpoint,
  signRollover,
} from './audit-chain.js';
export {
  AUDIT_CLOCK_SKEW_MS,
  AuditChainVerifier,
  checkpointFault,
  type AuditChainBreak,
  type AuditChainProblem,
  type AuditChainSummary,
  type AuditStreamEnd,
  type AuditVerifyOptions,
  type AuditWitness,
} from './audit-chain-verifier.js';
export { type RefusedWitness, statementWitness, checkpointWitness, isWitness } from './audit-witness.js';
export {
  type StatementRecord,
  type CheckpointRecord,
  type WitnessRecords,
  statementRecordOf,
  signedStatementOf,
  checkpointRecordOf,
  checkpointEntryOf,
} from './witness-records.js';
export {
  ACCESS_HASH_DOMAIN,
  ACCESS_HEAD_DOMAIN,
  type AccessEntry,
  type AccessRecord,
  type AccessChainHead,
  type AccessHead,
  type SignedAccessHead,
  type AccessLogExport,
  accessContentBytes,
  accessContentDigest,
  accessLinkHash,
  chainAccessEntry,
  accessHeadBytes,
  signAccessHead,
  verifyAccessHead,
} from './access-chain.js';
export {
  AccessChainVerifier,
  type AccessChainBreak,
  type AccessChainProblem,
  type AccessChainSummary,
  type AccessVerifyOptions,
} from './access-chain-verifier.js';
