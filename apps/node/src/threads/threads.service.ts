import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { NodeConfig } from '../config/node.config.js';
import { InboxService } from '../inbox/inbox.service.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import type { ThreadEntry } from './thread-entry.js';
import { ThreadIndexRepository } from './thread-index.repository.js';

const sentTime = (message: unknown): string => (message as { sent?: string }).sent ?? '';

/**
 * A thread as one node sees it: the messages of the thread it received and sent, in their signed
 * order, only those the reader's clearance admits.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly config: NodeConfig,
    private readonly index: ThreadIndexRepository,
    private readonly inbox: InboxService,
    private readonly sent: SentMessagesService,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Thread `thread`, oldest first, recorded in the access log (`read`) when this returns.
   * @throws UnknownMessageError when the reader may see none of it (a thread it may not see does not
   *   exist for it); AccessLogUnavailableError when the read could not be recorded.
   */
  async view(thread: string, reader: Principal): Promise<ThreadEntry[]> {
    const ids = await this.index.members(thread);
    const entries = (await Promise.all(ids.map((id) => this.entry(id, reader)))).filter(
      (entry): entry is ThreadEntry => entry !== undefined,
    );
    if (entries.length === 0) throw new UnknownMessageError(thread);
    entries.sort((a, b) => a.sent.localeCompare(b.sent) || a.id.localeCompare(b.id));
    this.accessLog.record(
      reader,
      'read',
      entries.map((entry) => entry.id),
    );
    return entries;
  }

  private async entry(id: string, reader: Principal): Promise<ThreadEntry | undefined> {
    const received = await this.inbox.get(id, reader.clearance);
    if (received !== undefined) {
      const { kind, sender, handling, message, state, supersededBy, cancelledBy } = received;
      return {
        id,
        kind,
        direction: 'received',
        sender,
        sent: sentTime(message),
        handling,
        message,
        state,
        ...(supersededBy === undefined ? {} : { supersededBy }),
        ...(cancelledBy === undefined ? {} : { cancelledBy }),
      };
    }
    const sent = await this.sent.visible(id, reader.clearance);
    if (sent?.message === undefined) return undefined;
    return {
      id,
      kind: sent.kind,
      direction: 'sent',
      sender: this.config.NODE_ID,
      sent: sentTime(sent.message),
      handling: sent.handling ?? '',
      message: sent.message,
      receipts: sent.recipients,
    };
  }
}
