import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { HeldMessages, sentTime } from '../held/held-messages.service.js';
import type { ThreadEntry } from './thread-entry.js';
import { ThreadIndexRepository } from '../indexes/thread-index.repository.js';

/**
 * A thread as one node sees it: the messages of the thread it received and sent, in their signed
 * order, only those the reader's clearance admits.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly index: ThreadIndexRepository,
    private readonly held: HeldMessages,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Thread `thread`, oldest first, recorded in the access log (`read`) when this returns.
   * @throws UnknownMessageError when the reader may see none of it (a thread it may not see does not
   *   exist for it); AccessLogUnavailableError when the read could not be recorded.
   */
  async view(thread: string, reader: Principal): Promise<ThreadEntry[]> {
    const entries = (await this.held.read(await this.index.members(thread), reader.clearance)).map(
      (held): ThreadEntry => ({ ...held, sent: sentTime(held.message) }),
    );
    if (entries.length === 0) throw new UnknownMessageError(thread);
    entries.sort((a, b) => Date.parse(a.sent) - Date.parse(b.sent) || a.id.localeCompare(b.id));
    this.accessLog.record(
      reader,
      'read',
      entries.map((entry) => entry.id),
    );
    return entries;
  }
}
