import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { LIMITS } from './limits.js';
import { fieldPath } from './path.js';
import type { ValidationContext, Violations } from './violation.js';

// The range of google.protobuf.Timestamp: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;
const MAX_NANOS = 999_999_999;

const UNITS: readonly (readonly [string, number])[] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "5 minutes", "7 days": how a limit reads in a reason. */
function describeDuration(ms: number): string {
  const [unit, size] = UNITS.find(([, size]) => ms % size === 0) ?? ['millisecond', 1];
  const count = ms / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Checks a timestamp and returns it in epoch milliseconds, or undefined when it is absent or invalid
 * (so later comparisons skip it instead of reporting a consequence of the same mistake).
 */
export function checkTimestamp(
  out: Violations,
  path: string,
  value: Timestamp | undefined,
  required: boolean,
): number | undefined {
  if (value === undefined) {
    if (required) out.push({ field: path, reason: 'is required' });
    return undefined;
  }
  const { seconds, nanos } = value;
  if (
    seconds < MIN_SECONDS ||
    seconds > MAX_SECONDS ||
    !Number.isInteger(nanos) ||
    nanos < 0 ||
    nanos > MAX_NANOS
  ) {
    out.push({ field: path, reason: 'must be a valid time between years 0001 and 9999' });
    return undefined;
  }
  return Number(seconds) * 1000 + Math.floor(nanos / 1_000_000);
}

/**
 * Checks a message's sent time against the receiver's clock: at most LIMITS.sentMaxFutureMs ahead
 * (clock skew) and at most `maxAgeMs` (LIMITS.sentMaxAgeMs unless told) behind (stale or replayed).
 * Returns it in epoch ms.
 */
export function checkSent(
  out: Violations,
  path: string,
  value: Timestamp | undefined,
  ctx: ValidationContext,
  maxAgeMs: number = LIMITS.sentMaxAgeMs,
): number | undefined {
  const sent = checkTimestamp(out, path, value, true);
  if (sent === undefined) return undefined;
  const now = ctx.now.getTime();
  if (sent > now + LIMITS.sentMaxFutureMs) {
    out.push({
      field: path,
      reason: `must not be more than ${describeDuration(LIMITS.sentMaxFutureMs)} in the future`,
    });
  } else if (sent < now - maxAgeMs) {
    out.push({
      field: path,
      reason: `must not be more than ${describeDuration(maxAgeMs)} in the past`,
    });
  }
  return sent;
}

/** Reports `later` (a field at `path`) unless it falls strictly after `earlier` (named `earlierName`). */
export function checkAfter(
  out: Violations,
  path: string,
  later: number | undefined,
  earlier: number | undefined,
  earlierName: string,
): void {
  if (later !== undefined && earlier !== undefined && later <= earlier) {
    out.push({ field: path, reason: `must be after ${earlierName}` });
  }
}

/** Checks an optional period (`start` and `end` fields of `parent`): valid times, end after start. */
export function checkPeriod(
  out: Violations,
  parent: string,
  names: readonly [start: string, end: string],
  start: Timestamp | undefined,
  end: Timestamp | undefined,
): void {
  const [startName, endName] = names;
  const from = checkTimestamp(out, fieldPath(parent, startName), start, false);
  const to = checkTimestamp(out, fieldPath(parent, endName), end, false);
  checkAfter(out, fieldPath(parent, endName), to, from, startName);
}
