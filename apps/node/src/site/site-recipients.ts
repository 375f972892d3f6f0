import { categoryToken, DIRECT_REGION, Tlp, type MessageKind, type MessageOf } from '#contracts';
import { distribute, siteOf, type RegistryIndex } from '#registry';

/** The kinds a node sends on the site fast path: those whose audience the registry alone decides. */
export type SiteKind = 'alert' | 'notice';

/** True for the kinds of {@link SiteKind}; replies, receipts and the rest need the hub's records. */
export function isSiteKind(kind: MessageKind): kind is SiteKind {
  return kind === 'alert' || kind === 'notice';
}

/** One node of the sender's site that is entitled to a message, and where the hub delivers it. */
export interface SiteRecipient {
  node: string;
  region: string;
  category: string;
}

/**
 * The nodes of the sender's national site, other than the sender, that the hub's own policy entitles
 * to `message` (`distribute` over its addressees and the registry's subscribers; notices to their
 * addressees), each with the region and category of the hub's delivery subject. None when the
 * sender belongs to no site, or the message addresses a closed user group: membership lives at the
 * hub, so only the hub can tell who may read it.
 */
export function siteRecipients(
  kind: SiteKind,
  message: MessageOf<SiteKind>,
  registry: RegistryIndex,
): SiteRecipient[] {
  const sender = registry.node(message.sender);
  const site = sender === undefined ? undefined : siteOf(sender);
  const { nodes = [], groups = [] } = message.addressees ?? {};
  if (site === undefined || groups.length > 0) return [];
  const category = categoryToken(message.category);
  const routes =
    kind === 'alert'
      ? distribute(
          {
            tlp: message.handling?.tlp ?? Tlp.UNSPECIFIED,
            sender: message.sender,
            addressed: nodes,
            subscribers: message.regions.flatMap((region) =>
              registry.subscribers(region, category).map((node) => ({ node, region })),
            ),
          },
          registry,
        )
      : nodes.map((node) => ({ node, region: DIRECT_REGION }));
  // As the hub does: the first route of a node decides its region; the sender gets no copy.
  const recipients = new Map<string, SiteRecipient>();
  for (const { node, region } of routes) {
    const member = registry.node(node);
    if (node === message.sender || recipients.has(node) || member === undefined) continue;
    if (siteOf(member) === site) recipients.set(node, { node, region, category });
  }
  return [...recipients.values()];
}
