import type { MessageOf, SendableKind } from '#contracts';

/** A decoded message that passed verification and validation, tagged by its kind. */
export type RoutableMessage = { [K in SendableKind]: { kind: K; message: MessageOf<K> } }[SendableKind];

/** Who acted at the origin: the signed `actor`; a `delivered` batch is the node's own doing and names none. */
export function actorOf(routable: RoutableMessage): string {
  return routable.kind === 'delivered' ? '' : routable.message.actor;
}

/** One recipient of a message, with the region and category tokens of its delivery subject. */
export interface Recipient {
  node: string;
  region: string;
  category: string;
}
