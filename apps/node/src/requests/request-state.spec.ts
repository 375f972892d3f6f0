import { isOverdue, overall } from './request-state.js';

const NOW = new Date('2025-03-14T12:00:00.000Z');

describe('request state', () => {
  it('is overdue at the deadline while an answer is owed, never once answered or declined', () => {
    const deadline = NOW.getTime();
    expect(isOverdue('open', deadline, NOW)).toBe(true);
    expect(isOverdue('acknowledged', deadline, NOW)).toBe(true);
    expect(isOverdue('open', deadline + 1, NOW)).toBe(false);
    expect(isOverdue('answered', deadline - 1, NOW)).toBe(false);
    expect(isOverdue('declined', deadline - 1, NOW)).toBe(false);
  });

  it('stands where its least advanced addressee stands, answered once each answered or declined', () => {
    const standing = (state: 'open' | 'acknowledged' | 'answered' | 'declined', overdue = false) => ({
      node: 'n',
      state,
      overdue,
    });
    expect(overall([standing('answered'), standing('open', true)])).toEqual({ state: 'open', overdue: true });
    expect(overall([standing('answered'), standing('acknowledged')])).toEqual({
      state: 'acknowledged',
      overdue: false,
    });
    expect(overall([standing('answered'), standing('declined')]).state).toBe('answered');
    expect(overall([standing('declined')]).state).toBe('declined');
    expect(overall([]).state).toBe('open');
  });
});
