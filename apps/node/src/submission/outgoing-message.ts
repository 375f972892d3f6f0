import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { DecodeError, messageFromJson, type MessageOf } from '#contracts';
import { InvalidMessageError } from '../common/common.errors.js';
import type { SentKind } from '../sent/sent-message.js';
import { MalformedMessageError } from './submission.errors.js';

/** Who is sending, when, and where fresh ids come from. */
export interface Origin {
  node: string;
  /** Who acts at the node (Principal.id): the message's signed `actor`. */
  actor: string;
  now: Date;
  newId: () => string;
}

/**
 * Reads a request body as the protobuf JSON mapping of a `kind` message.
 *
 * @throws MalformedMessageError when the JSON does not fit the schema (unknown field, wrong type, bad enum name).
 */
export function readMessage<K extends SentKind>(kind: K, json: unknown): MessageOf<K> {
  // Express leaves the body undefined when it is not sent as application/json.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new MalformedMessageError('the body must be a JSON object sent as application/json');
  }
  try {
    return messageFromJson(kind, json);
  } catch (error) {
    if (error instanceof DecodeError) throw new MalformedMessageError(error.message, { cause: error });
    throw error;
  }
}

/**
 * Makes `message` this node's: a fresh id unless the client chose one (so it can retry safely),
 * this node as sender, the caller as actor, and now as the sent time.
 *
 * @throws InvalidMessageError when the body names another node as sender, or another actor.
 */
export function stampOrigin(
  message: { id: string; sender: string; actor: string; sent?: Timestamp },
  origin: Origin,
): void {
  const violations = [];
  if (message.sender !== '' && message.sender !== origin.node) {
    violations.push({ field: 'sender', reason: `must be this node (${origin.node}) or absent` });
  }
  // Nobody signs in another's name: the node names whoever authenticated.
  if (message.actor !== '' && message.actor !== origin.actor) {
    violations.push({ field: 'actor', reason: `must be the caller (${origin.actor}) or absent` });
  }
  if (violations.length > 0) throw new InvalidMessageError(violations);
  if (message.id === '') message.id = origin.newId();
  message.sender = origin.node;
  message.actor = origin.actor;
  message.sent = timestampFromDate(origin.now);
}
