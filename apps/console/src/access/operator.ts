import type { JWTPayload } from 'jose';

/** The role a token must carry for anything but the screens and /healthz. */
export const OPERATOR_ROLE = 'operator';

/** The person behind a request, as the operators' identity provider names them. */
export interface Operator {
  /** Their name: `preferred_username`, else `sub`; what the audit records of their decisions. */
  user: string;
  /** Every value of the roles claim. */
  roles: string[];
}

/** The value at a dotted claim path (`realm_access.roles`), or at a URL-named claim as a whole. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const step of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Who a verified token names, and the roles it gives them (a single string counts as one role). */
export function operatorOf(payload: JWTPayload, rolesClaim: string): Operator {
  const claimed = claimAt(payload, rolesClaim);
  const list: unknown[] = Array.isArray(claimed) ? claimed : [claimed];
  const roles = list.filter((role): role is string => typeof role === 'string');
  const name = payload.preferred_username;
  return { user: typeof name === 'string' && name !== '' ? name : (payload.sub ?? ''), roles };
}
