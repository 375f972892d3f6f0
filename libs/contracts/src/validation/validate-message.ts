import { MESSAGE_SCHEMAS, isMessageKind, type MessageKind, type MessageOf } from '../message-kinds.js';
import { validateAlert } from './alert.rules.js';
import { validateAuditCheckpoint } from './checkpoint.rules.js';
import { validateGroupChange } from './group.rules.js';
import { LIMITS } from './limits.js';
import { validateNotice } from './notice.rules.js';
import { validateDeliveredBatch, validateReceipt, validateRoutingReport } from './receipt.rules.js';
import { validateRejection } from './rejection.rules.js';
import { validateRelease } from './release.rules.js';
import { validateRequestReminder } from './reminder.rules.js';
import { validateSubscriptionChange } from './subscription.rules.js';
import { validateReply } from './reply.rules.js';
import type { ValidationContext, Violation } from './violation.js';

const VALIDATORS: { [K in MessageKind]: (message: MessageOf<K>, ctx: ValidationContext) => Violation[] } = {
  alert: validateAlert,
  notice: validateNotice,
  reply: validateReply,
  receipt: validateReceipt,
  delivered: validateDeliveredBatch,
  rejection: validateRejection,
  routing: validateRoutingReport,
  release: validateRelease,
  group: validateGroupChange,
  checkpoint: validateAuditCheckpoint,
  reminder: validateRequestReminder,
  subscription: validateSubscriptionChange,
};

/**
 * Checks a decoded message of `kind` against the rules protobuf cannot express. The NATS ingress, the
 * REST API and the CLI all call this, so a message valid at one door is valid at every door.
 *
 * Returns the violations found, empty when the message is valid; at most LIMITS.maxViolations of them
 * (the first found), so a refusal always fits in a Rejection. Never throws for any message content;
 * throws a TypeError only when `kind` is not a message kind or the message is not of that kind
 * (a programming error, not bad input).
 */
export function validateMessage<K extends MessageKind>(
  kind: K,
  message: MessageOf<K>,
  ctx: ValidationContext,
): Violation[] {
  if (!isMessageKind(kind)) throw new TypeError(`unknown message kind ${JSON.stringify(kind)}`);
  const typeName = MESSAGE_SCHEMAS[kind].typeName;
  if (message.$typeName !== typeName) {
    throw new TypeError(`expected a ${typeName} for kind '${kind}', got ${String(message.$typeName)}`);
  }
  const validate = VALIDATORS[kind] as (message: MessageOf<K>, ctx: ValidationContext) => Violation[];
  const violations = validate(message, ctx);
  return violations.length > LIMITS.maxViolations ? violations.slice(0, LIMITS.maxViolations) : violations;
}
