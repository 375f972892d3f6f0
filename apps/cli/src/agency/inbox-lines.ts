import type { InboxItem } from '#client';

interface Texts {
  texts?: { language?: string; headline?: string; description?: string; instruction?: string }[];
}

const headlineOf = (item: InboxItem): string =>
  ((item.message ?? {}) as Texts).texts?.find((text) => text.headline !== undefined)?.headline ?? '';

/** One inbox item on one line: when, id, kind, sender, topic, state and headline. */
export function inboxLine(item: InboxItem): string {
  const flags = [
    item.verified ? undefined : `UNVERIFIED(${item.verification ?? '?'})`,
    item.state === 'active' || item.state === undefined ? undefined : item.state,
    item.expired ? 'expired' : undefined,
  ].filter((flag) => flag !== undefined);
  return [
    item.receivedAt,
    item.id,
    item.kind.padEnd(6),
    item.sender,
    `${item.region}/${item.category}`,
    item.handling ?? '',
    ...flags,
    headlineOf(item),
  ]
    .filter((cell) => cell !== '')
    .join('  ');
}

/** A received message in full: its header lines, then each text with its language. */
export function inboxDetails(item: InboxItem): string {
  const message = (item.message ?? {}) as Texts & Record<string, unknown>;
  const lines = [
    `id        ${item.id}`,
    `kind      ${item.kind}`,
    `from      ${item.sender}${item.verified ? ' (verified)' : ` (NOT verified: ${item.verification ?? 'unknown'})`}`,
    `received  ${item.receivedAt}`,
    `topic     ${item.region}/${item.category}`,
    ...(item.handling === undefined ? [] : [`handling  ${item.handling}`]),
    `state     ${item.state ?? 'active'}${item.expired ? ', expired' : ''}`,
  ];
  for (const field of ['severity', 'urgency', 'certainty', 'priority', 'incident', 'thread']) {
    if (typeof message[field] === 'string') lines.push(`${field.padEnd(9)} ${message[field] as string}`);
  }
  for (const text of message.texts ?? []) {
    lines.push('', `[${text.language ?? '?'}] ${text.headline ?? ''}`);
    if (text.description !== undefined) lines.push(text.description);
    if (text.instruction !== undefined) lines.push(`→ ${text.instruction}`);
  }
  return `${lines.join('\n')}\n`;
}
