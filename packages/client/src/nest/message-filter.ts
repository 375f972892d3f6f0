import type {
  HandlingLevel,
  InboxItem,
  ServiceSubscriptionRequest,
  Severity,
  SeverityLevel,
  SubscribedKind,
} from '../node-api.types.js';

/** What a handler receives; each list absent or empty admits any. */
export interface BorderlinkMessageFilter {
  /** Registry regions (`afghan-border`): the message concerns one of them. */
  regions?: string[];
  /** Category tokens (`explosives`, `salw`). */
  categories?: string[];
  /** The lowest severity admitted (`SEVERITY_SEVERE` or `severe`); a notice, with none, never passes one. */
  minSeverity?: Severity | SeverityLevel;
  /** Registry border sections (`tj-af-panj`): the message names one of them. */
  sections?: string[];
  kinds?: SubscribedKind[];
}

const SEVERITIES: readonly SeverityLevel[] = ['minor', 'moderate', 'severe', 'extreme'];

const level = (severity: string | undefined): number =>
  SEVERITIES.indexOf((severity ?? '').replace(/^SEVERITY_/, '').toLowerCase() as SeverityLevel);

interface MessageFields {
  regions?: string[];
  severity?: string;
  area?: { borderSections?: string[] };
}

const meets = (wanted: string[] | undefined, has: readonly string[]): boolean =>
  wanted === undefined || wanted.length === 0 || wanted.some((each) => has.includes(each));

/** Whether `item` passes `filter`, as the node's service subscriptions decide. */
export function matchesFilter(filter: BorderlinkMessageFilter, item: InboxItem): boolean {
  const message = (item.message ?? {}) as MessageFields;
  if (!meets(filter.regions, [item.region, ...(message.regions ?? [])])) return false;
  if (!meets(filter.categories, [item.category])) return false;
  if (!meets(filter.sections, message.area?.borderSections ?? [])) return false;
  if (!meets(filter.kinds, [item.kind])) return false;
  if (filter.minSeverity !== undefined && level(message.severity) < level(filter.minSeverity)) return false;
  return true;
}

// A list in the union: any handler admitting any value makes the union admit any.
function unionOf<T>(lists: (T[] | undefined)[]): T[] | undefined {
  if (lists.some((list) => list === undefined || list.length === 0)) return undefined;
  return [...new Set(lists.flat() as T[])];
}

/**
 * The one service subscription that feeds every handler: what any of their filters admits (each
 * handler is then given only what its own admits).
 */
export function subscriptionFor(
  filters: readonly BorderlinkMessageFilter[],
  maxHandling: HandlingLevel,
): ServiceSubscriptionRequest {
  const severities = filters.map((filter) => filter.minSeverity);
  const lowest = severities.some((severity) => severity === undefined)
    ? undefined
    : SEVERITIES[Math.min(...severities.map((severity) => level(severity)))];
  const lists = {
    regions: unionOf(filters.map((filter) => filter.regions)),
    categories: unionOf(filters.map((filter) => filter.categories)),
    sections: unionOf(filters.map((filter) => filter.sections)),
    kinds: unionOf(filters.map((filter) => filter.kinds)),
  };
  return {
    ...Object.fromEntries(Object.entries(lists).filter(([, list]) => list !== undefined)),
    ...(lowest === undefined ? {} : { minSeverity: lowest }),
    maxHandling,
  };
}
