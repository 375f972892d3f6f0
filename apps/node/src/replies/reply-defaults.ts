import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { AddresseesSchema, HandlingSchema, Tlp, type Reply, type Violation } from '#contracts';
import { formatHandling, isTlpAtLeastAsStrict } from '#trust';
import { InvalidMessageError } from '../common/common.errors.js';

/** What a reply takes from the message it answers. */
export interface Answered {
  /** The alert or notice answered: the original itself, or the one a replied-to reply answers. */
  id: string;
  thread: string;
  /** The original's `addressees` and `handling`, protobuf JSON. */
  addressees?: JsonValue;
  handling?: JsonValue;
}

/**
 * Completes `reply` as an answer to `answered`, sent by `node`: the message answered and its thread
 * (given ones must match), by default the original's addressees but this node (the hub adds the
 * original's sender), and by default the original's handling. A reply stays within the original: a
 * handling wider than the original's is refused.
 * @throws InvalidMessageError naming each field that does not fit.
 */
export function completeReply(reply: Reply, answered: Answered, node: string): void {
  const violations: Violation[] = [];
  if (reply.notice !== '' && reply.notice !== answered.id)
    violations.push({ field: 'notice', reason: `must be the message answered (${answered.id}) or absent` });
  if (reply.thread !== '' && reply.thread !== answered.thread)
    violations.push({
      field: 'thread',
      reason: `must be the thread answered in (${answered.thread}) or absent`,
    });
  const original = answered.handling === undefined ? undefined : fromJson(HandlingSchema, answered.handling);
  if (reply.handling === undefined) {
    reply.handling = original;
  } else if (!isTlpAtLeastAsStrict(reply.handling.tlp, original?.tlp ?? Tlp.UNSPECIFIED)) {
    violations.push({
      field: 'handling.tlp',
      reason: `may go no wider than the original's ${formatHandling(original) || 'handling'}`,
    });
  }
  if (violations.length > 0) throw new InvalidMessageError(violations);
  reply.notice = answered.id;
  reply.thread = answered.thread;
  const { nodes = [], groups = [] } = reply.addressees ?? {};
  if (nodes.length === 0 && groups.length === 0 && answered.addressees !== undefined) {
    const inherited = fromJson(AddresseesSchema, answered.addressees);
    inherited.nodes = inherited.nodes.filter((addressee) => addressee !== node);
    reply.addressees = inherited;
  }
}
