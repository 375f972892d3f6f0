// Hand-written types of routes not yet in the committed OpenAPI document (apps/desk/src/api/
// node-openapi.json), copied from the node's DTOs (apps/node/src/subscriptions/dto,
// apps/node/src/service-subscriptions/dto): to be replaced by the generated ones
// (`components['schemas'][…]` of ./generated/node-api.ts) once `npm run gen` picks the routes up;
// the client's methods keep their names.

/** An alert's severity in the protobuf JSON mapping, as a node's narrowing names it. */
export type Severity =
  'SEVERITY_EXTREME' | 'SEVERITY_SEVERE' | 'SEVERITY_MODERATE' | 'SEVERITY_MINOR' | 'SEVERITY_UNKNOWN';

/** One filter of a node's narrowing: a message passes when it matches every list given. */
export interface SubscriptionFilter {
  regions?: string[];
  categories?: string[];
  /** The least severe an alert may be to pass; an alert of unknown severity passes. */
  minSeverity?: Severity;
  sections?: string[];
}

/** `PUT /v1/subscriptions`: the node's whole narrowing within the registry; no filter lifts it. */
export interface NodeSubscriptionsRequest {
  filters: SubscriptionFilter[];
}

/** `GET /v1/subscriptions`: the registry's ceiling (region × category) and the node's narrowing. */
export interface NodeSubscriptions {
  ceiling: { regions: string[]; categories: string[] }[];
  filters: SubscriptionFilter[];
  /** The signed change that set the narrowing, when there was one. */
  change?: { id: string; sent: string };
}

/** A service subscription's lowest OASIS CAP severity: a notice (no severity) never passes one. */
export type SeverityLevel = 'minor' | 'moderate' | 'severe' | 'extreme';
/** The most restricted handling a service subscription receives. */
export type HandlingLevel = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
/** The inbox kinds a service may subscribe to. */
export type SubscribedKind = 'alert' | 'notice' | 'reply' | 'reminder';

/** What a service subscription receives; each list absent or empty admits any. */
export interface ServiceSubscriptionFilter {
  /** Registry regions, any one of which the message concerns (`afghan-border`). */
  regions?: string[];
  /** Category tokens (`explosives`, `salw`). */
  categories?: string[];
  minSeverity?: SeverityLevel;
  /** Registry border sections, any one of which the message names (`tj-af-panj`). */
  sections?: string[];
  kinds?: SubscribedKind[];
  /** At most what the key's clearance admits. */
  maxHandling: HandlingLevel;
}

/** `POST /v1/service-subscriptions`, `PUT …/{id}`: the filter, and where to POST webhooks if anywhere. */
export interface ServiceSubscriptionRequest extends ServiceSubscriptionFilter {
  /** https, or http to loopback; signed after Standard Webhooks. */
  endpoint?: string;
}

/** A registered service subscription. */
export interface ServiceSubscription {
  id: string;
  /** The API key that owns it (`service:<id>`) and its name. */
  owner: string;
  ownerName: string;
  filter: ServiceSubscriptionFilter;
  endpoint?: string;
  createdAt: string;
  updatedAt: string;
}

/** The answer to `POST /v1/service-subscriptions`: the subscription and its webhook secret, shown once. */
export interface CreatedServiceSubscription extends ServiceSubscription {
  secret: string;
}

/** Where a subscription's webhook stands (`GET …/{id}/deliveries`, `POST …/{id}/enable`). */
export interface WebhookReport {
  endpoint: string;
  status: 'active' | 'retrying' | 'disabled';
  /** The log position of the last message delivered; `0` before any. */
  cursor: string;
  failures: number;
  retryAt?: string;
  disabledAt?: string;
  attempts: {
    id: string;
    message: string;
    position: string;
    at: string;
    status?: number;
    ok: boolean;
    error?: string;
    durationMs: number;
  }[];
}
