import type { SendableKind } from '#contracts';
import type { Recipient } from './routable-message.js';

/** A message the hub accepted, with everything needed to fan it out. */
export interface RoutedMessage {
  id: string;
  kind: SendableKind;
  /** The node it came from (subject, headers, body and signature agree on it). */
  origin: string;
  /** Who acted at the origin (the signed body's `actor`), empty when the node acted by itself. */
  actor: string;
  /** The body exactly as the origin signed it. */
  body: Uint8Array;
  /** The origin's wire headers (Bl-*), passed on unchanged so receivers verify the origin. */
  headers: Record<string, string>;
  recipients: Recipient[];
}
