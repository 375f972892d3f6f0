import { Inject, Injectable } from '@nestjs/common';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ReleaseSchema, validateMessage, type Release } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { InvalidMessageError, UnknownMessageError } from '../common/common.errors.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { InboxService } from '../inbox/inbox.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import type { ReleaseRecord } from './release-record.js';
import { ReleasesRepository } from './releases.repository.js';

/**
 * The node's side of the release workflow: ask a message's originator to release it to a further
 * node, keep the requests addressed to this node as originator until it decides, and keep the
 * answers to its own requests. The hub checks who may ask and answer; the node only asks about
 * messages in its inbox whose origin verified.
 */
@Injectable()
export class ReleasesService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    private readonly releases: ReleasesRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Asks the originator of inbox message `message` to release it to `to`; returns the request's id and status.
   * @throws UnknownMessageError, UnverifiedMessageError, InvalidMessageError, NotQueuedError.
   */
  async request(message: string, to: string, reason = ''): Promise<Submitted> {
    const item = await this.inbox.answerable(message);
    const request = this.release(message, item.sender, to, { case: 'request', value: { reason } });
    return this.publish(request);
  }

  /** Requests awaiting this node's decision, and the answers to the requests this node made. */
  async overview(): Promise<{ pending: ReleaseRecord[]; answers: ReleaseRecord[] }> {
    const [requests, answers] = await Promise.all([
      this.releases.list('requests'),
      this.releases.list('answers'),
    ]);
    return { pending: requests.filter((r) => r.approved === undefined), answers };
  }

  /**
   * Approves or refuses pending request `request`; returns the decision's id and status.
   * @throws UnknownMessageError when no such request awaits this node; InvalidMessageError (a refusal without reason).
   */
  async decide(request: string, approved: boolean, reason = ''): Promise<Submitted> {
    const record = await this.releases.get('requests', request);
    if (record === undefined || record.approved !== undefined) throw new UnknownMessageError(request);
    const decision = this.release(record.message, record.origin, record.to, {
      case: 'decision',
      value: { request, requester: record.requester, approved, reason },
    });
    const submitted = await this.publish(decision);
    await this.releases.put('requests', { ...record, approved, decisionReason: reason });
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
    step: MessageInitShape<typeof ReleaseSchema>['step'],
  ): Release {
    return create(ReleaseSchema, {
      id: this.ids.next(),
      sender: this.config.NODE_ID,
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
