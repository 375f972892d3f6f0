import { HUB_ISSUED_KINDS, type MessageKind } from '#contracts';
import type { RegistryIndex } from '#registry';
import type { SignedFields, Verification } from '#trust';

/** Whether a delivery truly comes from the node it names, and why not. */
export type OriginCheck = { verified: true } | { verified: false; reason: string };

/** What a delivery says about its origin: its kind, the signed headers and the body's own claims. */
export interface OriginClaim {
  kind: MessageKind;
  fields: SignedFields;
  /** The decoded body's id and sender, which must match the signed headers. */
  message: { id: string; sender: string };
}

// Routing reports and rejections speak for the hub; any other node sending one is forging.
const HUB_ISSUED: ReadonlySet<MessageKind> = new Set(HUB_ISSUED_KINDS);

/**
 * Judges the origin: its signature against its registered keys (`signature`, the verifier's verdict
 * on the claim's signature, which the caller reaches on or off its thread), that the body claims the
 * same id and sender as the signed headers (the hub relays bodies unchanged, so they must agree), and
 * that hub-issued kinds come from a hub identity.
 */
export function checkOrigin(
  claim: OriginClaim,
  signature: Verification,
  registry: RegistryIndex,
): OriginCheck {
  const { fields, message } = claim;
  if (!signature.ok) return { verified: false, reason: signature.reason };
  if (message.id !== fields.id) return { verified: false, reason: 'id-mismatch' };
  if (message.sender !== fields.sender) return { verified: false, reason: 'sender-mismatch' };
  if (HUB_ISSUED.has(claim.kind) && registry.node(fields.sender)?.kind !== 'hub') {
    return { verified: false, reason: 'not-hub' };
  }
  return { verified: true };
}
