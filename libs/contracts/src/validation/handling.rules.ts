import type { Handling } from '../gen/borderlink/v1/common_pb.js';
import {
  HandlingCode,
  HandlingCodeSchema,
  PapSchema,
  Tlp,
  TlpSchema,
} from '../gen/borderlink/v1/common_pb.js';
import { checkEnum } from './enum.rules.js';
import { LIMITS } from './limits.js';
import { fieldPath } from './path.js';
import { checkText } from './text.rules.js';
import type { Violations } from './violation.js';

/** TLP labels whose audience is the named recipients only, so they cannot go out on topics. */
const RESTRICTED_TLP: ReadonlyMap<Tlp, string> = new Map([
  [Tlp.RED, 'TLP:RED'],
  [Tlp.AMBER_STRICT, 'TLP:AMBER+STRICT'],
]);

/**
 * Checks handling instructions: a TLP label and a SIENA handling code are required, PAP is optional,
 * and H3 ("other restrictions") must state its restrictions.
 */
export function checkHandling(
  out: Violations,
  path: string,
  handling: Handling | undefined,
  required: boolean,
): void {
  if (handling === undefined) {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  checkEnum(out, fieldPath(path, 'tlp'), TlpSchema, handling.tlp, true);
  checkEnum(out, fieldPath(path, 'code'), HandlingCodeSchema, handling.code, true);
  checkEnum(out, fieldPath(path, 'pap'), PapSchema, handling.pap, false);
  checkText(out, fieldPath(path, 'restrictions'), handling.restrictions, {
    max: LIMITS.restrictionsMaxLength,
    required: handling.code === HandlingCode.H3,
    multiline: true,
  });
}

/**
 * TLP:RED and TLP:AMBER+STRICT name their audience: reports `addresseesPath` when the message has
 * no explicit addressee.
 */
export function checkRestrictedAudience(
  out: Violations,
  addresseesPath: string,
  handling: Handling | undefined,
  hasAddressees: boolean,
): void {
  const label = handling === undefined ? undefined : RESTRICTED_TLP.get(handling.tlp);
  if (label !== undefined && !hasAddressees) {
    out.push({ field: addresseesPath, reason: `must name at least one node or group for ${label}` });
  }
}
