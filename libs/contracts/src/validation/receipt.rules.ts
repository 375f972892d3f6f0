import type { Receipt, RoutingReport } from '../gen/borderlink/v1/receipt_pb.js';
import { ReceiptKind, ReceiptKindSchema } from '../gen/borderlink/v1/receipt_pb.js';
import { checkNode } from './addressees.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkId } from './id.rules.js';
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

/** Rules of the hub's routing report: the routed message and its recipients, all registry nodes. */
export function validateRoutingReport(report: RoutingReport, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, report, ctx);
  checkId(out, 'message', report.message, true);
  checkRegistryIds(out, 'recipients', report.recipients, nodeRef(ctx), LIMITS.maxRecipients);
  return out;
}
