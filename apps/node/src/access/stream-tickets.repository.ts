import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import { streamTicketKey } from './access.keys.js';
import type { Principal } from './principal.js';

/** How long a stream ticket may wait before it is used, in seconds. */
export const STREAM_TICKET_TTL_S = 30;

/**
 * Single-use tickets that open the live stream for a browser's EventSource, which cannot send an
 * Authorization header: issued to an authenticated principal, kept in Redis (so any instance of the
 * node may redeem it) for 30 s under the hash of their value, and deleted as they are redeemed. A
 * ticket lost with Redis is only asked for again.
 */
@Injectable()
export class StreamTicketsRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  async issue(principal: Principal): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(ticket), JSON.stringify(principal), 'EX', STREAM_TICKET_TTL_S);
    return ticket;
  }

  /** The principal the ticket was issued to, once; undefined for an unknown, used or expired ticket. */
  async redeem(ticket: string): Promise<Principal | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return undefined;
    const raw = await this.redis.getdel(this.key(ticket));
    return raw === null ? undefined : (JSON.parse(raw) as Principal);
  }

  private key(ticket: string): string {
    return streamTicketKey(this.config.NODE_ID, createHash('sha256').update(ticket).digest('hex'));
  }
}
