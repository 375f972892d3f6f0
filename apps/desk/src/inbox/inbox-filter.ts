import { tlpOf, type Tlp } from '../../../../libs/web/src/tlp/tlp';
import type { InboxItem } from '../api/node-types';

/** What an item is now: active, superseded, cancelled, or expired (a flag beside its state). */
export type ItemCondition = 'active' | 'superseded' | 'cancelled' | 'expired';

/** The inbox's filters; an absent one lets everything through. */
export interface InboxFilters {
  region?: string;
  category?: string;
  severity?: string;
  tlp?: Tlp;
  condition?: ItemCondition;
}

interface MessageFields {
  regions?: string[];
  category?: string;
  severity?: string;
  handling?: { tlp?: string };
}

/** An item's condition: expired outranks active (an expired alert keeps its state). */
export function conditionOf(item: InboxItem): ItemCondition {
  if (item.state !== 'active') return item.state;
  return item.expired === true ? 'expired' : 'active';
}

/** The item's TLP label, from the signed handling header or else its body. */
export function tlpOfItem(item: InboxItem): Tlp | undefined {
  return tlpOf(item.handling) ?? tlpOf((item.message as MessageFields).handling?.tlp);
}

/** The regions an item concerns: those its message names, and the region it was delivered on. */
export function regionsOfItem(item: InboxItem): string[] {
  const named = (item.message as MessageFields).regions ?? [];
  return item.region === 'direct' ? named : [...new Set([item.region, ...named])];
}

/** The items that pass every filter given. */
export function filterInbox(items: readonly InboxItem[], filters: InboxFilters): InboxItem[] {
  return items.filter((item) => {
    const message = item.message as MessageFields;
    if (filters.region !== undefined && !regionsOfItem(item).includes(filters.region)) return false;
    if (filters.category !== undefined && message.category !== filters.category) return false;
    if (filters.severity !== undefined && message.severity !== filters.severity) return false;
    if (filters.tlp !== undefined && tlpOfItem(item) !== filters.tlp) return false;
    if (filters.condition !== undefined && conditionOf(item) !== filters.condition) return false;
    return true;
  });
}
