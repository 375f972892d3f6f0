import { AuditEvent, type AuditEntry, type MessageKind, type Release } from '#contracts';
import { followUpId } from '../delivery/delivery.service.js';
import type { ReleaseRequestRecord } from '../releases/release-request.store.js';
import {
  ANSWER_RANK,
  type AnswerState,
  type RebuiltRequest,
  type TrackedRequest,
} from '../requests/tracked-request.js';
import type { RouteRecord } from '../routes/route-record.store.js';

/** One audit entry as read back, with the `Nats-Msg-Id` it was stored under (`<ref>:<event>`). */
export interface AuditFact {
  entry: AuditEntry;
  msgId: string | undefined;
}

/** One ingress message as read back: where it sits, who sent it, the id it claims. */
export interface IngressFact {
  sequence: number;
  /** The node of its subject (`bl.in.<node>.<kind>`): the only one NATS lets publish there. */
  node: string;
  id: string | undefined;
  /** Its decoded body when it is a release message (the release workflow's records come from it). */
  release?: Release;
  /** What the hub tracks of it when it is a request with a deadline. */
  request?: TrackedRequest;
  /** The alert or notice it answers when it is a reply. */
  answers?: string;
}

/** One value to restore, and when its occurrence happened (the TTL runs from then, not from now). */
export interface Dated<T> {
  value: T;
  at: number;
}

/** Everything the hub keeps in Redis that can be derived from its streams. */
export interface HubStatePlan {
  /** Accepted message id → the ingress sequence that carried it (0 when it is no longer there). */
  acceptedIds: Map<string, Dated<number>>;
  routes: Map<string, Dated<RouteRecord>>;
  releaseRequests: Map<string, Dated<ReleaseRequestRecord>>;
  requests: Map<string, RebuiltRequest>;
}

// The events recorded when the hub accepted an ingress message: ACCEPTED, and for a receipt the event
// of its kind. Their ref (the first part of the msgId) is the accepted message's id.
const ACCEPTING_EVENTS = new Set([
  AuditEvent.ACCEPTED,
  AuditEvent.DELIVERED,
  AuditEvent.READ,
  AuditEvent.ACKNOWLEDGED,
  AuditEvent.DECLINED,
]);

interface Accepted {
  /** The node that sent it: the origin, or for a receipt the receipt's sender. */
  sender: string;
  at: number;
}

function refOf(msgId: string | undefined): string | undefined {
  if (msgId === undefined) return undefined;
  const cut = msgId.lastIndexOf(':');
  return cut > 0 ? msgId.slice(0, cut) : undefined;
}

function millisOf(entry: AuditEntry): number {
  return entry.at === undefined ? 0 : Number(entry.at.seconds) * 1000 + Math.floor(entry.at.nanos / 1e6);
}

/**
 * Folds what the audit and ingress streams hold back into the hub's Redis state. Feed facts in
 * stream order (audit and ingress independently, in any interleaving); `plan` joins them. Pure, so
 * two hub instances folding the same streams reach the same plan.
 */
export class HubStateFold {
  private readonly accepted = new Map<string, Accepted>();
  private readonly routes = new Map<string, Dated<RouteRecord>>();
  // First ingress sequence of each (node, id): the message that carried the id first.
  private readonly firstSequence = new Map<string, number>();
  private readonly releases: Array<{ sequence: number; node: string; release: Release }> = [];
  private readonly requests: Array<{ sequence: number; node: string; request: TrackedRequest }> = [];
  private readonly replies: Array<{ sequence: number; node: string; id: string; answers: string }> = [];
  // Receipts' answers in audit order, and the refs of the follow-ups already issued.
  private readonly receipts: Array<{ message: string; sender: string; state: AnswerState }> = [];
  private readonly followUps = new Set<string>();

  /** Takes in one audit entry. */
  addAudit({ entry, msgId }: AuditFact): void {
    const at = millisOf(entry);
    if (ACCEPTING_EVENTS.has(entry.event)) {
      const ref = refOf(msgId);
      const sender = entry.event === AuditEvent.ACCEPTED ? entry.origin : entry.recipients[0];
      if (ref !== undefined && sender !== undefined && !this.accepted.has(ref))
        this.accepted.set(ref, { sender, at });
    }
    if (entry.event === AuditEvent.ACCEPTED && !this.routes.has(entry.message)) {
      const record = {
        origin: entry.origin,
        kind: entry.kind as MessageKind,
        recipients: [...entry.recipients],
      };
      this.routes.set(entry.message, { value: record, at });
    }
    if (entry.event === AuditEvent.ACKNOWLEDGED || entry.event === AuditEvent.DECLINED) {
      const sender = entry.recipients[0];
      const state = entry.event === AuditEvent.ACKNOWLEDGED ? 'acknowledged' : 'declined';
      if (sender !== undefined) this.receipts.push({ message: entry.message, sender, state });
    }
    if (entry.event === AuditEvent.REMINDED || entry.event === AuditEvent.ESCALATED) {
      const ref = refOf(msgId);
      if (ref !== undefined) this.followUps.add(ref);
    }
    if (entry.event === AuditEvent.RELEASED) {
      const route = this.routes.get(entry.message);
      const to = entry.recipients[0];
      if (route !== undefined && to !== undefined && !route.value.recipients.includes(to))
        route.value.recipients.push(to);
    }
  }

  /** Takes in one ingress message. */
  addIngress({ sequence, node, id, release, request, answers }: IngressFact): void {
    if (id === undefined) return;
    const key = `${node}/${id}`;
    if (!this.firstSequence.has(key)) this.firstSequence.set(key, sequence);
    if (release !== undefined) this.releases.push({ sequence, node, release });
    if (request !== undefined) this.requests.push({ sequence, node, request });
    if (answers !== undefined) this.replies.push({ sequence, node, id, answers });
  }

  /** The state to restore, joined from all facts taken in so far. */
  plan(): HubStatePlan {
    const acceptedIds = new Map<string, Dated<number>>();
    for (const [id, { sender, at }] of this.accepted) {
      acceptedIds.set(id, { value: this.firstSequence.get(`${sender}/${id}`) ?? 0, at });
    }
    const routes = new Map<string, Dated<RouteRecord>>();
    for (const [id, { value, at }] of this.routes) {
      const sequence = this.firstSequence.get(`${value.origin}/${id}`);
      routes.set(id, { value: sequence === undefined ? { ...value } : { ...value, sequence }, at });
    }
    return {
      acceptedIds,
      routes,
      releaseRequests: this.releaseRequests(acceptedIds),
      requests: this.trackedRequests(acceptedIds, routes),
    };
  }

  // Each request the hub accepted and routed, with its addressees' answers (their receipts, and their
  // replies the hub accepted) and the follow-ups the audit does not show issued yet.
  private trackedRequests(
    acceptedIds: Map<string, Dated<number>>,
    routes: Map<string, Dated<RouteRecord>>,
  ): Map<string, RebuiltRequest> {
    const accepted = (id: string, sequence: number) => acceptedIds.get(id)?.value === sequence;
    const rebuilt = new Map<string, RebuiltRequest>();
    for (const { sequence, node, request } of this.requests) {
      const route = routes.get(request.id);
      if (!accepted(request.id, sequence) || node !== request.requester || route === undefined) continue;
      const answers = new Map<string, AnswerState>(
        route.value.recipients.map((addressee) => [addressee, 'open']),
      );
      rebuilt.set(request.id, { request, answers, pending: [] });
    }
    const answer = (request: string, sender: string, state: AnswerState) => {
      const answers = rebuilt.get(request)?.answers;
      const current = answers?.get(sender);
      if (current !== undefined && ANSWER_RANK[state] > ANSWER_RANK[current]) answers!.set(sender, state);
    };
    for (const { message, sender, state } of this.receipts) answer(message, sender, state);
    for (const { sequence, node, id, answers } of this.replies) {
      if (accepted(id, sequence)) answer(answers, node, 'answered');
    }
    for (const { request, answers, pending } of rebuilt.values()) {
      for (const [addressee, state] of answers) {
        if (state !== 'open' && state !== 'acknowledged') continue;
        for (const stage of ['overdue', 'escalated'] as const) {
          if (!this.followUps.has(followUpId(request.id, addressee, stage)))
            pending.push({ addressee, stage });
        }
      }
    }
    return rebuilt;
  }

  // Only releases the hub accepted count, each from the very message that was accepted, in stream order
  // so that a decision finds the request it answers.
  private releaseRequests(acceptedIds: Map<string, Dated<number>>): Map<string, Dated<ReleaseRequestRecord>> {
    const requests = new Map<string, Dated<ReleaseRequestRecord>>();
    const ordered = [...this.releases].sort((a, b) => a.sequence - b.sequence);
    for (const { sequence, node, release } of ordered) {
      const accepted = acceptedIds.get(release.id);
      if (accepted === undefined || accepted.value !== sequence || node !== release.sender) continue;
      const { step } = release;
      if (step.case === 'request') {
        const { message, origin, sender: requester, to } = release;
        requests.set(release.id, { value: { message, origin, requester, to }, at: accepted.at });
      } else if (step.case === 'decision') {
        const request = requests.get(step.value.request);
        if (request !== undefined) request.value = { ...request.value, decision: release.id };
      }
    }
    return requests;
  }
}
