import { Injectable } from '@nestjs/common';
import { AuditEvent, STREAM_DELIVERY, nodeDeliveryConsumer, type DeadLetterDecision } from '#contracts';
import { RegistryIndex } from '#registry';
import { AuditTrail, type AuditReceipt } from '../audit/audit-trail.js';

const EVENTS = {
  replay: AuditEvent.DEAD_LETTER_REPLAYED,
  drop: AuditEvent.DEAD_LETTER_DROPPED,
} as const;

/**
 * Records operators' decisions in the audit chain, so that what a person did to a message outside the
 * hub's own path (publishing it again, or deleting its dead letter) is as accountable as what the hub
 * did. The operator's tool asks before it acts; the entry names the person it authenticated.
 */
@Injectable()
export class OperatorActionsService {
  constructor(
    private readonly audit: AuditTrail,
    private readonly registry: RegistryIndex,
  ) {}

  /** Resolves once the decision's entry is stored; the same decision asked twice is stored once. */
  recordDeadLetterDecision(decision: DeadLetterDecision): Promise<AuditReceipt> {
    const node = this.nodeOfConsumer(decision.stream, decision.consumer);
    const original = [
      `${decision.stream}/${decision.consumer}`,
      decision.sequence === undefined ? 'no sequence' : `seq ${decision.sequence}`,
      decision.subject ?? 'no original',
    ].join(' ');
    return this.audit.record({
      event: EVENTS[decision.action],
      ref: `dead-letter-${decision.deadLetter}`,
      person: `operator:${decision.operator}`,
      ...(decision.msgId === undefined ? {} : { message: decision.msgId }),
      ...(node === undefined ? {} : { recipients: [node] }),
      detail: `dead letter ${decision.deadLetter} (${original}): ${decision.reason}`,
    });
  }

  /** The registry node whose delivery consumer `consumer` is; undefined for any other consumer. */
  private nodeOfConsumer(stream: string, consumer: string): string | undefined {
    if (stream.toUpperCase() !== STREAM_DELIVERY) return undefined;
    return this.registry
      .nodes()
      .map((node) => node.id)
      .find((id) => nodeDeliveryConsumer(id) === consumer.toLowerCase());
  }
}
