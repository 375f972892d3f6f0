import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { HeldMessages, sentTime, type Held } from '../held/held-messages.service.js';
import { ThreadIndexRepository } from '../indexes/thread-index.repository.js';
import { threadOf } from '../indexes/thread-of.js';
import { TraceIndexRepository } from '../indexes/trace-index.repository.js';

/** Where a firearms trace stands, after the UN International Tracing Instrument's steps. */
export const TRACE_STATES = [
  'requested',
  'received',
  'in-progress',
  'delayed',
  'traced',
  'not-traceable',
] as const;
export type TraceState = (typeof TRACE_STATES)[number];

// The wire's TraceStatus (protobuf JSON names) in the words of the trace's life.
const STATE_OF: Readonly<Record<string, TraceState>> = {
  TRACE_STATUS_SUBMITTED: 'requested',
  TRACE_STATUS_ACKNOWLEDGED: 'received',
  TRACE_STATUS_IN_PROGRESS: 'in-progress',
  TRACE_STATUS_DELAYED: 'delayed',
  TRACE_STATUS_ANSWERED: 'traced',
  TRACE_STATUS_DECLINED: 'not-traceable',
};

/** One trace request of a seizure alert, and where it stands. */
export interface TraceView {
  id: string;
  requester: string;
  addressees: string[];
  /** The weapon traced (protobuf JSON of a Weapon). */
  weapon: unknown;
  state: TraceState;
  /** Why, for `delayed` and `not-traceable`. */
  reason?: string;
  /** What the trace established, for `traced` (protobuf JSON of a TraceResult). */
  result?: unknown;
  /** Who moved it to its state, and when (the answer's signed sent time). */
  by?: string;
  at?: string;
}

interface TraceAnswer {
  notice?: string;
  traceStatus?: string;
  traceStatusReason?: string;
  traceResult?: unknown;
}

/**
 * The trace requests a node holds for a seizure alert, each with the state its answers moved it to:
 * the latest answer with a trace status in the request's thread, else `received` once an addressee
 * acknowledged it, else `requested`. Only what the reader may see.
 */
@Injectable()
export class TracesService {
  constructor(
    private readonly traces: TraceIndexRepository,
    private readonly threads: ThreadIndexRepository,
    private readonly held: HeldMessages,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * The traces of seizure alert `alert`, recorded in the access log (`read`) when this returns.
   * @throws UnknownMessageError when the node holds no such alert the reader may see.
   */
  async ofAlert(alert: string, reader: Principal): Promise<TraceView[]> {
    const seizure = await this.held.one(alert, reader.clearance);
    if (seizure?.kind !== 'alert') throw new UnknownMessageError(alert);
    const requests = (await this.held.read(await this.traces.members(alert), reader.clearance)).filter(
      (request) => request.kind === 'notice',
    );
    const views = await Promise.all(requests.map((request) => this.view(request, reader)));
    this.accessLog.record(reader, 'read', [alert, ...views.flatMap(({ read }) => read)]);
    return views.map(({ view }) => view).sort((a, b) => a.id.localeCompare(b.id));
  }

  private async view(request: Held, reader: Principal): Promise<{ view: TraceView; read: string[] }> {
    const thread = await this.held.read(
      await this.threads.members(threadOf('notice', request.message)),
      reader.clearance,
    );
    const answers = thread
      .filter((held) => held.kind === 'reply')
      .map((held) => ({ held, answer: held.message as TraceAnswer }))
      .filter(
        ({ answer }) => answer.notice === request.id && STATE_OF[answer.traceStatus ?? ''] !== undefined,
      )
      .sort((a, b) => Date.parse(sentTime(a.held.message)) - Date.parse(sentTime(b.held.message)));
    const latest = answers.at(-1);
    const { addressees, trace } = request.message as {
      addressees?: { nodes?: string[] };
      trace?: { item?: unknown };
    };
    const acknowledged = request.receipts?.some((receipt) => receipt.state === 'acknowledged') ?? false;
    const view: TraceView = {
      id: request.id,
      requester: request.sender,
      addressees: addressees?.nodes ?? [],
      weapon: trace?.item ?? {},
      state: latest ? STATE_OF[latest.answer.traceStatus!]! : acknowledged ? 'received' : 'requested',
    };
    if (latest) {
      const { traceStatusReason, traceResult } = latest.answer;
      Object.assign(view, {
        by: latest.held.sender,
        at: sentTime(latest.held.message),
        ...(traceStatusReason ? { reason: traceStatusReason } : {}),
        ...(traceResult === undefined ? {} : { result: traceResult }),
      });
    }
    return { view, read: [request.id, ...answers.map(({ held }) => held.id)] };
  }
}
