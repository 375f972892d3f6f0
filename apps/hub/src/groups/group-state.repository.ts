import { Injectable, type OnModuleInit } from '@nestjs/common';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { GROUPS_WILDCARD, GroupStateSchema, STREAM_GROUPS, groupStateSubject } from '#contracts';
import { NatsConnectionService } from '#messaging';
import { HubConfig } from '../config/hub.config.js';
import type { GroupMembership } from './group-membership.js';
import { GroupStore, type StoredGroup } from './group.store.js';
import { GroupWriteConflict } from './groups.errors.js';

// The server's answer to a create racing another instance's create of the same stream.
const STREAM_NAME_IN_USE = 10058;

/**
 * Group membership in the JetStream stream BL_GROUPS: one subject per group, only its last message
 * kept (the stream is a key-value store, readable on nats-server 2.9). Writes are conditional on the
 * subject's last sequence, so two hub instances cannot both apply a change to the same state.
 */
@Injectable()
export class GroupStateRepository extends GroupStore implements OnModuleInit {
  constructor(
    private readonly nats: NatsConnectionService,
    private readonly config: HubConfig,
  ) {
    super();
  }

  /**
   * Creates BL_GROUPS; creating it again with the same configuration is a no-op for JetStream. An
   * existing stream with other replicas than STREAM_REPLICAS is re-replicated, like the other streams.
   */
  async onModuleInit(): Promise<void> {
    await this.nats.ready();
    const manager = await this.nats.manager();
    try {
      await manager.streams.add({
        name: STREAM_GROUPS,
        subjects: [GROUPS_WILDCARD],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_msgs_per_subject: 1,
        num_replicas: this.config.STREAM_REPLICAS,
      });
    } catch (error) {
      // It exists: another hub instance created it at the same moment, or an earlier start did.
      if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
      const { config } = await manager.streams.info(STREAM_GROUPS);
      if (config.num_replicas !== this.config.STREAM_REPLICAS)
        await manager.streams.update(STREAM_GROUPS, { num_replicas: this.config.STREAM_REPLICAS });
    }
  }

  async read(group: string): Promise<StoredGroup | undefined> {
    const manager = await this.nats.manager();
    const stored = await manager.streams.getMessage(STREAM_GROUPS, {
      last_by_subj: groupStateSubject(group),
    });
    if (stored === null) return undefined;
    const state = fromBinary(GroupStateSchema, stored.data);
    return {
      group: {
        group: state.group,
        name: state.name,
        owner: state.owner,
        members: state.members,
        change: state.change,
      },
      revision: stored.seq,
    };
  }

  async write(group: GroupMembership, revision: number): Promise<void> {
    const body = toBinary(GroupStateSchema, create(GroupStateSchema, group));
    try {
      await this.nats.jetstream().publish(groupStateSubject(group.group), body, {
        msgID: `${group.group}:${group.change}`,
        expect: { lastSubjectSequence: revision },
      });
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence) {
        throw new GroupWriteConflict(group.group, { cause: error });
      }
      throw error;
    }
  }
}
