import { Inject, Injectable } from '@nestjs/common';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GroupChangeSchema, validateMessage, type GroupChange } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { ForbiddenError } from '../access/access.errors.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import { applyToView, type GroupView } from './group-view.js';
import { GroupViewsRepository } from './group-views.repository.js';

/**
 * Closed user groups from this node's side: as owner it opens groups and admits and removes members
 * (signed changes the hub applies and routes to the members); as member it keeps the groups it hears
 * of. The hub's membership is the truth: it refuses a change from anyone but the owner.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly outbox: OutboxService,
    private readonly views: GroupViewsRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Queues a change of `group` signed by this node, made by `actor` (Principal.id); returns the
   * change's id and status. Throws InvalidMessageError or NotQueuedError.
   */
  async change(
    group: string,
    step: MessageInitShape<typeof GroupChangeSchema>['change'],
    actor: string,
  ): Promise<Submitted> {
    const now = this.clock.now();
    const change = create(GroupChangeSchema, {
      id: this.ids.next(),
      sender: this.config.NODE_ID,
      actor,
      sent: timestampFromDate(now),
      group,
      change: step,
    });
    const violations = validateMessage('group', change, validationContextOf(this.registry, now));
    if (violations.length > 0) throw new InvalidMessageError(violations);
    const submitted = await this.outbox.submit('group', change);
    await this.apply(change);
    return submitted;
  }

  /**
   * The closed user group of a joint operation this node initiates, for `members`: opened and owned by
   * this node when it knows no such group, joined by the members it lacks when this node owns it,
   * only linked when another node owns it (whose owner admits members). Returns the group's owner.
   * @throws ForbiddenError when a change is needed and `mayChange` is false (it is a supervisor's call);
   *   what `change` throws.
   */
  async forOperation(
    group: string,
    name: string,
    members: readonly string[],
    actor: string,
    mayChange: boolean,
  ): Promise<string> {
    const self = this.config.NODE_ID;
    const view = await this.views.get(group);
    const missing = members.filter((node) => node !== self && !(view?.members ?? []).includes(node));
    if (view !== undefined && (view.owner !== self || missing.length === 0)) return view.owner;
    if (!mayChange)
      throw new ForbiddenError(
        "opening or joining the operation's closed user group needs the role supervisor",
      );
    if (view === undefined) {
      await this.change(group, { case: 'create', value: { name, members: missing } }, actor);
    } else {
      for (const node of missing) await this.change(group, { case: 'add', value: { node } }, actor);
    }
    return self;
  }

  /** The groups this node belongs to, as it last heard. */
  list(): Promise<GroupView[]> {
    return this.views.list();
  }

  /** Takes in a verified group change the hub routed to this node. */
  async receive(change: GroupChange): Promise<void> {
    await this.apply(change);
    this.logger.info(
      { msgId: change.id, sender: change.sender, group: change.group, change: change.change.case },
      'group change taken in',
    );
  }

  private async apply(change: GroupChange): Promise<void> {
    const current = await this.views.get(change.group);
    await this.views.put(change.group, applyToView(current, change, this.config.NODE_ID));
  }
}
