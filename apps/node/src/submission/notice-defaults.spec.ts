import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { NoticeSchema, Priority } from '#contracts';
import { completeNotice } from './notice-defaults.js';

const SENT = new Date('2025-03-14T08:30:00.000Z');
const HOUR = 3_600_000;

describe('notice defaults', () => {
  it('opens its own thread, named by its id, when it names none', () => {
    const notice = create(NoticeSchema, { id: 'n1', priority: Priority.ROUTINE });
    completeNotice(notice, SENT);
    expect(notice.thread).toBe('n1');
  });

  it('keeps the thread it continues', () => {
    const notice = create(NoticeSchema, { id: 'n2', thread: 'n1', priority: Priority.ROUTINE });
    completeNotice(notice, SENT);
    expect(notice.thread).toBe('n1');
  });

  it.each([
    [Priority.URGENT, 8 * HOUR],
    [Priority.HIGH, 72 * HOUR],
    [Priority.ROUTINE, 7 * 24 * HOUR],
  ])('sets the deadline of priority %s from the sent time', (priority, within) => {
    const notice = create(NoticeSchema, { id: 'n1', priority });
    completeNotice(notice, SENT);
    expect(notice.deadline && timestampDate(notice.deadline)).toEqual(new Date(SENT.getTime() + within));
  });

  it('keeps a deadline the sender set', () => {
    const deadline = timestampFromDate(new Date(SENT.getTime() + HOUR));
    const notice = create(NoticeSchema, { id: 'n1', priority: Priority.ROUTINE, deadline });
    completeNotice(notice, SENT);
    expect(notice.deadline).toEqual(deadline);
  });

  it('leaves a notice without priority without deadline, for validation to refuse', () => {
    const notice = create(NoticeSchema, { id: 'n1' });
    completeNotice(notice, SENT);
    expect(notice.deadline).toBeUndefined();
  });
});
