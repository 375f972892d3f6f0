import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, type AuditEntry } from '#contracts';
import { statementBytes, type SignedStatement } from './delivery-statement.js';
import { canonicalSentTime } from './sent-time.js';

/**
 * A delivery statement as a node keeps and shows it (`GET /v1/audit/witness`): every field of the
 * statement with the key and signature, so anyone can check it against the registry's hub keys.
 * Positions are decimal strings (they are 64-bit), hashes and digests lowercase hex.
 */
export interface StatementRecord {
  position: string;
  hash: string;
  at: string;
  hub: string;
  id: string;
  origin: string;
  digest: string;
  recipients: string[];
  key: string;
  signature: string;
}

/** A checkpoint or rollover as a node keeps and shows it: the entry's canonical encoding, base64. */
export interface CheckpointRecord {
  position: string;
  at: string;
  entry: string;
}

/** What a node shows of the audit chain it witnessed. */
export interface WitnessRecords {
  node: string;
  checkpoints: CheckpointRecord[];
  statements: StatementRecord[];
  /** Present when more statements follow: pass it back as `since` for the next page. */
  next?: string;
}

/** The record of a verified statement. */
export function statementRecordOf({ statement, key, signature }: SignedStatement): StatementRecord {
  return {
    position: String(statement.auditPosition),
    hash: statement.auditHash,
    at: statement.at,
    hub: statement.hub,
    id: statement.id,
    origin: statement.origin,
    digest: statement.digest,
    recipients: [...statement.recipients],
    key,
    signature,
  };
}

/** The signed statement a record holds; throws EnvelopeError (or SyntaxError for a bad position) when it is not one. */
export function signedStatementOf(record: StatementRecord): SignedStatement {
  const statement = {
    hub: record.hub,
    at: record.at,
    id: record.id,
    origin: record.origin,
    digest: record.digest,
    auditPosition: BigInt(record.position),
    auditHash: record.hash,
    recipients: record.recipients,
  };
  statementBytes(statement);
  return { statement, key: record.key, signature: record.signature };
}

/** The record of a checkpoint or rollover entry. */
export function checkpointRecordOf(entry: AuditEntry): CheckpointRecord {
  return {
    position: String(entry.sequence),
    at: entry.at === undefined ? '' : canonicalSentTime(timestampDate(entry.at)),
    entry: Buffer.from(toBinary(AuditEntrySchema, entry)).toString('base64'),
  };
}

/** The entry a checkpoint record holds; throws when its bytes are not an AuditEntry. */
export function checkpointEntryOf(record: CheckpointRecord): AuditEntry {
  return fromBinary(AuditEntrySchema, Buffer.from(record.entry, 'base64'));
}
