import { DIRECT_REGION, Tlp } from '#contracts';

/** Where a node's copy comes from: explicit address (`direct`) or the subscription region it matched. */
export interface Route {
  node: string;
  region: string;
}

/** What the policy needs to know about organisations, answered by the registry. */
export interface OrganisationDirectory {
  organisationOf(node: string): string | undefined;
  /** The organisations `organisation` declares within its need to know, itself not included. */
  needToKnow(organisation: string): readonly string[];
}

/** The facts about one message that decide its audience. */
export interface DistributionInput {
  tlp: Tlp;
  sender: string;
  /** Explicit addressees: named nodes and the members of named closed user groups. */
  addressed: readonly string[];
  /** Nodes subscribed to the message's topics, with the region each matched. */
  subscribers: readonly Route[];
}

/**
 * The organisations a TLP:AMBER message may reach beyond its addressees: the sender's and every
 * addressee's organisation, and the organisations each of them declares within its need to know.
 */
function amberOrganisations(input: DistributionInput, orgs: OrganisationDirectory): Set<string> {
  const allowed = new Set<string>();
  for (const node of [input.sender, ...input.addressed]) {
    const organisation = orgs.organisationOf(node);
    if (organisation === undefined) continue;
    allowed.add(organisation);
    for (const other of orgs.needToKnow(organisation)) allowed.add(other);
  }
  return allowed;
}

/**
 * Who may receive a message under TLP 2.0, as routing policy (docs/policy.md):
 * - CLEAR and GREEN: the addressees and every subscriber (the subscribed community);
 * - AMBER: the addressees, and subscribers whose organisation is the sender's or an addressee's, or
 *   within one of those organisations' declared need to know;
 * - AMBER+STRICT and RED: the addressees only (so never a node outside their organisations);
 * - no label: the addressees only, failing closed.
 * Addressees come first on the `direct` region; the sender and duplicates are the caller's to drop.
 * The hub routes by it, and a node of a national site decides its site fast path by it, so both
 * always agree on who may have a message.
 */
export function distribute(input: DistributionInput, orgs: OrganisationDirectory): Route[] {
  const routes: Route[] = input.addressed.map((node) => ({ node, region: DIRECT_REGION }));
  switch (input.tlp) {
    case Tlp.CLEAR:
    case Tlp.GREEN:
      return [...routes, ...input.subscribers];
    case Tlp.AMBER: {
      const allowed = amberOrganisations(input, orgs);
      const within = input.subscribers.filter(({ node }) => allowed.has(orgs.organisationOf(node) ?? ''));
      return [...routes, ...within];
    }
    case Tlp.AMBER_STRICT:
    case Tlp.RED:
    case Tlp.UNSPECIFIED:
      return routes;
  }
}
