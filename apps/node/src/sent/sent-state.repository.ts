import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, type RedisScript, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import { retainedUntil } from '../common/retention.js';
import { NodeConfig } from '../config/node.config.js';
import type { RecipientState, RejectionRecord, SentMessage, SentStatus } from './sent-message.js';
import { sentStateKey } from './sent.keys.js';

// One hash per sent message (sentStateKey): a field per recipient node holding its RecipientState
// as JSON, and '@'-prefixed fields for the message itself ('@' cannot start a node id).
const KIND = '@kind';
const STATUS = '@status';
const REJECTION = '@rejection';
// The signed handling label, as the node queued it (absent from state rebuilt from deliveries).
const HANDLING = '@handling';
// The message as queued, protobuf JSON (absent from state rebuilt from deliveries).
const MESSAGE = '@message';
const META = new Set([KIND, STATUS, REJECTION, HANDLING, MESSAGE]);
/** The kind of a sent message whose state was rebuilt from reports that do not name it. */
export const UNKNOWN_KIND = 'unknown';

// Compare-and-set of one field: writes only if the field still holds what the caller read
// (ARGV[2], '' for absent), so concurrent receipts for one recipient cannot overwrite each other.
const REPLACE_FIELD = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (current or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

// Queued → accepted, and no further: the hub's rejection may already be recorded (it can answer
// before the node hears its publish ack), and it stays. A kind left unknown by a routing report
// taken in first (a rebuild) is filled in.
const MARK_ACCEPTED = `
local kind = redis.call('HGET', KEYS[1], ARGV[1])
if not kind or kind == '${UNKNOWN_KIND}' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
if redis.call('HGET', KEYS[1], ARGV[2]) ~= 'rejected' then redis.call('HSET', KEYS[1], ARGV[2], 'accepted') end
return 1`;

// A routing report proves the hub accepted the message (so queued or nothing → accepted, a rejection
// stays) but does not name its kind: state rebuilt from deliveries alone has the kind unknown until
// the node itself records it.
const MARK_ROUTED = `
redis.call('HSETNX', KEYS[1], ARGV[1], '${UNKNOWN_KIND}')
local status = redis.call('HGET', KEYS[1], ARGV[2])
if not status or status == 'queued' then redis.call('HSET', KEYS[1], ARGV[2], 'accepted') end
return 1`;

/** A recipient's state as stored, with the version to pass back to `replaceRecipient`. */
export interface StoredRecipient {
  state: RecipientState;
  version: string;
}

/** Redis adapter of the sender's view of its messages: queued, accepted or rejected, and per-recipient state. */
@Injectable()
export class SentStateRepository {
  private readonly replaceFieldScript: RedisScript;
  private readonly markAcceptedScript: RedisScript;
  private readonly markRoutedScript: RedisScript;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {
    this.replaceFieldScript = defineScript(redis, 'blSentReplaceField', 1, REPLACE_FIELD);
    this.markAcceptedScript = defineScript(redis, 'blSentMarkAccepted', 1, MARK_ACCEPTED);
    this.markRoutedScript = defineScript(redis, 'blSentMarkRouted', 1, MARK_ROUTED);
  }

  /**
   * Marks message `id` of `kind`, labelled `handling`, as waiting in the outbox, unless a later status
   * is already recorded, and keeps the `message` itself (protobuf JSON) until its retention ends.
   */
  async recordQueued(id: string, kind: string, handling: string, message: unknown): Promise<void> {
    const key = this.key(id);
    const until = retainedUntil(message, new Date().toISOString(), this.config.NODE_RETENTION_DAYS);
    await execTransaction(
      this.redis
        .multi()
        .hsetnx(key, KIND, kind)
        .hsetnx(key, STATUS, 'queued')
        .hset(key, HANDLING, handling, MESSAGE, JSON.stringify(message))
        .pexpireat(key, until),
    );
  }

  /**
   * Marks message `id` of `kind` as accepted by JetStream. A rejection recorded earlier (the hub
   * can answer before this runs) is kept.
   */
  async recordAccepted(id: string, kind: string): Promise<void> {
    await this.markAcceptedScript([this.key(id)], [KIND, STATUS, kind]);
  }

  /** Marks message `id` as accepted because the hub routed it (its kind unknown unless recorded). */
  async recordRouted(id: string): Promise<void> {
    await this.markRoutedScript([this.key(id)], [KIND, STATUS]);
  }

  /** Marks message `id` of `kind` as refused by the hub, for `rejection`'s reason. */
  async recordRejected(id: string, kind: string, rejection: RejectionRecord): Promise<void> {
    const key = this.key(id);
    await execTransaction(
      this.redis
        .multi()
        .hsetnx(key, KIND, kind)
        .hset(key, STATUS, 'rejected', REJECTION, JSON.stringify(rejection)),
    );
  }

  /** The stored state of `recipient` for message `id`, undefined when none is stored. */
  async recipient(id: string, recipient: string): Promise<StoredRecipient | undefined> {
    const raw = await this.redis.hget(this.key(id), recipient);
    return raw === null ? undefined : { state: JSON.parse(raw) as RecipientState, version: raw };
  }

  /**
   * Stores `state` for `recipient` if the stored state is still at `version` (undefined: none stored).
   * Returns false when another writer got there first; the caller re-reads and decides again.
   */
  async replaceRecipient(
    id: string,
    recipient: string,
    version: string | undefined,
    state: RecipientState,
  ): Promise<boolean> {
    const done = await this.replaceFieldScript(
      [this.key(id)],
      [recipient, version ?? '', JSON.stringify(state)],
    );
    return done === 1;
  }

  /** Everything known about sent message `id`; undefined unless it was queued, accepted or rejected. */
  async read(id: string): Promise<SentMessage | undefined> {
    const fields = await this.redis.hgetall(this.key(id));
    const kind = fields[KIND];
    const status = fields[STATUS];
    if (kind === undefined || !isSentStatus(status)) return undefined;
    const recipients = Object.entries(fields)
      .filter(([field]) => !META.has(field))
      .map(([node, raw]) => ({ node, ...(JSON.parse(raw) as RecipientState) }))
      .sort((a, b) => a.node.localeCompare(b.node));
    const rejection = fields[REJECTION];
    const handling = fields[HANDLING];
    const message = fields[MESSAGE];
    return {
      id,
      kind,
      status,
      ...(handling === undefined ? {} : { handling }),
      ...(message === undefined ? {} : { message: JSON.parse(message) as unknown }),
      ...(rejection === undefined ? {} : { rejection: JSON.parse(rejection) as RejectionRecord }),
      recipients,
    };
  }

  private key(id: string): string {
    return sentStateKey(this.config.NODE_ID, id);
  }
}

function isSentStatus(status: string | undefined): status is SentStatus {
  return status === 'queued' || status === 'accepted' || status === 'rejected';
}
