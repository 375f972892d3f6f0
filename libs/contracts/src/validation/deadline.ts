import { Priority } from '../gen/borderlink/v1/notice_pb.js';

const HOUR_MS = 3_600_000;

// EU Directive 2023/977 Art. 5: 8 hours for urgent requests on directly accessible data,
// 3 calendar days for urgent requests on indirectly accessible data, 7 days otherwise.
const ANSWER_WITHIN_MS: Readonly<Record<Priority, number | undefined>> = {
  [Priority.UNSPECIFIED]: undefined,
  [Priority.URGENT]: 8 * HOUR_MS,
  [Priority.HIGH]: 3 * 24 * HOUR_MS,
  [Priority.ROUTINE]: 7 * 24 * HOUR_MS,
};

/**
 * The time by which a notice of this priority must be answered: 8 hours (urgent), 3 days (high)
 * or 7 days (routine) after it was sent. Throws a RangeError for PRIORITY_UNSPECIFIED or an unknown value.
 */
export function deadlineFor(priority: Priority, sent: Date): Date {
  const within = ANSWER_WITHIN_MS[priority];
  if (within === undefined) throw new RangeError(`no answer deadline for priority ${priority}`);
  return new Date(sent.getTime() + within);
}
