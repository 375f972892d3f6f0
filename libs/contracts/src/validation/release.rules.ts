import type { Release } from '../gen/borderlink/v1/release_pb.js';
import { checkApprovers } from './actor.rules.js';
import { checkNode } from './addressees.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkId } from './id.rules.js';
import { LIMITS } from './limits.js';
import { checkText } from './text.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/**
 * Rules of a release request or decision: the message, its origin and the further node `to` (neither
 * the origin nor the sender); a request comes from a node other than the origin, a decision from the
 * origin itself, naming the request and its requester, with a reason when it refuses, and with the
 * people who approved when it approves (the last of them its actor). Whether the
 * requester received the message is the hub's check (its route records).
 */
export function validateRelease(release: Release, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, release, ctx);
  checkId(out, 'message', release.message, true);
  checkNode(out, 'origin', release.origin, ctx);
  checkNode(out, 'to', release.to, ctx);
  if (release.to !== '' && release.to === release.origin) {
    out.push({ field: 'to', reason: 'must not be the origin' });
  }
  const { step } = release;
  switch (step.case) {
    case 'request':
      if (release.to !== '' && release.to === release.sender) {
        out.push({ field: 'to', reason: 'must not be the requester' });
      }
      if (release.sender !== '' && release.sender === release.origin) {
        out.push({ field: 'origin', reason: 'must not be the sender of a request' });
      }
      checkText(out, 'request.reason', step.value.reason, { max: LIMITS.reasonMaxLength, multiline: true });
      break;
    case 'decision':
      if (release.sender !== release.origin) {
        out.push({ field: 'origin', reason: 'must be the sender of a decision' });
      }
      checkId(out, 'decision.request', step.value.request, true);
      checkNode(out, 'decision.requester', step.value.requester, ctx);
      checkText(out, 'decision.reason', step.value.reason, {
        max: LIMITS.reasonMaxLength,
        required: !step.value.approved,
        multiline: true,
      });
      checkApprovers(out, 'decision.approvers', step.value.approvers);
      if (!step.value.approved && step.value.approvers.length > 0) {
        out.push({ field: 'decision.approvers', reason: 'must be empty for a refusal' });
      }
      if (step.value.approvers.length > 0 && step.value.approvers.at(-1) !== release.actor) {
        out.push({ field: 'decision.approvers', reason: 'must end with the actor, who decided' });
      }
      break;
    case undefined:
      out.push({ field: 'step', reason: 'must be a request or a decision' });
  }
  return out;
}
