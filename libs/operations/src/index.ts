// Public surface of the operators' library: what the CLI (`borderlink dlq`, `borderlink audit`) and
// the operations console share — reaching NATS as an operator, the dead letters' safe path (list,
// inspect, replay after checking a record against the server, drop), and the audit chain's verification.
export {
  connectTo,
  authenticatorOf,
  borrowConnection,
  type NatsSource,
  type HeldConnection,
  type OperatorNats,
} from './nats-source.js';
export { getNodeJson, nodeBase, readApiKeyFile } from './node-source.js';
export { NatsSourceError } from './operations.errors.js';
export {
  listDeadLetters,
  showDeadLetter,
  replayDeadLetter,
  replayDeadLetters,
  dropDeadLetter,
  type CheckedDeadLetter,
  type ReplayOutcome,
  type ReplayAllOutcome,
} from './dead-letters/dead-letters.service.js';
export type { DeadLetterSource } from './dead-letters/dead-letter-stream.repository.js';
export {
  originalHeaders,
  replayMsgId,
  matchesFilter,
  toDeadLetterRecord,
  type DeadLetterRecord,
  type DeadLetterFilter,
  type StoredRecord,
} from './dead-letters/dead-letter-record.js';
export {
  NEVER_REPLAYED,
  type DeadLetterVerdict,
  type VerifiedDeadLetter,
  type UnverifiedDeadLetter,
} from './dead-letters/dead-letter-check.js';
export type { DeadLetterDecisions } from './dead-letters/dead-letter-decisions.js';
export { HubAuditRepository } from './dead-letters/hub-audit.repository.js';
export {
  DeadLetterError,
  DeadLetterNotFoundError,
  DeadLetterNotReplayableError,
  OperatorAuditError,
} from './dead-letters/dead-letters.errors.js';
export {
  readVerifiedChain,
  describeBreak,
  type AuditChainSource,
  type VerifiedAuditEntry,
  type VerifiedChainReport,
  type WitnessReading,
} from './audit/verified-chain.js';
export {
  verifyAuditChainOutcome,
  type AuditVerification,
  type VerifiedCheckpoint,
} from './audit/audit-verification.js';
export { AuditChainBrokenError, WitnessUnavailableError } from './audit/audit.errors.js';
