import type { ApiClient } from './api-client.js';

export interface RegistryRegion {
  id: string;
  name: string;
}

export interface RegistrySection {
  id: string;
  name: string;
  countries: string[];
  regions: string[];
}

export interface RegistryCrossingPoint {
  id: string;
  name: string;
  section: string;
  location: { lat: number; lon: number };
}

export interface RegistryOrganisation {
  id: string;
  name: string;
  /** Organisations within its need to know (TLP:AMBER's "clients"). */
  needToKnow?: string[];
  /** The node told of its requests left unanswered. */
  escalation?: string;
}

/** Every region x category pair of the two lists; `*` means all. */
export interface RegistrySubscription {
  regions: string[];
  categories: string[];
}

export interface RegistryNode {
  id: string;
  name?: string;
  /** `border`, `customs`, `partner`, `service` or `hub`. */
  kind: string;
  organisation: string;
  country?: string;
  subscriptions: RegistrySubscription[];
}

/** The registry as the console server loaded it. */
export interface Registry {
  regions: RegistryRegion[];
  sections: RegistrySection[];
  crossingPoints: RegistryCrossingPoint[];
  organisations: RegistryOrganisation[];
  nodes: RegistryNode[];
}

export const getRegistry = (api: ApiClient): Promise<Registry> => api.get<Registry>('/v1/registry');
