/**
 * The thread (case) a message belongs to, read from its protobuf JSON: a notice's `thread` (its own
 * id when it opened one), a reply's `thread` (else the message it answers); an alert's `incident`
 * (EUROSUR's follow-ups linked to the first report), else for an update or cancel the alert it changes,
 * else its own id.
 */
export function threadOf(kind: string, message: unknown): string {
  const fields = message as {
    id: string;
    thread?: string;
    notice?: string;
    incident?: string;
    references?: string[];
  };
  switch (kind) {
    case 'notice':
      return fields.thread ?? fields.id;
    case 'reply':
      return fields.thread ?? fields.notice ?? fields.id;
    case 'alert':
      return fields.incident ?? fields.references?.[0] ?? fields.id;
    default:
      return fields.id;
  }
}
