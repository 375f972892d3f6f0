import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { deadlineFor, Priority, type Notice } from '#contracts';

/**
 * Fills what a notice's sender may leave out: the thread (a notice without one opens its own,
 * named by its id) and the answer deadline that its priority sets (EU Directive 2023/977 Art. 5).
 * A notice without a priority keeps no deadline, and validation refuses it.
 */
export function completeNotice(notice: Notice, sent: Date): void {
  if (notice.thread === '') notice.thread = notice.id;
  if (notice.deadline === undefined && notice.priority !== Priority.UNSPECIFIED) {
    notice.deadline = timestampFromDate(deadlineFor(notice.priority, sent));
  }
}
