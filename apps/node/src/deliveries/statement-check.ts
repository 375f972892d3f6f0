import {
  EnvelopeError,
  readStatementHeader,
  statedMessageOf,
  verifyStatementOffThread,
  type HubKeys,
  type SignedFields,
  type SignedStatement,
} from '#trust';

/** Whether the hub's statement vouches for a copy to this node, and why not. */
export type StatementCheck = { stated: true; statement: SignedStatement } | { stated: false; reason: string };

/** What a copy carries: the statement header, its signed fields and body. */
export interface StatedCopy {
  statement: string | undefined;
  fields: SignedFields;
  body: Uint8Array;
}

/**
 * Checks the hub's statement on a copy (`Bl-Statement`, docs/protocol.md §5.1): it is a hub's, signed
 * with a key valid at its time and not backdated before the message was sent; it names exactly this
 * message (its id, origin and the digest of what the origin signed); and it names `node` among the
 * recipients. A genuine message re-published to another node's subject fails the last check there.
 * The signature is verified on libuv's thread pool, so a batch's copies are checked side by side.
 */
export async function checkStatement(copy: StatedCopy, node: string, hubs: HubKeys): Promise<StatementCheck> {
  if (copy.statement === undefined) return { stated: false, reason: 'statement-missing' };
  let signed: SignedStatement;
  try {
    signed = readStatementHeader(copy.statement, statedMessageOf(copy.fields, copy.body));
  } catch (error) {
    if (error instanceof EnvelopeError) return { stated: false, reason: 'statement-malformed' };
    throw error;
  }
  const verification = await verifyStatementOffThread(signed, hubs, copy.fields.sent);
  if (!verification.ok) return { stated: false, reason: `statement-${verification.reason}` };
  if (!signed.statement.recipients.includes(node)) return { stated: false, reason: 'not-addressed' };
  return { stated: true, statement: signed };
}
