import { Injectable } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { JetStreamApiError } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { AuditEntrySchema, STREAM_AUDIT, type AuditEntry } from '#contracts';
import { NatsConnectionService } from '#messaging';
import {
  AuditChainStore,
  type AuditAppend,
  type AuditAppendOutcome,
  type StoredAuditHead,
} from './audit-chain.store.js';
import { AuditChainConflict, AuditHeadUnreadable } from './audit.errors.js';

// JetStream's error code for a failed Nats-Expected-Last-Sequence (nats-server 2.2 and later).
const WRONG_LAST_SEQUENCE = 10071;
const APPEND_TIMEOUT_MS = 5_000;

/**
 * The chain in the BL_AUDIT stream. Appends carry `Nats-Expected-Last-Sequence`, so JetStream stores an
 * entry only right after the head it was chained to: concurrent hub instances can never fork the chain.
 * De-duplication by `Nats-Msg-Id` is checked by the server before the expectation, so a repeated
 * occurrence answers `duplicate` wherever the head is.
 */
@Injectable()
export class AuditChainRepository extends AuditChainStore {
  constructor(private readonly connection: NatsConnectionService) {
    super();
  }

  async head(): Promise<StoredAuditHead> {
    const manager = await this.connection.manager();
    const { state } = await manager.streams.info(STREAM_AUDIT);
    // A purged stream keeps counting its sequence: a new chain then starts after last_seq.
    if (state.messages === 0) return { chain: undefined, position: state.last_seq };
    const entry = await this.entry(state.last_seq);
    // An entry from before the chain has no hash: nothing can be chained on it.
    const chain = entry.hash.length === 0 ? undefined : { sequence: entry.sequence, hash: entry.hash };
    return { chain, position: state.last_seq };
  }

  async entry(position: number): Promise<AuditEntry> {
    const manager = await this.connection.manager();
    const stored = await manager.streams.getMessage(STREAM_AUDIT, { seq: position });
    if (stored === null) throw new AuditHeadUnreadable(`audit stream entry ${position} is gone`);
    try {
      return fromBinary(AuditEntrySchema, stored.data);
    } catch (error) {
      throw new AuditHeadUnreadable(`audit stream entry ${position} is not an AuditEntry`, { cause: error });
    }
  }

  async append({ subject, body, msgId, after }: AuditAppend): Promise<AuditAppendOutcome> {
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', msgId);
    try {
      const ack = await this.connection.jetstream().publish(subject, body, {
        headers,
        expect: { lastSequence: after },
        timeout: APPEND_TIMEOUT_MS,
      });
      return { position: ack.seq, duplicate: ack.duplicate };
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === WRONG_LAST_SEQUENCE) {
        throw new AuditChainConflict(`the audit stream moved past ${after}: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
