import type { InboxItem } from '../inbox/inbox-item.js';

/** The protobuf JSON of a held alert, as far as the feed reads it. */
interface AlertJson {
  handling?: { tlp?: string };
  regions?: string[];
  expires?: string;
}

// Both the signed message and the label filed with it must say TLP:CLEAR: either alone could be a
// mistake, and nothing else may leave the node unauthenticated.
const CLEAR_LABEL = /^TLP:CLEAR(;|$)/;

/**
 * Whether a held item may be published without sign-in: a TLP:CLEAR alert whose origin's signature
 * verified and that the hub delivered (not one only the national site's fast path brought).
 */
export function isPublicAlert(item: InboxItem): boolean {
  const message = item.message as AlertJson;
  return (
    item.kind === 'alert' &&
    item.verified &&
    item.viaSite !== true &&
    CLEAR_LABEL.test(item.handling) &&
    message.handling?.tlp === 'TLP_CLEAR'
  );
}

/** Whether a public alert concerns `region` and is still valid at `now`. */
export function concerns(item: InboxItem, region: string, now: Date): boolean {
  const message = item.message as AlertJson;
  const expires = message.expires === undefined ? undefined : Date.parse(message.expires);
  return (message.regions ?? []).includes(region) && (expires === undefined || expires > now.getTime());
}
