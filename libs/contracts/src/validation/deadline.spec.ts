import { Priority } from '../gen/borderlink/v1/notice_pb.js';
import { deadlineFor } from './deadline.js';

const sent = new Date('2025-03-14T22:15:00Z');

describe('deadlineFor', () => {
  it.each([
    [Priority.URGENT, '2025-03-15T06:15:00.000Z'],
    [Priority.HIGH, '2025-03-17T22:15:00.000Z'],
    [Priority.ROUTINE, '2025-03-21T22:15:00.000Z'],
  ])('gives priority %i its answer deadline (8 h, 3 days, 7 days)', (priority, expected) => {
    expect(deadlineFor(priority, sent).toISOString()).toBe(expected);
  });

  it('refuses a priority without a deadline', () => {
    expect(() => deadlineFor(Priority.UNSPECIFIED, sent)).toThrow(RangeError);
    expect(() => deadlineFor(9 as Priority, sent)).toThrow(RangeError);
  });
});
