import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/transport-node';
import {
  InvalidOperatorActionError,
  OPERATOR_AUDIT_SUBJECT,
  operatorAuditReplySubject,
  parseDeadLetterDecision,
  type OperatorAuditAnswer,
} from '#contracts';
import { NatsConnectionService } from '#messaging';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { OperatorActionsService } from './operator-actions.service.js';

// One instance records each decision.
const QUEUE = 'hub-operator-audit';
// The hub may publish its answer only on a subject it writes: the reply subjects built for it.
const REPLY_PREFIX = operatorAuditReplySubject('x').slice(0, -1);

/**
 * Transport edge of `bl.ctl.audit`: an operator's tool asks the hub to record a decision before it
 * carries it out, and waits for the entry's position. Only the hub's account reaches the subject.
 */
@Injectable()
export class OperatorActionsHandler implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription: Subscription | undefined;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly actions: OperatorActionsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.nats.ready();
    this.subscription = this.nats.connection.subscribe(OPERATOR_AUDIT_SUBJECT, {
      queue: QUEUE,
      callback: (error, msg) => {
        if (error === null) void this.handle(msg);
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  private async handle(msg: Msg): Promise<void> {
    let answer: OperatorAuditAnswer;
    try {
      const decision = parseDeadLetterDecision(msg.data);
      const receipt = await this.actions.recordDeadLetterDecision(decision);
      this.logger.info(
        { action: decision.action, operator: decision.operator, deadLetter: decision.deadLetter },
        'operator decision recorded',
      );
      answer = { position: receipt.streamSequence };
    } catch (error) {
      if (error instanceof InvalidOperatorActionError) {
        this.logger.warn({ err: error }, 'operator decision refused');
        answer = { error: error.message };
      } else {
        // The tool does not act without an answer; it may ask again.
        this.logger.error({ err: error }, 'cannot record operator decision');
        answer = { error: 'not recorded' };
      }
    }
    if (msg.reply?.startsWith(REPLY_PREFIX) === true) {
      this.nats.connection.publish(msg.reply, JSON.stringify(answer));
    }
  }
}
