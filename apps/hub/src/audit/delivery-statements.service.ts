import { Injectable } from '@nestjs/common';
import {
  NodeSigner,
  canonicalSentTime,
  formatStatementHeader,
  signStatement,
  statementRecipients,
  type StatedMessage,
} from '#trust';
import { HubConfig } from '../config/hub.config.js';
import type { AuditReceipt } from './audit-trail.js';

/**
 * Signs the hub's statements of what it delivers (`Bl-Statement`, docs/protocol.md): one per message
 * it sends out, naming the message, all its recipients, and the audit entry of the decision that sent
 * it. The entry is recorded first, so no copy leaves ahead of its audit record, and every node holds
 * signed evidence of recent entries of the chain.
 */
@Injectable()
export class DeliveryStatementsService {
  constructor(
    private readonly signer: NodeSigner,
    private readonly config: HubConfig,
  ) {}

  /** The `Bl-Statement` value for `message`, decided in the audit entry of `audited`, going to `recipients`. */
  state(audited: AuditReceipt, message: StatedMessage, recipients: Iterable<string>): string {
    const { entry } = audited;
    return formatStatementHeader(
      signStatement(this.signer, {
        hub: this.config.HUB_ID,
        at: canonicalSentTime(entry.at),
        ...message,
        auditPosition: entry.position,
        auditHash: Buffer.from(entry.hash).toString('hex'),
        recipients: statementRecipients(recipients),
      }),
    );
  }
}
