import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '#runtime';
import { NodeSigner, canonicalSentTime, signAccessHead, type AccessLogExport } from '#trust';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal.js';
import { Clock } from '../common/clock.js';
import { currentRequestId } from '../common/request-id.js';
import { NodeConfig } from '../config/node.config.js';
import { AccessLogUnavailableError } from './access-log.errors.js';
import { AccessLogRepository } from './access-log.repository.js';

/**
 * How a message was handed out: `read` (by id: GET /v1/inbox/{id}, GET /v1/messages/{id}, a thread, a
 * trace), `list` (each item of a GET /v1/inbox page), `stream` (each item sent on the live stream).
 */
export type AccessAction = 'read' | 'list' | 'stream';

/** Records, once called, that messages are handed to someone; see AccessLogService.recorder. */
export type AccessRecorder = (messages: readonly string[]) => void;

/** Most entries one page of the export holds; the rest are paged with `after`. */
export const ACCESS_LOG_PAGE_MAX = 10_000;

/**
 * The node's access log: who was handed which message, how, when and in which request, recorded
 * before the message is handed out, in a hash chain an oversight body exports with a head the node
 * signs, and checks with `borderlink access-log verify` (docs/security.md). A message whose entry
 * cannot be written is not handed out.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly repository: AccessLogRepository,
    private readonly clock: Clock,
    private readonly config: NodeConfig,
    private readonly signer: NodeSigner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Records that `principal` is handed `messages` by `action` in the request being served, on disk
   * when this returns. Call it before handing them out.
   * @throws AccessLogUnavailableError when the entries could not be written: do not hand them out.
   */
  record(principal: Principal, action: AccessAction, messages: readonly string[]): void {
    this.recorder(principal, action)(messages);
  }

  /**
   * A recorder for messages handed out later in the request being served now, as `record` records:
   * a live stream's items arrive outside the request's context, and keep its id this way.
   */
  recorder(principal: Principal, action: AccessAction): AccessRecorder {
    const request = currentRequestId() ?? '';
    return (messages) => {
      if (messages.length === 0) return;
      const at = canonicalSentTime(this.clock.now());
      const { id, name } = principal;
      try {
        this.repository.append(
          messages.map((message) => ({ at, principal: id, name, action, message, request })),
        );
      } catch (error) {
        this.logger.error(
          { err: error, principal: id, action, msgIds: messages },
          'access log not written: the messages are withheld',
        );
        throw new AccessLogUnavailableError(`the access log could not record ${action} by ${id}`, {
          cause: error,
        });
      }
    };
  }

  /**
   * Up to `limit` entries after sequence `after`, with the log's head when they were read, signed
   * with the node's key; `next` when more follow. Oversight keeps the head: a later export that no
   * longer holds its entry, or holds it with another hash, was cut or rewritten.
   */
  export(principal: Principal, after: number, limit: number): AccessLogExport {
    const { records, head } = this.repository.page(after, limit + 1);
    // Not an entry of the chain: an export hands out no message, and the chain is who was handed
    // which; entries for oversight's own reads would grow it with every page and move the head an
    // export is reading towards. The node's log names who exported what.
    this.logger.info(
      { principal: principal.id, after, entries: Math.min(records.length, limit), head: head.sequence },
      'access log exported',
    );
    const entries = records.slice(0, limit);
    const signed = signAccessHead(this.signer, {
      node: this.config.NODE_ID,
      at: canonicalSentTime(this.clock.now()),
      ...head,
    });
    return {
      node: this.config.NODE_ID,
      entries,
      head: signed,
      ...(records.length > limit ? { next: entries.at(-1)!.sequence } : {}),
    };
  }
}
