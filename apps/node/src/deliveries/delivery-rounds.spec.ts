import { deliveryRounds } from './delivery-rounds.js';

// `<sender>.<kind>.<n>`: alerts go to the inbox, receipts do not.
const senderOf = (item: string) => item.split('.')[0]!;
const forInbox = (item: string): item is string => item.split('.')[1] === 'alert';
const rounds = (batch: string[]) => deliveryRounds(batch, senderOf, forInbox);

describe('deliveryRounds', () => {
  it('takes a batch of inbox messages in with one call, in delivery order', () => {
    expect(rounds(['a.alert.1', 'b.alert.1', 'a.alert.2', 'c.alert.1'])).toEqual([
      { takeIn: ['a.alert.1', 'b.alert.1', 'a.alert.2', 'c.alert.1'], others: [] },
    ]);
  });

  it('handles other messages of different senders together, one per sender and round', () => {
    expect(rounds(['a.receipt.1', 'b.receipt.1', 'a.receipt.2', 'c.alert.1'])).toEqual([
      { takeIn: ['c.alert.1'], others: ['a.receipt.1', 'b.receipt.1'] },
      { takeIn: [], others: ['a.receipt.2'] },
    ]);
  });

  it("keeps a sender's order around its other messages", () => {
    expect(rounds(['a.alert.1', 'a.receipt.1', 'a.alert.2', 'b.alert.1', 'a.alert.3'])).toEqual([
      { takeIn: ['a.alert.1', 'b.alert.1'], others: [] },
      { takeIn: [], others: ['a.receipt.1'] },
      { takeIn: ['a.alert.2', 'a.alert.3'], others: [] },
    ]);
  });

  it('plans nothing for an empty batch', () => {
    expect(rounds([])).toEqual([]);
  });
});
