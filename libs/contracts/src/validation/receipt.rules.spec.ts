import { ReceiptKind } from '../gen/borderlink/v1/receipt_pb.js';
import { fixtureContext, validReceipt, validRoutingReport } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

describe('receipt', () => {
  const violationsOf = (receipt: ReturnType<typeof validReceipt>) =>
    validateMessage('receipt', receipt, fixtureContext());

  it('requires the message, its origin and the receipt kind', () => {
    const receipt = validReceipt();
    receipt.message = '';
    receipt.origin = '';
    receipt.kind = ReceiptKind.UNSPECIFIED;
    expect(violationsOf(receipt)).toEqual([
      { field: 'message', reason: 'is required' },
      { field: 'origin', reason: 'is required' },
      { field: 'kind', reason: 'is required' },
    ]);
  });

  it('refuses an origin the registry does not know', () => {
    const receipt = validReceipt();
    receipt.origin = 'xx-border';
    expect(violationsOf(receipt)).toEqual([{ field: 'origin', reason: "unknown node 'xx-border'" }]);
  });

  it('requires a reason to decline', () => {
    const receipt = validReceipt();
    receipt.kind = ReceiptKind.DECLINED;
    expect(violationsOf(receipt)).toEqual([
      { field: 'reason', reason: 'is required when the receipt declines' },
    ]);
    receipt.reason = 'Outside our area of responsibility; forwarded to uz-customs';
    expect(violationsOf(receipt)).toEqual([]);
  });

  it('bounds the reason', () => {
    const receipt = validReceipt();
    receipt.reason = 'r'.repeat(1_001);
    expect(violationsOf(receipt)).toEqual([{ field: 'reason', reason: 'must be at most 1000 characters' }]);
  });
});

describe('routing report', () => {
  const violationsOf = (report: ReturnType<typeof validRoutingReport>) =>
    validateMessage('routing', report, fixtureContext());

  it('accepts a report with no recipient (nobody subscribed)', () => {
    const report = validRoutingReport();
    report.recipients = [];
    expect(violationsOf(report)).toEqual([]);
  });

  it('requires the routed message and known, distinct recipients', () => {
    const report = validRoutingReport();
    report.message = '';
    report.recipients = ['uz-border', 'ghost', 'uz-border'];
    expect(violationsOf(report)).toEqual([
      { field: 'message', reason: 'is required' },
      { field: 'recipients[1]', reason: "unknown node 'ghost'" },
      { field: 'recipients[2]', reason: 'duplicates recipients[0]' },
    ]);
  });
});
