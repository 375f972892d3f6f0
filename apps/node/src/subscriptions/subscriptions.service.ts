import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DecodeError, messageFromJson, messageToJson, validateMessage } from '#contracts';
import {
  RegistryIndex,
  subscriptionCeilingViolations,
  validationContextOf,
  type Subscription,
} from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { InvalidMessageError } from '../common/common.errors.js';
import { Clock } from '../common/clock.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import type { RejectionRecord } from '../sent/sent-message.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import { MalformedMessageError } from '../submission/submission.errors.js';
import { NarrowingRepository, type StoredNarrowing } from './narrowing.repository.js';

/** What the node receives through its subscriptions: the registry's ceiling and its own narrowing. */
export interface SubscriptionsView {
  /** The registry's subscriptions of this node: the most it may receive. */
  ceiling: Subscription[];
  /** The filters of the narrowing last sent; empty: none, everything the ceiling allows. */
  filters: unknown[];
  /** The change that set them, absent when the node never narrowed. */
  change?: NarrowingChange;
}

/**
 * The change last sent and what the hub made of it: `pending` until its routing report or rejection
 * is back, `accepted` once the hub applies it, `rejected` (with the hub's refusal) when it did not.
 */
export interface NarrowingChange {
  id: string;
  actor: string;
  sent: string;
  status: 'pending' | 'accepted' | 'rejected';
  rejection?: RejectionRecord;
}

/**
 * The node's narrowing of what the hub routes to it through its registry subscriptions (protocol 1.4).
 * Its administrator states the whole narrowing; the node checks it by the hub's rules and against the
 * registry's ceiling, signs it as a `subscription` message through the outbox, and keeps it to show.
 * The hub applies it while routing: the node never filters what it was delivered.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly outbox: OutboxService,
    private readonly narrowings: NarrowingRepository,
    private readonly sentMessages: SentMessagesService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async view(): Promise<SubscriptionsView> {
    const ceiling = this.registry.node(this.config.NODE_ID)?.subscriptions ?? [];
    const stored = this.narrowings.get();
    return {
      ceiling: ceiling.map(({ regions, categories }) => ({
        regions: [...regions],
        categories: [...categories],
      })),
      filters: stored?.filters ?? [],
      ...(stored && { change: await this.changeOf(stored) }),
    };
  }

  private async changeOf({ id, actor, sent }: StoredNarrowing): Promise<NarrowingChange> {
    // A narrowing carries no handling label and no content: its standing is metadata, shown whole.
    const state = await this.sentMessages.visible(id, 'red');
    const status =
      state?.status === 'rejected' ? 'rejected' : state?.status === 'accepted' ? 'accepted' : 'pending';
    return {
      id,
      actor,
      sent: sent.toISOString(),
      status,
      ...(state?.rejection && { rejection: state.rejection }),
    };
  }

  /**
   * Sends `json` (`{ filters: [...] }`, the protobuf JSON mapping) as this node's narrowing, made by
   * `actor` (Principal.id), replacing the one before.
   * @throws MalformedMessageError, InvalidMessageError (HTTP 400; a filter beyond the registry is
   *   named by its field), NotQueuedError (HTTP 503).
   */
  async replace(json: unknown, actor: string): Promise<Submitted> {
    const now = this.clock.now();
    const change = readChange(json);
    change.id = this.ids.next();
    change.sender = this.config.NODE_ID;
    change.actor = actor;
    change.sent = timestampFromDate(now);
    const violations = [
      ...validateMessage('subscription', change, validationContextOf(this.registry, now)),
      ...subscriptionCeilingViolations(change, this.registry),
    ];
    if (violations.length > 0) throw new InvalidMessageError(violations);
    const submitted = await this.outbox.submit('subscription', change);
    const { filters } = messageToJson('subscription', change) as { filters?: unknown[] };
    const stored: StoredNarrowing = { id: change.id, actor, sent: now, filters: filters ?? [] };
    this.narrowings.put(stored);
    this.logger.info({ msgId: change.id, actor, filters: change.filters.length }, 'subscriptions narrowed');
    return submitted;
  }
}

/** The body as a change of nothing but its filters; the node stamps the rest. */
function readChange(json: unknown) {
  try {
    return messageFromJson('subscription', { filters: filtersOf(json) });
  } catch (error) {
    if (error instanceof DecodeError) throw new MalformedMessageError(error.message, { cause: error });
    throw error;
  }
}

/** The body's filters, unread: a body of anything else is refused as malformed. */
function filtersOf(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new MalformedMessageError('the body must be a JSON object sent as application/json');
  const extra = Object.keys(json).filter((key) => key !== 'filters');
  if (extra.length > 0)
    throw new MalformedMessageError(
      `unknown field ${extra[0]}: the body holds only filters (the node signs the rest)`,
    );
  return (json as { filters?: unknown }).filters ?? [];
}
