import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { checkActor } from './actor.rules.js';
import { checkNode } from './addressees.rules.js';
import { checkId } from './id.rules.js';
import { checkSent } from './time.rules.js';
import type { ValidationContext, Violations } from './violation.js';

/** The fields every message carries and signs: id, sender node and sent time; and, from a node, its actor. */
export interface Envelope {
  id: string;
  sender: string;
  sent?: Timestamp | undefined;
  actor?: string;
}

/** Checks id, sender, actor and sent time; returns the sent time in epoch ms when it is valid. */
export function checkEnvelope(
  out: Violations,
  message: Envelope,
  ctx: ValidationContext,
): number | undefined {
  checkId(out, 'id', message.id, true);
  checkNode(out, 'sender', message.sender, ctx);
  if (message.actor !== undefined) checkActor(out, 'actor', message.actor);
  return checkSent(out, 'sent', message.sent, ctx);
}
