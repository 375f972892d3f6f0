import { HeartbeatApp, HeartbeatAppSchema, type Heartbeat } from '../gen/borderlink/v1/heartbeat_pb.js';
import { checkNode } from './addressees.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkId } from './id.rules.js';
import { LIMITS } from './limits.js';
import { checkCount, checkUnique } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkText } from './text.rules.js';
import { checkSent, checkTimestamp } from './time.rules.js';
import type { ValidationContext, Violation, Violations } from './violation.js';

// A RejectionReason name without its prefix; any such name, so a newer hub's reasons still pass.
const REASON_NAME = /^[A-Z][A-Z0-9_]{0,62}$/;

function checkConsumers(out: Violations, heartbeat: Heartbeat, ctx: ValidationContext): void {
  checkCount(out, 'consumers', heartbeat.consumers, LIMITS.maxHeartbeatConsumers);
  heartbeat.consumers.forEach((lag, index) => {
    const at = itemPath('consumers', index);
    checkId(out, fieldPath(at, 'consumer'), lag.consumer, true);
    checkNode(out, fieldPath(at, 'node'), lag.node, ctx);
  });
  checkUnique(out, 'consumers', heartbeat.consumers, (lag) => lag.consumer || undefined, 'the consumer');
}

function checkCounters(out: Violations, heartbeat: Heartbeat): void {
  if (heartbeat.counters === undefined) {
    out.push({ field: 'counters', reason: 'is required' });
    return;
  }
  for (const reason of Object.keys(heartbeat.counters.rejected)) {
    if (!REASON_NAME.test(reason))
      out.push({ field: 'counters.rejected', reason: `${JSON.stringify(reason)} is not a reason name` });
  }
}

/**
 * Checks a decoded heartbeat (protocol 1.3) against the rules protobuf cannot express: its envelope,
 * a sent time within LIMITS.heartbeatMaxAgeMs (a late heartbeat says nothing of now), the process it
 * comes from, and figures that belong to its app (an outbox for a node only). Whether its app is
 * the sender's registry kind is the verifier's question. At most LIMITS.maxViolations are returned.
 */
export function validateHeartbeat(heartbeat: Heartbeat, ctx: ValidationContext): Violation[] {
  const out: Violations = [];
  checkId(out, 'id', heartbeat.id, true);
  checkNode(out, 'sender', heartbeat.sender, ctx);
  const sent = checkSent(out, 'sent', heartbeat.sent, ctx, LIMITS.heartbeatMaxAgeMs);
  checkId(out, 'instance', heartbeat.instance, true);
  checkEnum(out, 'app', HeartbeatAppSchema, heartbeat.app, true);
  checkText(out, 'version', heartbeat.version, { max: LIMITS.shortTextMaxLength, required: true });
  const started = checkTimestamp(out, 'started', heartbeat.started, true);
  if (started !== undefined && sent !== undefined && started > sent)
    out.push({ field: 'started', reason: 'must not be after sent' });
  if (heartbeat.intervalMs === 0 || heartbeat.intervalMs > LIMITS.heartbeatMaxIntervalMs)
    out.push({ field: 'intervalMs', reason: `must be 1 to ${LIMITS.heartbeatMaxIntervalMs}` });
  if (heartbeat.app === HeartbeatApp.NODE && heartbeat.outbox === undefined)
    out.push({ field: 'outbox', reason: "is required of a node's heartbeat" });
  if (heartbeat.app === HeartbeatApp.HUB && heartbeat.outbox !== undefined)
    out.push({ field: 'outbox', reason: "must be absent from a hub's heartbeat" });
  checkConsumers(out, heartbeat, ctx);
  checkTimestamp(out, 'lastDelivery', heartbeat.lastDelivery, false);
  checkCounters(out, heartbeat);
  return out.length > LIMITS.maxViolations ? out.slice(0, LIMITS.maxViolations) : out;
}
