import { CLEARANCES, DEFAULT_CLEARANCE, isClearance, isRole, type Clearance, type Role } from '#access';
import { isActor } from '#contracts';
import type { JWTPayload } from 'jose';
import { parseClaimMap } from '../config/access-settings.validator.js';
import type { NodeConfig } from '../config/node.config.js';
import { UnauthenticatedError } from './access.errors.js';
import type { Principal } from './principal.js';

/** The value at a dotted path (`realm_access.roles`); a claim whose own name has dots is tried whole first. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((value, key) => {
    if (typeof value !== 'object' || value === null) return undefined;
    return (value as Record<string, unknown>)[key];
  }, payload);
}

// A claim may carry one value or several (a string, or an array of strings; some providers send a
// space-separated string).
function valuesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/\s+/).filter((value) => value !== '');
  if (Array.isArray(claim)) return claim.filter((value): value is string => typeof value === 'string');
  return [];
}

/**
 * How the claims of the agency's identity provider become a Principal, as NodeConfig configures it:
 * which claim names the person, which holds roles and clearance, and how the provider's values map
 * to the node's. Unknown values grant nothing; several clearance values give the lowest.
 */
export class ClaimsMapping {
  private readonly roleMap?: Map<string, string[]>;
  private readonly clearanceMap?: Map<string, string[]>;

  constructor(private readonly config: NodeConfig) {
    this.roleMap =
      config.NODE_OIDC_ROLE_MAP === undefined ? undefined : parseClaimMap(config.NODE_OIDC_ROLE_MAP);
    this.clearanceMap =
      config.NODE_OIDC_CLEARANCE_MAP === undefined
        ? undefined
        : parseClaimMap(config.NODE_OIDC_CLEARANCE_MAP);
  }

  /**
   * @throws UnauthenticatedError when the token does not name its subject, or names it in a form the
   *   node cannot sign as its actor (see isActor: printable ASCII, as OpenID Connect's `sub` is).
   */
  principalOf(payload: JWTPayload, issuer: string): Principal {
    const claim = this.config.NODE_OIDC_SUBJECT_CLAIM;
    const subject = claimAt(payload, claim);
    if (typeof subject !== 'string' || subject === '') {
      throw new UnauthenticatedError(`the token has no ${claim} claim`);
    }
    // Refused at the door rather than at the first message the person signs.
    if (!isActor(`person:${subject}`)) {
      throw new UnauthenticatedError(
        `the token's ${claim} claim must be 1 to 255 printable ASCII characters without spaces`,
      );
    }
    const name = [payload.preferred_username, payload.name, payload.email].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    return {
      id: `person:${subject}`,
      kind: 'person',
      issuer,
      subject,
      name: name ?? subject,
      roles: this.roles(claimAt(payload, this.config.NODE_OIDC_ROLES_CLAIM)),
      clearance: this.clearance(claimAt(payload, this.config.NODE_OIDC_CLEARANCE_CLAIM)),
    };
  }

  private roles(claim: unknown): Role[] {
    const granted = valuesOf(claim).flatMap((value) => mapped(this.roleMap, value));
    return [...new Set(granted.filter(isRole))];
  }

  private clearance(claim: unknown): Clearance {
    const values = valuesOf(claim);
    if (values.length === 0) return DEFAULT_CLEARANCE;
    const levels = values.map((value) => mapped(this.clearanceMap, value));
    // Every value must be understood, else the default: never a guess upwards. Several: the lowest.
    if (!levels.every((level) => level.length === 1 && isClearance(level[0]))) return DEFAULT_CLEARANCE;
    const ranks = levels.map((level) => CLEARANCES.indexOf(level[0] as Clearance));
    return CLEARANCES[Math.min(...ranks)]!;
  }
}

// With a map, only the values it names count; without one, the provider uses the node's own words.
const mapped = (map: Map<string, string[]> | undefined, value: string): string[] =>
  map === undefined ? [value] : (map.get(value) ?? []);
