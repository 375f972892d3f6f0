import type { InboxItem, ItemState, ShownItem } from './inbox-item.js';

/** What a later alert did to an earlier one: `by` superseded or cancelled alert `id`, both from `sender`. */
export interface ItemChange {
  id: string;
  state: Exclude<ItemState, 'active'>;
  by: string;
  sender: string;
}

/** The changes an item's own sender made to it, at most one of each state (the latest). */
export interface RecordedChanges {
  superseded?: ItemChange;
  cancelled?: ItemChange;
}

// The protobuf JSON mapping of the alert types that change earlier alerts (enum names).
const CHANGING_TYPES: Readonly<Record<string, ItemChange['state']>> = {
  ALERT_TYPE_UPDATE: 'superseded',
  ALERT_TYPE_CANCEL: 'cancelled',
};

/**
 * The changes `item` makes: a verified update or cancel supersedes or cancels each alert it references.
 * An unverified one proves no sender, so it changes nothing.
 */
export function changesMadeBy(item: InboxItem): ItemChange[] {
  if (item.kind !== 'alert' || !item.verified) return [];
  const { type, references } = item.message as { type?: string; references?: string[] };
  const state = CHANGING_TYPES[type ?? ''];
  if (state === undefined) return [];
  return (references ?? []).map((id) => ({ id, state, by: item.id, sender: item.sender }));
}

/**
 * `item` as shown at `now`: its state from the changes its sender recorded for it (a cancel outranks
 * an update), and `expired` once an alert's `expires` has passed.
 */
export function shownAs(item: InboxItem, changes: RecordedChanges, now: Date): ShownItem {
  const { superseded, cancelled } = changes;
  const { expires } = item.message as { expires?: string };
  const expired = item.kind === 'alert' && expires !== undefined && Date.parse(expires) <= now.getTime();
  return {
    ...item,
    state: cancelled !== undefined ? 'cancelled' : superseded !== undefined ? 'superseded' : 'active',
    ...(superseded === undefined ? {} : { supersededBy: superseded.by }),
    ...(cancelled === undefined ? {} : { cancelledBy: cancelled.by }),
    ...(expired ? { expired } : {}),
  };
}
