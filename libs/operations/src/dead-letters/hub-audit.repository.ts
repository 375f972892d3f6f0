import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  OPERATOR_AUDIT_SUBJECT,
  operatorAuditReplySubject,
  type DeadLetterAction,
  type DeadLetterDecision,
  type OperatorAuditAnswer,
} from '#contracts';
import type { DeadLetterDecisions } from './dead-letter-decisions.js';
import type { DeadLetterRecord } from './dead-letter-record.js';
import { OperatorAuditError } from './dead-letters.errors.js';

const TIMEOUT_MS = 10_000;

function isAnswer(value: unknown): value is OperatorAuditAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { position, error } = value as Record<string, unknown>;
  return typeof position === 'number' || typeof error === 'string';
}

/**
 * Has the hub record each decision of one operator in the audit chain (`bl.ctl.audit`, answered on a
 * reply subject the hub may write), as `person` `operator:<name>`. Needs a running hub: without its
 * answer nothing is done.
 */
export class HubAuditRepository implements DeadLetterDecisions {
  constructor(
    private readonly nc: NatsConnection,
    private readonly operator: string,
    private readonly timeoutMs = TIMEOUT_MS,
  ) {}

  async record(action: DeadLetterAction, record: DeadLetterRecord): Promise<void> {
    const decision: DeadLetterDecision = {
      action,
      operator: this.operator,
      deadLetter: record.seq,
      stream: record.filedBy?.stream.toUpperCase() ?? record.stream,
      consumer: record.filedBy?.consumer ?? record.consumer,
      ...(record.sourceSequence === undefined ? {} : { sequence: record.sourceSequence }),
      ...(record.subject === undefined ? {} : { subject: record.subject }),
      ...(record.msgId === undefined ? {} : { msgId: record.msgId }),
      reason: record.reason.slice(0, 1_000),
    };
    let answer: unknown;
    try {
      const reply = await this.nc.request(OPERATOR_AUDIT_SUBJECT, JSON.stringify(decision), {
        timeout: this.timeoutMs,
        noMux: true,
        reply: operatorAuditReplySubject(`r${randomBytes(12).toString('hex')}`),
      });
      answer = reply.json();
    } catch (error) {
      throw new OperatorAuditError(`the hub did not record the ${action} of dead letter ${record.seq}`, {
        cause: error,
      });
    }
    if (!isAnswer(answer) || !('position' in answer)) {
      const why = isAnswer(answer) && 'error' in answer ? answer.error : 'no answer the hub gives';
      throw new OperatorAuditError(
        `the hub refused to record the ${action} of dead letter ${record.seq}: ${why}`,
      );
    }
  }
}
