import { Severity } from '../gen/borderlink/v1/common_pb.js';
import { SeveritySchema } from '../gen/borderlink/v1/common_pb.js';
import type { SubscriptionChange, SubscriptionFilter } from '../gen/borderlink/v1/subscription_pb.js';
import { CATEGORY_TOKEN_LIST, GENERAL_CATEGORY } from '../subjects.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkCount, checkUnique } from './list.rules.js';
import { LIMITS } from './limits.js';
import { fieldPath, itemPath } from './path.js';
import { checkRegistryIds, regionRef, sectionRef } from './registry-ref.rules.js';
import type { ValidationContext, Violation, Violations } from './violation.js';

const CATEGORIES: ReadonlySet<string> = new Set([...CATEGORY_TOKEN_LIST, GENERAL_CATEGORY]);

function checkFilter(
  out: Violations,
  path: string,
  filter: SubscriptionFilter,
  ctx: ValidationContext,
): void {
  checkRegistryIds(out, fieldPath(path, 'regions'), filter.regions, regionRef(ctx), LIMITS.maxRegions);
  const categories = fieldPath(path, 'categories');
  checkCount(out, categories, filter.categories, CATEGORIES.size);
  filter.categories.forEach((token, index) => {
    if (!CATEGORIES.has(token))
      out.push({ field: itemPath(categories, index), reason: `unknown category '${token}'` });
  });
  checkUnique(out, categories, filter.categories, (token) => token);
  checkEnum(out, fieldPath(path, 'minSeverity'), SeveritySchema, filter.minSeverity, false);
  checkRegistryIds(
    out,
    fieldPath(path, 'sections'),
    filter.sections,
    sectionRef(ctx),
    LIMITS.maxBorderSections,
  );
}

/**
 * Rules of a node's narrowing of its subscriptions (protocol 1.4): at most LIMITS.maxSubscriptionFilters
 * filters, none twice, each of registry regions, category tokens, a severity and registry sections.
 * Whether the filters stay within the sender's registry subscriptions (the ceiling) is checked against
 * the registry by `subscriptionCeilingViolations` (libs/registry), at the node and at the hub.
 */
export function validateSubscriptionChange(change: SubscriptionChange, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, change, ctx);
  // The hub audits who narrowed a node's intake: a change nobody answers for is refused.
  if (change.actor === '') out.push({ field: 'actor', reason: 'is required' });
  checkCount(out, 'filters', change.filters, LIMITS.maxSubscriptionFilters);
  change.filters.forEach((filter, index) => checkFilter(out, itemPath('filters', index), filter, ctx));
  checkUnique(out, 'filters', change.filters, filterKey);
  return out;
}

// Lists compared as sets: the same filter written in another order is still the same filter.
function filterKey(filter: SubscriptionFilter): string {
  const sorted = (list: readonly string[]) => [...list].sort().join(',');
  const severity = filter.minSeverity === Severity.UNSPECIFIED ? '' : String(filter.minSeverity);
  return [sorted(filter.regions), sorted(filter.categories), severity, sorted(filter.sections)].join('|');
}
