import { createHash } from 'node:crypto';
import { HEADER_STATEMENT, LIMITS, isMessageId, isSubjectToken } from '#contracts';
import type { NodeSigner } from './node-signer.js';
import { isUserPublicKey } from './nkey-codec.js';
import { isCanonicalSentTime } from './sent-time.js';
import type { HubKeys } from './hub-keys.js';
import type { Verification } from './signature-verifier.js';
import type { SignedFields } from './signed-fields.js';
import { signingBytes } from './signing-bytes.js';
import { EnvelopeError } from './trust.errors.js';

/** First line of a statement's signed text; a new layout gets a new version so old signatures never verify under it. */
export const STATEMENT_DOMAIN = 'borderlink-statement-v1';

/**
 * The hub's statement about one message it delivers: that it decided, at `at`, to deliver exactly this
 * message to exactly these recipients, and recorded the decision as the audit entry at `auditPosition`
 * with hash `auditHash`. One statement covers every copy of the message; each recipient checks it
 * names the copy it holds and names the recipient itself, and keeps it as a witness of the audit chain.
 */
export interface DeliveryStatement {
  /** The registry id of the hub that states it (a node of kind `hub`). */
  hub: string;
  /** The time of the decision: the `at` of its audit entry, canonical (as `Bl-Sent`). */
  at: string;
  /** The message (`Bl-Id`). */
  id: string;
  /** Its origin (`Bl-Sender`). */
  origin: string;
  /** SHA-256 of the origin's signed bytes (signingBytes), 64 lowercase hex digits: see messageDigest. */
  digest: string;
  /** The audit entry of the decision: its chain position, which is its BL_AUDIT stream sequence. */
  auditPosition: bigint;
  /** That entry's `hash`, 64 lowercase hex digits. */
  auditHash: string;
  /** The recipient node ids, each once, in ascending order of their UTF-16 code units. */
  recipients: readonly string[];
}

/** A statement with the key that signed it and the signature, as a copy carries it in `Bl-Statement`. */
export interface SignedStatement {
  statement: DeliveryStatement;
  /** The hub's public nkey (`U…`). */
  key: string;
  /** Ed25519 signature over statementBytes, base64url without padding. */
  signature: string;
}

/** What a statement's header leaves to the copy it travels with: the copy's own message. */
export type StatedMessage = Pick<DeliveryStatement, 'id' | 'origin' | 'digest'>;

/** Why a statement does not vouch for a copy. */
export type StatementVerification =
  | { ok: true; key: string }
  | { ok: false; reason: 'not-hub' | 'backdated' | Extract<Verification, { ok: false }>['reason'] };

const HEX_64 = /^[0-9a-f]{64}$/;
const MAX_POSITION = 2n ** 64n - 1n;
const utf8 = new TextEncoder();

const malformed = (detail: string) =>
  new EnvelopeError(HEADER_STATEMENT, `malformed ${HEADER_STATEMENT}: ${detail}`);

/** The statement's digest of a message: SHA-256 of the bytes its origin signed, lowercase hex. */
export function messageDigest(fields: SignedFields, body: Uint8Array): string {
  return createHash('sha256').update(signingBytes(fields, body)).digest('hex');
}

/** What a statement says of the message it travels with, from the origin's signed fields and body. */
export function statedMessageOf(fields: SignedFields, body: Uint8Array): StatedMessage {
  return { id: fields.id, origin: fields.sender, digest: messageDigest(fields, body) };
}

/** The recipients in statement order: each once, ascending. */
export function statementRecipients(nodes: Iterable<string>): string[] {
  return [...new Set(nodes)].sort();
}

function checkStatement(statement: DeliveryStatement): void {
  const { hub, at, id, origin, digest, auditPosition, auditHash, recipients } = statement;
  if (!isSubjectToken(hub)) throw malformed('hub is not a node id');
  if (!isCanonicalSentTime(at)) throw malformed('at is not a canonical UTC time');
  if (!isMessageId(id)) throw malformed('id is not a message id');
  if (!isSubjectToken(origin)) throw malformed('origin is not a node id');
  if (!HEX_64.test(digest)) throw malformed('digest is not 64 lowercase hex digits');
  if (auditPosition < 1n || auditPosition > MAX_POSITION) throw malformed('audit position out of range');
  if (!HEX_64.test(auditHash)) throw malformed('audit hash is not 64 lowercase hex digits');
  if (recipients.length === 0) throw malformed('no recipients');
  recipients.forEach((node, index) => {
    if (!isSubjectToken(node)) throw malformed(`recipient ${JSON.stringify(node)} is not a node id`);
    if (index > 0 && !(recipients[index - 1]! < node))
      throw malformed('recipients not ascending and distinct');
  });
}

/**
 * The exact bytes the hub signs (Ed25519) for one statement: the UTF-8 encoding of these nine lines
 * joined by a single LF (0x0A), with no trailing LF:
 *
 * ```text
 * borderlink-statement-v1
 * <hub>             the stating hub's node id
 * <at>              the decision's time, YYYY-MM-DDTHH:mm:ss.sssZ
 * <id>              the message id (Bl-Id)
 * <origin>          the origin node (Bl-Sender)
 * <digest>          SHA-256 of the origin's signed bytes, 64 lowercase hex digits
 * <audit-position>  the audit entry's chain position, decimal without leading zeros
 * <audit-hash>      the audit entry's hash, 64 lowercase hex digits
 * <recipients>      the recipient node ids, ascending, joined by ","
 * ```
 *
 * Every value has a fixed syntax without line breaks or commas (node ids are subject tokens), so the
 * lines are unambiguous. Throws EnvelopeError (header `Bl-Statement`) for a value outside its syntax.
 */
export function statementBytes(statement: DeliveryStatement): Uint8Array {
  checkStatement(statement);
  const { hub, at, id, origin, digest, auditPosition, auditHash, recipients } = statement;
  const lines = [STATEMENT_DOMAIN, hub, at, id, origin, digest, String(auditPosition), auditHash];
  return utf8.encode([...lines, recipients.join(',')].join('\n'));
}

/** Signs `statement` as the hub holding `signer`; throws EnvelopeError for a value outside its syntax. */
export function signStatement(signer: NodeSigner, statement: DeliveryStatement): SignedStatement {
  return { statement, key: signer.publicKey, signature: signer.signData(statementBytes(statement)) };
}

/**
 * The `Bl-Statement` value of a signed statement: what the copy does not carry itself, in a fixed
 * order, `v1;hub=<hub>;at=<at>;audit=<position>:<hash>;to=<r1>,<r2>…;key=<U…>;sig=<signature>`.
 */
export function formatStatementHeader({ statement, key, signature }: SignedStatement): string {
  const { hub, at, auditPosition, auditHash, recipients } = statement;
  return `v1;hub=${hub};at=${at};audit=${auditPosition}:${auditHash};to=${recipients.join(',')};key=${key};sig=${signature}`;
}

const HEADER_LAYOUT =
  /^v1;hub=([^;]*);at=([^;]*);audit=(0|[1-9][0-9]{0,19}):([^;]*);to=([^;]*);key=([^;]*);sig=([A-Za-z0-9_-]{86})$/;

/**
 * The signed statement a copy carries in `Bl-Statement`, completed with the copy's own message (its id,
 * origin and digest), ready to verify. Throws EnvelopeError (header `Bl-Statement`) when the value does
 * not have the v1 layout or a field is outside its syntax.
 */
export function readStatementHeader(value: string, message: StatedMessage): SignedStatement {
  const match = HEADER_LAYOUT.exec(value);
  if (match === null) throw malformed('not v1;hub=…;at=…;audit=…;to=…;key=…;sig=…');
  const [, hub, at, position, auditHash, to, key, signature] = match as unknown as string[];
  if (!isUserPublicKey(key!)) throw malformed('key is not a user public key');
  const statement: DeliveryStatement = {
    hub: hub!,
    at: at!,
    ...message,
    auditPosition: BigInt(position!),
    auditHash: auditHash!,
    recipients: to!.split(','),
  };
  checkStatement(statement);
  return { statement, key: key!, signature: signature! };
}

/**
 * Whether `signed` is the statement of a hub: its `hub` is a hub in the registry, and the signature
 * verifies under one of that hub's keys valid at the statement's time. Given the message's signed
 * sent time `sent`, also that the statement's time is not before it less the future allowance the hub
 * grants senders: a hub decides after a message is sent, so an earlier time can only be backdated
 * (e.g. under a revoked key).
 */
export function verifyStatement(
  signed: SignedStatement,
  hubs: HubKeys,
  sent?: string,
): StatementVerification {
  return statementRefusal(signed, hubs, sent) ?? hubs.signatures.verifyData(...statementSignature(signed));
}

/** As verifyStatement, with the signature verified on libuv's thread pool: for batches of copies. */
export async function verifyStatementOffThread(
  signed: SignedStatement,
  hubs: HubKeys,
  sent?: string,
): Promise<StatementVerification> {
  return (
    statementRefusal(signed, hubs, sent) ??
    (await hubs.signatures.verifyDataOffThread(...statementSignature(signed)))
  );
}

// What refuses a statement before its signature is looked at.
function statementRefusal(
  { statement }: SignedStatement,
  hubs: HubKeys,
  sent: string | undefined,
): StatementVerification | undefined {
  if (!hubs.isHub(statement.hub)) return { ok: false, reason: 'not-hub' };
  if (sent !== undefined && Date.parse(statement.at) < Date.parse(sent) - LIMITS.sentMaxFutureMs) {
    return { ok: false, reason: 'backdated' };
  }
  return undefined;
}

// The signer, time, bytes, signature and key hint the statement's signature is checked with.
function statementSignature({
  statement,
  signature,
  key,
}: SignedStatement): [string, string, Uint8Array, string, string] {
  return [statement.hub, statement.at, statementBytes(statement), signature, key];
}
