import { Injectable } from '@nestjs/common';
import {
  AuditEvent,
  DIRECT_REGION,
  GENERAL_CATEGORY,
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  RejectionReason,
  categoryToken,
  decodeMessage,
  deliverySubject,
  type Release,
  type ReleaseDecision,
} from '#contracts';
import type { OutboundEnvelope } from '#messaging';
import { RegistryIndex } from '#registry';
import { readSignedFields, statedMessageOf } from '#trust';
import { AuditTrail } from '../audit/audit-trail.js';
import { DeliveryStatementsService } from '../audit/delivery-statements.service.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import { RouteRecordStore, type RouteRecord } from '../routes/route-record.store.js';
import { OriginalMessageStore, type OriginalMessage } from './original-message.store.js';
import { ReleaseRequestStore, type ReleaseRequestRecord } from './release-request.store.js';

// The origin's wire headers all start so; Bl-Recipient and Bl-Statement are the hub's, set per copy.
const WIRE_HEADER_PREFIX = 'Bl-';
const HUB_HEADERS: ReadonlySet<string> = new Set([HEADER_RECIPIENT, HEADER_STATEMENT]);

function unauthorized(detail: string): IngressRefusal {
  return new IngressRefusal(RejectionReason.UNAUTHORIZED, detail);
}

/** Who approved a release decision: its people (two for four eyes), or its origin when it names none. */
function approvedBy(release: Release): string {
  const approvers = release.step.case === 'decision' ? release.step.value.approvers : [];
  return approvers.length > 0 ? `${approvers.join(' and ')} of ${release.origin}` : release.origin;
}

/** The category token of the original message's delivery subject. */
function categoryOf(route: RouteRecord, original: OriginalMessage): string {
  if (route.kind !== 'alert' && route.kind !== 'notice') return GENERAL_CATEGORY;
  return categoryToken(decodeMessage(route.kind, original.body).category);
}

/**
 * The release workflow at the hub. A request goes to the originator only from a node that received
 * the message (the route record says so); a decision goes back to the requester only from the
 * originator, answering a request the hub holds, once. An approval records a RELEASED audit entry,
 * delivers the ORIGINAL signed message (origin body and headers, so the further node verifies the
 * origin, with the hub's statement naming that entry) to the further node on the `direct` region, and
 * adds it to the route record.
 */
@Injectable()
export class ReleasesService {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly routes: RouteRecordStore,
    private readonly requests: ReleaseRequestStore,
    private readonly originals: OriginalMessageStore,
    private readonly audit: AuditTrail,
    private readonly statements: DeliveryStatementsService,
  ) {}

  /** Who receives `release`: the originator for a request, the requester for a decision. Refuses what the workflow forbids. */
  async recipients(release: Release): Promise<string[]> {
    const { step } = release;
    if (step.case === 'decision') {
      await this.pendingRequest(release, step.value);
      return [step.value.requester];
    }
    const route = await this.routes.recall(release.message);
    if (
      route === undefined ||
      route.origin !== release.origin ||
      !route.recipients.includes(release.sender)
    ) {
      throw unauthorized(
        `${release.sender} did not receive message ${release.message} from ${release.origin}`,
      );
    }
    if (!this.isAddressable(release.to)) {
      throw new IngressRefusal(RejectionReason.UNKNOWN_ADDRESSEE, `unknown node ${release.to}`, [
        { field: 'to', reason: 'unknown node' },
      ]);
    }
    if (route.recipients.includes(release.to)) {
      throw new IngressRefusal(RejectionReason.INVALID, `${release.to} already received ${release.message}`, [
        { field: 'to', reason: 'already received the message' },
      ]);
    }
    return [release.origin];
  }

  /** Carries an accepted release out; repeatable (a redelivery publishes nothing new). */
  async commit(release: Release): Promise<void> {
    const { step } = release;
    if (step.case === 'request') {
      const { message, origin, sender: requester, to } = release;
      const known = await this.requests.recall(release.id);
      if (known === undefined) await this.requests.remember(release.id, { message, origin, requester, to });
      return;
    }
    if (step.case !== 'decision') return;
    const request = await this.pendingRequest(release, step.value);
    if (step.value.approved) await this.reshare(release, request);
    await this.requests.remember(step.value.request, { ...request, decision: release.id });
  }

  /** The request a decision answers; refuses a decision that answers none, or a decided one. */
  private async pendingRequest(release: Release, decision: ReleaseDecision): Promise<ReleaseRequestRecord> {
    const request = await this.requests.recall(decision.request);
    const answers =
      request !== undefined &&
      request.origin === release.sender &&
      request.message === release.message &&
      request.requester === decision.requester &&
      request.to === release.to;
    if (!answers) {
      throw unauthorized(`${release.sender} has no pending release request ${decision.request} to decide`);
    }
    if (request.decision !== undefined && request.decision !== release.id) {
      throw new IngressRefusal(
        RejectionReason.INVALID,
        `release request ${decision.request} is already decided`,
        [{ field: 'decision.request', reason: 'is already decided' }],
      );
    }
    if (decision.approved) await this.original(release.message);
    return request;
  }

  private async original(message: string): Promise<{ route: RouteRecord; original: OriginalMessage }> {
    const route = await this.routes.recall(message);
    const original =
      route?.sequence === undefined ? undefined : await this.originals.fetch(route.sequence, message);
    if (route === undefined || original === undefined) {
      throw new IngressRefusal(RejectionReason.INVALID, `the hub no longer holds message ${message}`, [
        { field: 'message', reason: 'is no longer held by the hub' },
      ]);
    }
    return { route, original };
  }

  private async reshare(release: Release, request: ReleaseRequestRecord): Promise<void> {
    const { route, original } = await this.original(release.message);
    const to = release.to;
    // Recorded before the copy leaves: the copy's statement names this entry.
    const audited = await this.audit.record({
      event: AuditEvent.RELEASED,
      ref: release.id,
      message: release.message,
      kind: route.kind,
      origin: route.origin,
      person: release.actor,
      recipients: [to],
      detail: `approved by ${approvedBy(release)} in ${release.id} at the request of ${request.requester}`,
    });
    const headers = Object.fromEntries(
      Object.entries(original.headers).filter(
        ([name]) => name.startsWith(WIRE_HEADER_PREFIX) && !HUB_HEADERS.has(name),
      ),
    );
    const fields = readSignedFields((name) => headers[name]);
    const copy: OutboundEnvelope = {
      subject: deliverySubject(to, route.kind, DIRECT_REGION, categoryOf(route, original)),
      body: original.body,
      // The msgId of an ordinary copy: the further node gets the message once, however it came.
      msgId: `${release.message}:${to}`,
      headers: {
        ...headers,
        [HEADER_RECIPIENT]: to,
        [HEADER_STATEMENT]: this.statements.state(audited, statedMessageOf(fields, original.body), [to]),
      },
    };
    await this.originals.publish([copy]);
    if (!route.recipients.includes(to)) {
      await this.routes.remember(release.message, { ...route, recipients: [...route.recipients, to] });
    }
  }

  private isAddressable(node: string): boolean {
    const entry = this.registry.node(node);
    return entry !== undefined && entry.kind !== 'hub';
  }
}
