import type { Clearance, Role } from '#access';

/** A person (through the agency's identity provider) or a service (through an API key). */
export type PrincipalKind = 'person' | 'service';

/**
 * Who acts through the node on one request, as authenticated at its door.
 *
 * `id` is stable and scoped to the agency: `person:<subject>` where the subject is the identity
 * provider's never-reassigned claim (NODE_OIDC_SUBJECT_CLAIM), `service:<key id>` for an API key.
 * It is what the node keys four-eyes decisions on, and what it will name inside what it signs.
 */
export interface Principal {
  id: string;
  kind: PrincipalKind;
  /** Who vouches for it: the OpenID Connect issuer, or `api-key`. */
  issuer: string;
  /** The identity provider's subject, or the key id. */
  subject: string;
  /** For people reading logs: `preferred_username`, or the key's name. */
  name: string;
  roles: readonly Role[];
  clearance: Clearance;
}

/** The issuer of every service principal. */
export const API_KEY_ISSUER = 'api-key';

/** True when the principal holds at least one of `roles`. */
export function holdsAny(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
