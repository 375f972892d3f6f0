import { NODE_SENDABLE_KINDS, type MessageKind, type MessageOf } from '#contracts';

/** The kinds a node may send into the hub (NODE_SENDABLE_KINDS as a type). */
export type SendableKind = 'alert' | 'notice' | 'reply' | 'receipt' | 'release' | 'group';

export function isSendableKind(kind: MessageKind): kind is SendableKind {
  return NODE_SENDABLE_KINDS.includes(kind);
}

/** A decoded message that passed verification and validation, tagged by its kind. */
export type RoutableMessage = { [K in SendableKind]: { kind: K; message: MessageOf<K> } }[SendableKind];

/** One recipient of a message, with the region and category tokens of its delivery subject. */
export interface Recipient {
  node: string;
  region: string;
  category: string;
}
