import { Injectable } from '@nestjs/common';
import type { JsonValue } from '@bufbuild/protobuf';
import type { Principal } from '../access/principal.js';
import { NodeConfig } from '../config/node.config.js';
import { InboxService } from '../inbox/inbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import { SubmissionService } from '../submission/submission.service.js';
import { threadOf } from '../indexes/thread-of.js';
import { completeReply, type Answered } from './reply-defaults.js';

/** Replies this node's users send to what the node received: within the original's thread and audience. */
@Injectable()
export class RepliesService {
  constructor(
    private readonly config: NodeConfig,
    private readonly inbox: InboxService,
    private readonly submission: SubmissionService,
  ) {}

  /**
   * Sends the reply in `json` (protobuf JSON mapping) to received message `id`, by `author`. A reply
   * to a reply answers the same alert or notice, in the same thread.
   * @throws UnknownMessageError (HTTP 404) when the inbox holds no such message the author may see,
   *   UnverifiedMessageError (HTTP 409) when its origin is not certain, and what submission throws.
   */
  async reply(id: string, json: unknown, author: Principal): Promise<Submitted> {
    const original = await this.inbox.answerable(id, author.clearance);
    const message = original.message as { notice?: string; addressees?: JsonValue; handling?: JsonValue };
    const answered: Answered = {
      id: original.kind === 'reply' && message.notice !== undefined ? message.notice : original.id,
      thread: threadOf(original.kind, original.message),
      ...(message.addressees === undefined ? {} : { addressees: message.addressees }),
      ...(message.handling === undefined ? {} : { handling: message.handling }),
    };
    return this.submission.submit('reply', json, author.id, (reply) =>
      completeReply(reply, answered, this.config.NODE_ID),
    );
  }
}
