import { KAT_DEAD_LETTER, KAT_DELIVERED_BATCH, KAT_RECEIPT, KAT_SEED } from '../test/trust.fixtures.js';
import { generateNodeKey, NodeSigner } from './node-signer.js';

const ids = NodeSigner.fromSeed(KAT_SEED).ids;

describe('KeyedIds', () => {
  it('derives the known receipt id from the known seed', () => {
    const { origin, message, recipient, kind, id } = KAT_RECEIPT;
    expect(ids.receiptId(origin, message, recipient, kind)).toBe(id);
  });

  it('derives the known delivered batch id from the known seed, another for other messages or order', () => {
    const { origin, recipient, messages, id } = KAT_DELIVERED_BATCH;
    expect(ids.deliveredBatchId(origin, recipient, messages)).toBe(id);
    expect(ids.deliveredBatchId(origin, recipient, [...messages].reverse())).not.toBe(id);
    expect(ids.deliveredBatchId(origin, recipient, messages.slice(1))).not.toBe(id);
  });

  it('derives the known dead-letter record id from the known seed', () => {
    const { stream, consumer, sequence, id } = KAT_DEAD_LETTER;
    expect(ids.deadLetterId(stream, consumer, sequence)).toBe(id);
  });

  it('gives the same id for the same receipt again, and another for another kind or message', () => {
    const { origin, message, recipient } = KAT_RECEIPT;
    const delivered = ids.receiptId(origin, message, recipient, 'DELIVERED');
    expect(ids.receiptId(origin, message, recipient, 'DELIVERED')).toBe(delivered);
    expect(ids.receiptId(origin, message, recipient, 'READ')).not.toBe(delivered);
    expect(ids.receiptId(origin, `${message}0`, recipient, 'DELIVERED')).not.toBe(delivered);
  });

  it('cannot be made by another party: another seed gives other ids for the same receipt and record', () => {
    const other = NodeSigner.fromSeed(generateNodeKey().seed).ids;
    const { origin, message, recipient, kind } = KAT_RECEIPT;
    expect(other.receiptId(origin, message, recipient, kind)).not.toBe(KAT_RECEIPT.id);
    const { stream, consumer, sequence } = KAT_DEAD_LETTER;
    expect(other.deadLetterId(stream, consumer, sequence)).not.toBe(KAT_DEAD_LETTER.id);
  });

  it('writes receipt ids as version-8 UUIDs, which are valid message ids', () => {
    expect(KAT_RECEIPT.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
