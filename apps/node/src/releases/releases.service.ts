import { Inject, Injectable } from '@nestjs/common';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ReleaseSchema, validateMessage, type Release } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import type { Clearance } from '#access';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { ForbiddenError } from '../access/access.errors.js';
import { admits, needsFourEyes } from '../access/clearance-policy.js';
import type { Principal } from '../access/principal.js';
import { Clock } from '../common/clock.js';
import { InvalidMessageError, UnknownMessageError } from '../common/common.errors.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { InboxService } from '../inbox/inbox.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import type { ReleaseRecord } from './release-record.js';
import { ReleasesRepository } from './releases.repository.js';

/** The answer to a first approval of a release that needs two. */
export interface AwaitingApproval {
  request: string;
  status: 'awaiting-second-approval';
  approvedBy: string[];
}

/**
 * The node's side of the release workflow: ask a message's originator to release it to a further
 * node, keep the requests addressed to this node as originator until it decides, and keep the
 * answers to its own requests. The hub checks who may ask and answer; the node only asks about
 * messages in its inbox whose origin verified.
 *
 * People see only the requests about messages their clearance admits. Releasing a TLP:RED or
 * AMBER+STRICT message (or one whose label this node no longer knows) takes two different
 * supervisors: the first approval is kept with the request, and the decision is published only with
 * the second (four eyes). A refusal takes one.
 */

@Injectable()
export class ReleasesService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    private readonly sent: SentMessagesService,
    private readonly releases: ReleasesRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Asks, as `supervisor`, the originator of inbox message `message` to release it to `to`; returns
   * the request's id and status.
   * @throws UnknownMessageError (also for a message the supervisor's clearance does not admit),
   *   UnverifiedMessageError, InvalidMessageError, NotQueuedError.
   */
  async request(message: string, to: string, reason: string, supervisor: Principal): Promise<Submitted> {
    const item = await this.inbox.answerable(message, supervisor.clearance);
    const request = this.release(message, item.sender, to, supervisor.id, {
      case: 'request',
      value: { reason },
    });
    return this.publish(request);
  }

  /**
   * Requests awaiting this node's decision, and the answers to the requests this node made, about
   * messages `clearance` admits (this node's own for requests, its inbox's for answers).
   */
  async overview(clearance: Clearance): Promise<{ pending: ReleaseRecord[]; answers: ReleaseRecord[] }> {
    const [requests, answers] = await Promise.all([
      this.releases.list('requests'),
      this.releases.list('answers'),
    ]);
    const pending = requests.filter((r) => r.approved === undefined);
    const visible = await Promise.all([
      ...pending.map(async (r) => admits(clearance, await this.sent.handling(r.message))),
      ...answers.map(async (r) => admits(clearance, (await this.inbox.get(r.message, 'red'))?.handling)),
    ]);
    return {
      pending: pending.filter((_, i) => visible[i]),
      answers: answers.filter((_, i) => visible[pending.length + i]),
    };
  }

  /**
   * Approves or refuses pending request `request` as `supervisor`; returns the decision's id and
   * status, or, for the first approval of a release that needs two, that it awaits the second.
   * The decision names the supervisor who decided as its actor and, when it approves, the people who
   * approved (two for four eyes).
   * @throws UnknownMessageError when no such request awaits this node or the supervisor's clearance
   *   does not admit its message; ForbiddenError when the same supervisor approves twice, or a service
   *   approves what needs four eyes (two people); InvalidMessageError (a refusal without reason).
   */
  async decide(
    request: string,
    approved: boolean,
    reason: string,
    supervisor: Principal,
  ): Promise<Submitted | AwaitingApproval> {
    const record = await this.releases.get('requests', request);
    if (record === undefined || record.approved !== undefined) throw new UnknownMessageError(request);
    const handling = await this.sent.handling(record.message);
    if (!admits(supervisor.clearance, handling)) throw new UnknownMessageError(request);
    let current = record;
    let approvers = approved && supervisor.kind === 'person' ? [supervisor.id] : [];
    if (approved && needsFourEyes(handling)) {
      // Two API keys are not two pairs of eyes.
      if (supervisor.kind !== 'person') {
        throw new ForbiddenError('four eyes: releasing this message takes two people, not a service');
      }
      const at = this.clock.now().toISOString();
      const approval = await this.releases.approve(request, { by: supervisor.id, at });
      if (approval === undefined || approval.record.approved !== undefined)
        throw new UnknownMessageError(request);
      const approvedBy = (approval.record.approvals ?? []).map((a) => a.by);
      if (!approval.added) {
        throw new ForbiddenError(
          'four eyes: this supervisor has approved already; a second, different one must approve',
        );
      }
      this.logger.info({ msgId: record.message, request, approvals: approvedBy.length }, 'release approved');
      if (approvedBy.length < 2) return { request, status: 'awaiting-second-approval', approvedBy };
      current = approval.record;
      approvers = approvedBy;
    }
    const decision = this.release(record.message, record.origin, record.to, supervisor.id, {
      case: 'decision',
      value: { request, requester: record.requester, approved, reason, approvers },
    });
    const submitted = await this.publish(decision);
    await this.releases.put('requests', { ...current, approved, decisionReason: reason });
    return submitted;
  }

  /** Takes in a verified Release delivered to this node: a request to decide, or an answer to one of its own. */
  async receive(release: Release): Promise<void> {
    const receivedAt = this.clock.now().toISOString();
    const { step } = release;
    if (step.case === 'request') {
      const known = await this.releases.get('requests', release.id);
      if (known !== undefined) return;
      await this.releases.put('requests', {
        request: release.id,
        message: release.message,
        origin: release.origin,
        requester: release.sender,
        to: release.to,
        reason: step.value.reason,
        receivedAt,
      });
    } else if (step.case === 'decision') {
      await this.releases.put('answers', {
        request: step.value.request,
        message: release.message,
        origin: release.origin,
        requester: step.value.requester,
        to: release.to,
        reason: '',
        receivedAt,
        approved: step.value.approved,
        decisionReason: step.value.reason,
      });
    }
    this.logger.info({ msgId: release.id, sender: release.sender, step: step.case }, 'release taken in');
  }

  private release(
    message: string,
    origin: string,
    to: string,
    actor: string,
    step: MessageInitShape<typeof ReleaseSchema>['step'],
  ): Release {
    return create(ReleaseSchema, {
      id: this.ids.next(),
      sender: this.config.NODE_ID,
      actor,
      sent: timestampFromDate(this.clock.now()),
      message,
      origin,
      to,
      step,
    });
  }

  private async publish(release: Release): Promise<Submitted> {
    const violations = validateMessage(
      'release',
      release,
      validationContextOf(this.registry, this.clock.now()),
    );
    if (violations.length > 0) throw new InvalidMessageError(violations);
    return this.outbox.submit('release', release);
  }
}
