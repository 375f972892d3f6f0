import type { DeliveredBatch, Receipt, RoutingReport } from '../gen/borderlink/v1/receipt_pb.js';
import { ReceiptKind, ReceiptKindSchema } from '../gen/borderlink/v1/receipt_pb.js';
import { checkNode } from './addressees.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkId } from './id.rules.js';
import { checkCount, checkUnique } from './list.rules.js';
import { itemPath } from './path.js';
import { LIMITS } from './limits.js';
import { checkRegistryIds, nodeRef } from './registry-ref.rules.js';
import { checkText } from './text.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/** Rules of a receipt: the message and its origin node, the kind, and a reason when declined. */
export function validateReceipt(receipt: Receipt, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, receipt, ctx);
  checkId(out, 'message', receipt.message, true);
  checkNode(out, 'origin', receipt.origin, ctx);
  checkEnum(out, 'kind', ReceiptKindSchema, receipt.kind, true);
  if (receipt.kind === ReceiptKind.DECLINED && receipt.reason.trim() === '') {
    out.push({ field: 'reason', reason: 'is required when the receipt declines' });
  }
  checkText(out, 'reason', receipt.reason, { max: LIMITS.reasonMaxLength, multiline: true });
  return out;
}

/**
 * Rules of a batch of `delivered` receipts: the origin node (not the sender itself), and at least one
 * message id, each once.
 */
export function validateDeliveredBatch(batch: DeliveredBatch, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, batch, ctx);
  checkNode(out, 'origin', batch.origin, ctx);
  if (batch.origin !== '' && batch.origin === batch.sender) {
    out.push({ field: 'origin', reason: 'must not be the sender itself' });
  }
  if (batch.messages.length === 0) out.push({ field: 'messages', reason: 'is required' });
  checkCount(out, 'messages', batch.messages, LIMITS.maxDeliveredPerBatch);
  batch.messages.forEach((message, index) => checkId(out, itemPath('messages', index), message, true));
  checkUnique(out, 'messages', batch.messages, (message) => message);
  return out;
}

/** Rules of the hub's routing report: the routed message and its recipients, all registry nodes. */
export function validateRoutingReport(report: RoutingReport, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, report, ctx);
  checkId(out, 'message', report.message, true);
  checkRegistryIds(out, 'recipients', report.recipients, nodeRef(ctx), LIMITS.maxRecipients);
  return out;
}
