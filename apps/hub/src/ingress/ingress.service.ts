import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Inject, Injectable } from '@nestjs/common';
import {
  DecodeError,
  HEADER_CORRELATION,
  HEADER_HANDLING,
  HEADER_ID,
  HEADER_KEY,
  HEADER_SENDER,
  HEADER_SENT,
  HEADER_SIGNATURE,
  HEADER_TYPE,
  RejectionReason,
  decodeMessage,
  isMessageId,
  isMessageKind,
  isReceiptKind,
  isSendableKind,
  parseIngressSubject,
  validateMessage,
  type SendableKind,
  type Violation,
} from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import {
  EnvelopeError,
  SIGNED_HEADERS,
  SignatureVerifier,
  headerMismatches,
  readSignedFields,
  type SignedFields,
  type Verification,
} from '#trust';
import type { Logger } from 'pino';
import { HubConfig } from '../config/hub.config.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import { reasonName, type RefusedMessage } from '../pipeline/refused-message.js';
import { actorOf, type RoutableMessage } from '../pipeline/routable-message.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';
import { RateLimitStore } from '../rate-limit/rate-limit.store.js';
import { RecipientResolverService } from '../routing/recipient-resolver.service.js';
import { RouteRecordStore } from '../routes/route-record.store.js';
import { AcceptedIdStore } from './accepted-ids.store.js';
import { IngressDrop } from './ingress.errors.js';

/** One message as it came off the ingress stream. */
export interface IngressEnvelope {
  subject: string;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
  /** Its sequence in the ingress stream. */
  sequence: number;
  /** Names of headers that came with more than one value (`headers` holds the first of each). */
  repeatedHeaders?: readonly string[];
}

/** An ingress message that proves no sender: acked and counted, never answered. */
export interface DroppedMessage {
  sequence: number;
  subject: string;
  /** The required signed headers it lacks. */
  missing: readonly string[];
}

/** What the hub decided about one ingress message. */
export type IngressDecision =
  | { outcome: 'routed'; routed: RoutedMessage }
  | { outcome: 'refused'; refused: RefusedMessage }
  | { outcome: 'dropped'; dropped: DroppedMessage };

/** A decision in one word: `routed`, `dropped`, or the refusal's reason name (`SIGNATURE_INVALID`, …). */
export function outcomeOf(decision: IngressDecision): string {
  if (decision.outcome === 'refused') return reasonName(decision.refused.reason);
  return decision.outcome;
}

// The origin's headers that travel on with each copy; anything else a node set (JetStream
// expectations, a forged Bl-Recipient) stays behind.
const WIRE_HEADERS = [
  HEADER_ID,
  HEADER_TYPE,
  HEADER_SENDER,
  HEADER_SENT,
  HEADER_HANDLING,
  HEADER_CORRELATION,
  HEADER_KEY,
  HEADER_SIGNATURE,
];

const SIGNED_HEADER_NAMES = Object.fromEntries(SIGNED_HEADERS) as Record<keyof SignedFields, string>;

// The signed headers without which a message says nothing a signature could prove (Bl-Handling and
// Bl-Correlation may be absent: they read as empty).
const REQUIRED_SIGNED_HEADERS = [HEADER_ID, HEADER_TYPE, HEADER_SENDER, HEADER_SENT];

const VERIFICATION_REASONS: Record<Extract<Verification, { ok: false }>['reason'], RejectionReason> = {
  'unknown-sender': RejectionReason.UNKNOWN_SENDER,
  'signature-missing': RejectionReason.SIGNATURE_MISSING,
  'signature-invalid': RejectionReason.SIGNATURE_INVALID,
  'unknown-key': RejectionReason.SIGNATURE_INVALID,
  'key-revoked': RejectionReason.KEY_REVOKED,
  'key-not-yet-valid': RejectionReason.SIGNATURE_INVALID,
};

// A claimed id names the refused message in the Rejection and in msgIds, so it must be a well-formed id.
function usableId(value: string | undefined): string | undefined {
  return value !== undefined && isMessageId(value) ? value : undefined;
}

function wireHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    WIRE_HEADERS.flatMap((name) => (headers[name] === undefined ? [] : [[name, headers[name]]])),
  );
}

/**
 * The ingress pipeline: subject → signed headers present → rate → size → headers → sender → signature
 * → decode → headers agree with the body → validate → not expired → replay → recipients, then delivery. A message
 * lacking the signed headers is dropped unanswered; each refusal carries a typed reason; both are
 * normal, acked outcomes. Only infrastructure failures (a publish, Redis) throw, so the message is
 * retried.
 */
@Injectable()
export class IngressService {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly verifier: SignatureVerifier,
    private readonly resolver: RecipientResolverService,
    private readonly routes: RouteRecordStore,
    private readonly delivery: DeliveryService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly config: HubConfig,
    private readonly rateLimits: RateLimitStore,
    private readonly acceptedIds: AcceptedIdStore,
  ) {}

  /** Decides about one ingress message and carries the decision out. */
  async handle(envelope: IngressEnvelope): Promise<IngressDecision> {
    const decision = await this.decide(envelope);
    if (decision.outcome === 'routed') {
      const { id, kind, origin, recipients } = decision.routed;
      // Replies, receipts and release requests refer back to what was routed: remember who sent it to
      // whom, and where the original stays in the ingress stream.
      if (!isReceiptKind(kind)) {
        const nodes = recipients.map((r) => r.node);
        await this.routes.remember(id, { origin, kind, recipients: nodes, sequence: envelope.sequence });
      }
      // Group changes and release decisions take effect before any copy or report goes out.
      await this.resolver.commit(decision.routed);
      await this.delivery.deliver(decision.routed);
      // Per message, so debug: the delivered counter carries the rate.
      this.logger.debug({ msgId: id, sender: origin, kind, recipients: recipients.length }, 'routed');
    } else if (decision.outcome === 'dropped') {
      const { sequence, subject, missing } = decision.dropped;
      this.logger.warn(
        { seq: sequence, subject, missing },
        'dropped: no signed headers, so no provable sender',
      );
    } else {
      const { id, sequence, origin, subject, reason, detail } = decision.refused;
      await this.delivery.reject(decision.refused);
      this.logger.warn(
        { msgId: id, seq: sequence, sender: origin, subject, reason: reasonName(reason), detail },
        'refused',
      );
    }
    return decision;
  }

  /**
   * The decision alone. Its only side effects are in Redis: a token from the sender's bucket, and the
   * claim on an accepted id (repeatable by the same ingress message, so a redelivery decides the same).
   */
  async decide(envelope: IngressEnvelope): Promise<IngressDecision> {
    try {
      return { outcome: 'routed', routed: await this.route(envelope) };
    } catch (error) {
      if (error instanceof IngressDrop) {
        const { sequence, subject } = envelope;
        return { outcome: 'dropped', dropped: { sequence, subject, missing: error.missing } };
      }
      if (!(error instanceof IngressRefusal)) throw error;
      const address = parseIngressSubject(envelope.subject);
      return {
        outcome: 'refused',
        refused: {
          id: usableId(envelope.headers[HEADER_ID]),
          sequence: envelope.sequence,
          subject: envelope.subject,
          kind: address?.kind,
          // NATS permissions let only a node publish on its own ingress subjects, so a
          // registered subject node is where the Rejection goes.
          origin: address !== undefined && this.registry.hasNode(address.node) ? address.node : undefined,
          reason: error.reason,
          detail: error.message,
          violations: error.violations,
        },
      };
    }
  }

  private async route(envelope: IngressEnvelope): Promise<RoutedMessage> {
    const { node, kind } = this.address(envelope.subject);
    // Nobody's bucket pays for what proves no sender: it is dropped before the first Redis call.
    this.requireSignedHeaders(envelope);
    // Cheap, before any parsing or signature check, so a flood costs the hub little.
    if (!(await this.rateLimits.admit(node))) {
      throw new IngressRefusal(RejectionReason.RATE_LIMITED, `${node} exceeds its ingress rate`);
    }
    if (envelope.body.length > this.config.HUB_MAX_BODY_BYTES) {
      throw new IngressRefusal(
        RejectionReason.OVERSIZED,
        `body of ${envelope.body.length} bytes exceeds ${this.config.HUB_MAX_BODY_BYTES}`,
      );
    }
    this.singleHeaders(envelope);
    const fields = this.signedFields(envelope.headers);
    if (fields.sender !== node) {
      throw new IngressRefusal(
        RejectionReason.SENDER_MISMATCH,
        `header ${HEADER_SENDER} ${fields.sender} differs from the subject's node ${node}`,
      );
    }
    if (fields.type !== kind) {
      throw new IngressRefusal(
        RejectionReason.MALFORMED,
        `header ${HEADER_TYPE} ${fields.type} differs from the subject's kind ${kind}`,
      );
    }
    this.verify(fields, envelope);
    const routable = this.decode(kind, envelope.body);
    this.agree(routable, fields);
    const now = new Date();
    this.validate(routable, now);
    this.unexpired(routable, now);
    if (!(await this.acceptedIds.claim(fields.id, envelope.sequence))) {
      throw new IngressRefusal(RejectionReason.REPLAYED, `message id ${fields.id} was accepted before`);
    }
    const recipients = await this.resolver.resolve(routable);
    return {
      id: fields.id,
      kind,
      origin: node,
      actor: actorOf(routable),
      body: envelope.body,
      headers: wireHeaders(envelope.headers),
      recipients,
    };
  }

  /** Step 1: `bl.in.<node>.<kind>` from a registered node, with a kind nodes may send. */
  private address(subject: string): { node: string; kind: SendableKind } {
    const address = parseIngressSubject(subject);
    if (address === undefined) {
      throw new IngressRefusal(RejectionReason.MALFORMED, `${subject} is not an ingress subject`);
    }
    if (!this.registry.hasNode(address.node)) {
      throw new IngressRefusal(RejectionReason.UNAUTHORIZED, `${address.node} is not a registered node`);
    }
    if (!isMessageKind(address.kind)) {
      throw new IngressRefusal(RejectionReason.UNKNOWN_TYPE, `unknown message kind ${address.kind}`);
    }
    if (!isSendableKind(address.kind)) {
      throw new IngressRefusal(RejectionReason.UNAUTHORIZED, `nodes may not send ${address.kind} messages`);
    }
    return { node: address.node, kind: address.kind };
  }

  /** Step 2: a message lacking a required signed header is no Borderlink message (IngressDrop). */
  private requireSignedHeaders(envelope: IngressEnvelope): void {
    const missing = REQUIRED_SIGNED_HEADERS.filter((name) => envelope.headers[name] === undefined);
    if (missing.length > 0) throw new IngressDrop(missing);
  }

  /**
   * Every signed header restates a body field and must equal it: recipients route and show by both.
   * A differing Bl-Sender is SENDER_MISMATCH, any other HEADER_MISMATCH, naming each header.
   */
  private agree(routable: RoutableMessage, fields: SignedFields): void {
    const differing = headerMismatches(routable.kind, routable.message, fields);
    if (differing.includes('sender')) {
      throw new IngressRefusal(
        RejectionReason.SENDER_MISMATCH,
        `body sender differs from header ${HEADER_SENDER} ${fields.sender}`,
      );
    }
    if (differing.length > 0) {
      const violations = differing.map((field) => ({
        field: SIGNED_HEADER_NAMES[field],
        reason: `differs from the body's ${field}`,
      }));
      throw new IngressRefusal(
        RejectionReason.HEADER_MISMATCH,
        `header ${violations.map((v) => v.field).join(', ')} differs from the body`,
        violations,
      );
    }
  }

  /** A signed header given twice is ambiguous: which value did the sender sign? */
  private singleHeaders(envelope: IngressEnvelope): void {
    const repeated = (envelope.repeatedHeaders ?? []).filter((name) => WIRE_HEADERS.includes(name));
    if (repeated.length > 0) {
      throw new IngressRefusal(
        RejectionReason.MALFORMED,
        `header ${repeated.join(', ')} given more than once`,
      );
    }
  }

  private signedFields(headers: Readonly<Record<string, string>>): SignedFields {
    try {
      return readSignedFields((name) => headers[name]);
    } catch (error) {
      if (error instanceof EnvelopeError) {
        throw new IngressRefusal(RejectionReason.MALFORMED, error.message, [], { cause: error });
      }
      throw error;
    }
  }

  private verify(fields: SignedFields, envelope: IngressEnvelope): void {
    const verification = this.verifier.verify(
      fields,
      envelope.body,
      envelope.headers[HEADER_SIGNATURE],
      envelope.headers[HEADER_KEY],
    );
    if (!verification.ok) {
      throw new IngressRefusal(
        VERIFICATION_REASONS[verification.reason],
        `signature check failed: ${verification.reason}`,
      );
    }
  }

  private decode(kind: SendableKind, body: Uint8Array): RoutableMessage {
    try {
      // decodeMessage returns the message type of `kind`, which is exactly the tagged union's pairing.
      return { kind, message: decodeMessage(kind, body) } as RoutableMessage;
    } catch (error) {
      if (error instanceof DecodeError) {
        throw new IngressRefusal(RejectionReason.MALFORMED, error.message, [], { cause: error });
      }
      throw error;
    }
  }

  private validate(routable: RoutableMessage, now: Date): void {
    const violations = validateMessage(
      routable.kind,
      routable.message,
      validationContextOf(this.registry, now),
    );
    if (violations.length > 0) throw this.validationRefusal(violations, routable);
  }

  /** An alert past its `expires` warns of nothing any more: it is refused (STALE), not routed late. */
  private unexpired(routable: RoutableMessage, now: Date): void {
    if (routable.kind !== 'alert' || routable.message.expires === undefined) return;
    const expires = timestampDate(routable.message.expires);
    if (expires.getTime() <= now.getTime()) {
      throw new IngressRefusal(RejectionReason.STALE, `expired at ${expires.toISOString()}, before routing`, [
        { field: 'expires', reason: 'passed before the hub routed it' },
      ]);
    }
  }

  /**
   * STALE when the sent time alone is out of bounds, UNKNOWN_ADDRESSEE when only addressees the
   * registry does not know are at fault (told apart by field path and registry, never by text), else INVALID.
   */
  private validationRefusal(violations: readonly Violation[], routable: RoutableMessage): IngressRefusal {
    if (violations.every((violation) => violation.field === 'sent')) {
      return new IngressRefusal(RejectionReason.STALE, 'sent time out of bounds', violations);
    }
    const unknown = new Set(this.resolver.unknownAddressees(routable).map((violation) => violation.field));
    if (violations.every((violation) => unknown.has(violation.field))) {
      return new IngressRefusal(RejectionReason.UNKNOWN_ADDRESSEE, 'unknown addressee', violations);
    }
    return new IngressRefusal(
      RejectionReason.INVALID,
      `${violations.length} field(s) break the rules`,
      violations,
    );
  }
}
