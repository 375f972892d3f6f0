import { Injectable } from '@nestjs/common';
import type { Clearance } from '#access';
import { NodeConfig } from '../config/node.config.js';
import type { ItemState } from '../inbox/inbox-item.js';
import { InboxService } from '../inbox/inbox.service.js';
import type { RecipientState } from '../sent/sent-message.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';

/** The signed sent time of a message in protobuf JSON (RFC 3339), empty when it has none. */
export const sentTime = (message: unknown): string => (message as { sent?: string }).sent ?? '';

/** A message this node holds, as its views read it: received (with its state) or sent (with its receipts). */
export interface Held {
  id: string;
  kind: string;
  direction: 'received' | 'sent';
  sender: string;
  handling: string;
  /** Protobuf JSON. */
  message: unknown;
  state?: ItemState;
  supersededBy?: string;
  cancelledBy?: string;
  receipts?: Array<RecipientState & { node: string }>;
}

/** Reads what this node holds by id, from its inbox or its sent messages, as far as a clearance admits. */
@Injectable()
export class HeldMessages {
  constructor(
    private readonly config: NodeConfig,
    private readonly inbox: InboxService,
    private readonly sent: SentMessagesService,
  ) {}

  /** Each of `ids` that someone of `clearance` may see, in order, once each; the rest left out. */
  async read(ids: readonly string[], clearance: Clearance): Promise<Held[]> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.one(id, clearance)));
    return found.filter((held): held is Held => held !== undefined);
  }

  /** Message `id` if someone of `clearance` may see it. */
  async one(id: string, clearance: Clearance): Promise<Held | undefined> {
    const received = await this.inbox.get(id, clearance);
    if (received !== undefined) {
      const { kind, sender, handling, message, state, supersededBy, cancelledBy } = received;
      return {
        id,
        kind,
        direction: 'received',
        sender,
        handling,
        message,
        state,
        ...(supersededBy === undefined ? {} : { supersededBy }),
        ...(cancelledBy === undefined ? {} : { cancelledBy }),
      };
    }
    const sent = await this.sent.visible(id, clearance);
    if (sent?.message === undefined) return undefined;
    return {
      id,
      kind: sent.kind,
      direction: 'sent',
      sender: this.config.NODE_ID,
      handling: sent.handling ?? '',
      message: sent.message,
      receipts: sent.recipients,
    };
  }
}
