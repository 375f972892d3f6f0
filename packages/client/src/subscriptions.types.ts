// Hand-written types of the routes not yet in the committed OpenAPI document (apps/desk/src/api/
// node-openapi.json): the node's run-time subscriptions and its services' subscriptions. To be
// replaced by the generated ones (`components['schemas'][…]` of ./generated/node-api.ts) once
// `npm run gen` picks the routes up; the client's methods keep their names.

/** A severity, as alerts carry it; a filter's `minSeverity` admits it and every graver one. */
export type Severity =
  'SEVERITY_UNKNOWN' | 'SEVERITY_MINOR' | 'SEVERITY_MODERATE' | 'SEVERITY_SEVERE' | 'SEVERITY_EXTREME';

/** What a node receives from the hub, within what the registry entitles it to (`GET/PUT /v1/subscriptions`). */
export interface NodeSubscriptions {
  /** Region tokens (`afghan-border`); absent or empty: every region the registry grants. */
  regions?: string[];
  /** Category tokens (`salw`, `explosives`); absent or empty: every category granted. */
  categories?: string[];
  minSeverity?: Severity;
  /** Border section ids (`tj-af-panj`). */
  sections?: string[];
}

/** What a service subscription selects among what the node receives. */
export interface ServiceSubscriptionFilter extends NodeSubscriptions {
  /** Inbox kinds (`alert`, `notice`, `reply`, …); absent: every kind. */
  kinds?: string[];
  /** The widest handling the service may receive (`TLP:AMBER`). */
  maxHandling?: string;
}

/** A service subscription to register or update (`POST /v1/service-subscriptions`, `PUT …/{id}`). */
export interface ServiceSubscriptionRequest {
  /** The service's name for it, unique per API key: registering the same name again updates it. */
  name: string;
  filter: ServiceSubscriptionFilter;
  /** Where the node POSTs signed webhooks; absent: stream only. */
  webhook?: { url: string };
}

/** A registered service subscription. */
export interface ServiceSubscription extends ServiceSubscriptionRequest {
  id: string;
  createdAt?: string;
  /** For a webhook: whether it is on, and its run of failures. */
  webhookState?: { enabled: boolean; failures: number; lastError?: string };
}
