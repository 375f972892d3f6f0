import { AuditEvent } from '#contracts';

/** The subject token of an event, e.g. `release-requested` for RELEASE_REQUESTED (`bl.audit.<token>`). */
export function auditEventToken(event: AuditEvent): string {
  const name = AuditEvent[event];
  if (name === undefined || event === AuditEvent.UNSPECIFIED) throw new RangeError(`no audit event ${event}`);
  return name.toLowerCase().replaceAll('_', '-');
}
