import type { Clearance } from '#access';
import type { InboxItem } from '../inbox/inbox-item.js';

/** Handling labels a subscription may cap itself at, least restricted first. */
export const HANDLING_LEVELS = [
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** OASIS CAP severities a subscription may ask for at least, lowest first. */
export const SEVERITIES = ['minor', 'moderate', 'severe', 'extreme'] as const;
export type SeverityLevel = (typeof SEVERITIES)[number];

/** The inbox kinds a service may subscribe to: what the network delivers, not the node's own findings. */
export const SUBSCRIBED_KINDS = ['alert', 'notice', 'reply', 'reminder'] as const;
export type SubscribedKind = (typeof SUBSCRIBED_KINDS)[number];

/**
 * What a subscription receives. Each list, when given and not empty, must hold one of the message's
 * values; an absent list admits any. `maxHandling` is the most restricted label it receives.
 */
export interface SubscriptionFilter {
  regions?: string[];
  categories?: string[];
  minSeverity?: SeverityLevel;
  sections?: string[];
  kinds?: SubscribedKind[];
  maxHandling: HandlingLevel;
}

/** One service subscription as its owner is shown it (its secret only once, at creation). */
export interface ServiceSubscription {
  id: string;
  /** The principal that created it: `service:<key id>`. */
  owner: string;
  /** The key's name when it was created, for people reading listings. */
  ownerName: string;
  filter: SubscriptionFilter;
  /** Where each match is POSTed; absent: the live stream only. */
  endpoint?: string;
  createdAt: string;
  updatedAt: string;
}

/** A subscription as stored: with the webhook secret (`whsec_…`) it signs with. */
export interface StoredSubscription extends ServiceSubscription {
  secret: string;
}

// The highest label each clearance admits (docs/policy.md, "Clearance").
const CLEARANCE_CEILING: Record<Clearance, HandlingLevel> = {
  amber: 'TLP:AMBER',
  'amber-strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};

/** The most restricted label someone of `clearance` may receive. */
export function handlingCeiling(clearance: Clearance): HandlingLevel {
  return CLEARANCE_CEILING[clearance];
}

/** The level of a signed handling label (`TLP:AMBER;H2`); one without TLP counts as TLP:RED. */
export function handlingLevel(handling: string | undefined): HandlingLevel {
  const tlp = (handling ?? '').split(';').find((part) => part.startsWith('TLP:'));
  return (HANDLING_LEVELS as readonly string[]).includes(tlp ?? '') ? (tlp as HandlingLevel) : 'TLP:RED';
}

/** True when a message labelled `handling` is within `ceiling` (and, so, within the clearance behind it). */
export function withinHandling(ceiling: HandlingLevel, handling: string | undefined): boolean {
  return HANDLING_LEVELS.indexOf(handlingLevel(handling)) <= HANDLING_LEVELS.indexOf(ceiling);
}

/** The lower of two ceilings. */
export function lowerCeiling(a: HandlingLevel, b: HandlingLevel): HandlingLevel {
  return HANDLING_LEVELS.indexOf(a) <= HANDLING_LEVELS.indexOf(b) ? a : b;
}

/** The parts of a message (protobuf JSON) a filter reads. */
interface Filtered {
  regions?: string[];
  severity?: string;
  area?: { borderSections?: string[] };
  impactChange?: { borderSection?: string };
  situation?: { sections?: { borderSection?: string }[] };
}

const severityRank = (severity: string | undefined): number =>
  SEVERITIES.indexOf((severity ?? '').replace(/^SEVERITY_/, '').toLowerCase() as SeverityLevel);

function sectionsOf(message: Filtered): string[] {
  return [
    ...(message.area?.borderSections ?? []),
    message.impactChange?.borderSection,
    ...(message.situation?.sections ?? []).map((section) => section.borderSection),
  ].filter((section): section is string => section !== undefined && section !== '');
}

const anyOf = (wanted: readonly string[] | undefined, values: readonly string[]): boolean =>
  wanted === undefined || wanted.length === 0 || values.some((value) => wanted.includes(value));

/**
 * True when inbox item `item` is what `filter` asks for: its kind, a region it concerns (its own
 * `regions` or the region token it was delivered under), its category token, its severity at least
 * the minimum (a message without a severity never passes one), a border section it names, and its
 * handling within the ceiling. Only verified items match: an origin that is not certain is not
 * passed on to systems.
 */
export function matchesFilter(filter: SubscriptionFilter, item: InboxItem): boolean {
  if (!item.verified || !withinHandling(filter.maxHandling, item.handling)) return false;
  const message = (item.message ?? {}) as Filtered;
  const regions = [...(message.regions ?? []), ...(item.region === 'direct' ? [] : [item.region])];
  return (
    anyOf(filter.kinds, [item.kind]) &&
    anyOf(filter.regions, regions) &&
    anyOf(filter.categories, [item.category]) &&
    (filter.minSeverity === undefined ||
      severityRank(message.severity) >= SEVERITIES.indexOf(filter.minSeverity)) &&
    anyOf(filter.sections, sectionsOf(message))
  );
}
