import { Injectable, type OnModuleInit } from '@nestjs/common';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { GROUPS_WILDCARD, GroupStateSchema, STREAM_GROUPS, groupStateSubject } from '#contracts';
import { NatsConnectionService, ensureKeyedStream } from '#messaging';
import { HubConfig } from '../config/hub.config.js';
import type { GroupMembership } from './group-membership.js';
import { GroupStore, type StoredGroup } from './group.store.js';
import { GroupWriteConflict } from './groups.errors.js';

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
    await ensureKeyedStream(
      await this.nats.manager(),
      STREAM_GROUPS,
      [GROUPS_WILDCARD],
      this.config.STREAM_REPLICAS,
    );
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
