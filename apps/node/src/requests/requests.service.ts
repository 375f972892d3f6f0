import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { HeldMessages, type Held } from '../held/held-messages.service.js';
import { ThreadIndexRepository } from '../indexes/thread-index.repository.js';
import { threadOf } from '../indexes/thread-of.js';
import { OwnAnswersRepository } from '../indexes/own-answers.repository.js';
import { RequestIndexRepository } from '../indexes/request-index.repository.js';
import {
  isOverdue,
  overall,
  type AddresseeStanding,
  type AnswerState,
  type RequestFilter,
} from './request-state.js';

/** One request as a side lists it. */
export interface RequestView {
  id: string;
  kind: string;
  requester: string;
  priority: string;
  deadline: string;
  headline: string;
  state: AnswerState;
  overdue: boolean;
  /** Each addressee's standing: every recipient for the requester, this node alone for an addressee. */
  addressees: AddresseeStanding[];
}

interface RequestJson {
  kind?: string;
  priority?: string;
  deadline?: string;
  texts?: { headline?: string }[];
}

const RECEIPT_ANSWERS: Readonly<Record<string, AnswerState>> = {
  acknowledged: 'acknowledged',
  declined: 'declined',
};

/**
 * The requests this node sent (`outgoing`: each addressee's standing from its receipts and replies)
 * or received (`incoming`: this node's own standing from its users' receipts and replies), by state;
 * overdue first, then by deadline. Only what the reader may see, recorded in the access log.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly config: NodeConfig,
    private readonly index: RequestIndexRepository,
    private readonly threads: ThreadIndexRepository,
    private readonly held: HeldMessages,
    private readonly answers: OwnAnswersRepository,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
  ) {}

  async list(
    side: 'incoming' | 'outgoing',
    filter: RequestFilter | undefined,
    reader: Principal,
  ): Promise<RequestView[]> {
    const now = this.clock.now();
    const requests = (await this.held.read(await this.index.members(side), reader.clearance)).filter(
      (held) => held.kind === 'notice',
    );
    const own = side === 'incoming' ? await this.answers.of(requests.map((request) => request.id)) : [];
    const views = await Promise.all(
      requests.map(async (request, i) => {
        const replied = await this.repliers(request, reader);
        const standings =
          side === 'outgoing'
            ? (request.receipts ?? []).map(({ node, state }) => ({
                node,
                state: replied.has(node) ? 'answered' : (RECEIPT_ANSWERS[state] ?? 'open'),
              }))
            : [
                {
                  node: this.config.NODE_ID,
                  state: replied.has(this.config.NODE_ID)
                    ? 'answered'
                    : (RECEIPT_ANSWERS[own[i] ?? ''] ?? 'open'),
                },
              ];
        return this.view(request, standings as { node: string; state: AnswerState }[], now);
      }),
    );
    const listed = views
      .filter((view) => filter === undefined || (filter === 'overdue' ? view.overdue : view.state === filter))
      .sort(
        (a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.deadline) - Date.parse(b.deadline),
      );
    this.accessLog.record(
      reader,
      'list',
      listed.map((view) => view.id),
    );
    return listed;
  }

  // The nodes that replied to `request` in its thread, as far as this node holds their replies.
  private async repliers(request: Held, reader: Principal): Promise<Set<string>> {
    const thread = await this.held.read(
      await this.threads.members(threadOf('notice', request.message)),
      reader.clearance,
    );
    return new Set(
      thread
        .filter(
          (held) => held.kind === 'reply' && (held.message as { notice?: string }).notice === request.id,
        )
        .map((held) => held.sender),
    );
  }

  private view(request: Held, standings: { node: string; state: AnswerState }[], now: Date): RequestView {
    const { kind = '', priority = '', deadline = '', texts = [] } = request.message as RequestJson;
    const due = Date.parse(deadline);
    const addressees = standings.map(({ node, state }) => ({
      node,
      state,
      overdue: isOverdue(state, due, now),
    }));
    return {
      id: request.id,
      kind,
      requester: request.sender,
      priority,
      deadline,
      headline: texts[0]?.headline ?? '',
      ...overall(addressees),
      addressees,
    };
  }
}
