import { ReceiptKind } from '#contracts';
import { advances, stateOfReceipt, type DeliveryState } from './delivery-state.js';

describe('delivery state ordering', () => {
  const order: DeliveryState[] = ['pending', 'delivered', 'read', 'acknowledged'];

  it('moves any recipient not yet known to any state', () => {
    for (const state of [...order, 'declined'] as const) expect(advances(undefined, state)).toBe(true);
  });

  it('moves forward along pending → delivered → read → acknowledged', () => {
    order.forEach((from, i) => order.slice(i + 1).forEach((to) => expect(advances(from, to)).toBe(true)));
  });

  it('never moves backwards or stays put', () => {
    order.forEach((from, i) => order.slice(0, i + 1).forEach((to) => expect(advances(from, to)).toBe(false)));
  });

  it('treats acknowledged and declined as final: neither replaces the other', () => {
    expect(advances('acknowledged', 'declined')).toBe(false);
    expect(advances('declined', 'acknowledged')).toBe(false);
    expect(advances('read', 'declined')).toBe(true);
    expect(advances('declined', 'read')).toBe(false);
  });

  it('maps receipt kinds to states, and an unspecified kind to none', () => {
    expect(stateOfReceipt(ReceiptKind.DELIVERED)).toBe('delivered');
    expect(stateOfReceipt(ReceiptKind.READ)).toBe('read');
    expect(stateOfReceipt(ReceiptKind.ACKNOWLEDGED)).toBe('acknowledged');
    expect(stateOfReceipt(ReceiptKind.DECLINED)).toBe('declined');
    expect(stateOfReceipt(ReceiptKind.UNSPECIFIED)).toBeUndefined();
  });
});
