// Bounds of the wire contract. Tightening one can refuse traffic that partners already send:
// announce it in docs/protocol.md before shipping.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The region's languages (ISO 639-1): Russian, English and the five Central Asian languages, which the
 * desk offers for writing. A text block may be in any BCP 47 language (`checkLanguageTag`).
 */
export const LANGUAGES = ['ru', 'en', 'kk', 'ky', 'tg', 'tk', 'uz'] as const;

/** Limits every entry point (NATS ingress, REST API, CLI) enforces through the same rules. */
export const LIMITS = Object.freeze({
  /** Largest protobuf body accepted on the wire, in bytes (256 KiB). */
  maxBodyBytes: 256 * 1024,
  /** Most violations one validation reports; the first ones found are kept. */
  maxViolations: 100,

  /** Message, reference, incident and thread ids: 1 to this many characters of [A-Za-z0-9_-]. */
  idMaxLength: 128,
  /** The subject or key id after an actor's `person:` or `service:` (an OpenID Connect `sub` is at most 255). */
  actorIdMaxLength: 255,
  /** A sent time may run ahead of the receiver's clock by this much (clock skew). */
  sentMaxFutureMs: 5 * MINUTE_MS,
  /** A sent time older than this is refused (stale or replayed). */
  sentMaxAgeMs: 7 * DAY_MS,
  /** A heartbeat's sent time older than this is refused: presence is only worth its latest word. */
  heartbeatMaxAgeMs: 5 * MINUTE_MS,
  /** The longest interval a heartbeat may announce (protocol 1.3). */
  heartbeatMaxIntervalMs: 5 * MINUTE_MS,
  /** Consumers one heartbeat reports the lag of. */
  maxHeartbeatConsumers: 1_000,

  /** Characters of a text's language tag: RFC 5646 (4.4.1) has a bounded buffer allow at least 35. */
  languageTagMaxLength: 35,
  headlineMaxLength: 200,
  descriptionMaxLength: 8_000,
  instructionMaxLength: 2_000,
  /** Free-text handling restrictions (handling code H3). */
  restrictionsMaxLength: 500,
  /** Reasons and details: declined receipts, delayed traces, rejection details. */
  reasonMaxLength: 1_000,
  /** Names, makes, models, serial and lot numbers, locations, units. */
  shortTextMaxLength: 100,
  calibreMaxLength: 50,
  markingsMaxLength: 1_000,
  itemDescriptionMaxLength: 1_000,
  areaDescriptionMaxLength: 500,
  unitMaxLength: 16,
  /** Trace request narratives: illicit nature, legal basis, circumstances, intended use. */
  narrativeMaxLength: 4_000,
  /** Ingress subject quoted by a rejection. */
  subjectMaxLength: 256,
  violationFieldMaxLength: 200,
  violationReasonMaxLength: 500,

  maxReferences: 32,
  /** Transfers of a traced weapon one trace result lists (protocol 1.2). */
  maxTransfers: 50,
  /** Messages one `delivered` batch names (protocol 1.1). */
  maxDeliveredPerBatch: 500,
  /** People named as approving one release decision. */
  maxApprovers: 4,
  maxRegions: 16,
  /** Filters one node's narrowing of its subscriptions holds (protocol 1.4). */
  maxSubscriptionFilters: 32,
  maxBorderSections: 20,
  maxCrossingPoints: 20,
  maxPoints: 100,
  maxCircles: 20,
  maxPolygons: 20,
  maxPolygonVertices: 1_000,
  maxCircleRadiusKm: 1_000,
  maxAddresseeNodes: 64,
  maxAddresseeGroups: 16,
  maxRecipients: 1_000,
  maxItems: 500,
  /** Pieces in one item line: weapons, rounds, explosive charges. */
  maxItemQuantity: 1_000_000,
  /** Net explosive mass of one line, in kilograms. */
  maxNetMassKg: 1_000_000,
  /** Quantity of an other item, in its own unit. */
  maxOtherQuantity: 1_000_000_000,
  maxPersonRows: 64,
  maxPersonCount: 10_000,
  maxSituationSections: 200,
  maxSectionEvents: 1_000_000,
});
