import { Inject, Injectable } from '@nestjs/common';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GroupChangeSchema, validateMessage, type GroupChange } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
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
