import { AuditEvent, type AuditEntry, type MessageKind, type Release } from '#contracts';
import type { ReleaseRequestRecord } from '../releases/release-request.store.js';
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
    if (entry.event === AuditEvent.RELEASED) {
      const route = this.routes.get(entry.message);
      const to = entry.recipients[0];
      if (route !== undefined && to !== undefined && !route.value.recipients.includes(to))
        route.value.recipients.push(to);
    }
  }

  /** Takes in one ingress message. */
  addIngress({ sequence, node, id, release }: IngressFact): void {
    if (id === undefined) return;
    const key = `${node}/${id}`;
    if (!this.firstSequence.has(key)) this.firstSequence.set(key, sequence);
    if (release !== undefined) this.releases.push({ sequence, node, release });
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
    return { acceptedIds, routes, releaseRequests: this.releaseRequests(acceptedIds) };
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
