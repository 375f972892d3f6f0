import type { TFunction } from 'i18next';
import type { AnyMessage, InboxItem } from '../api/node-types';
import { preferredText } from './message-text';

interface MatchMessage {
  serial?: string;
  messages?: { id: string }[];
}

interface ReminderMessage {
  request?: string;
  stage?: string;
}

/** The thread a message belongs to, as the node files it (apps/node/src/indexes/thread-of.ts). */
export function threadOf(kind: string, message: AnyMessage): string {
  switch (kind) {
    case 'notice':
      return message.thread ?? message.id ?? '';
    case 'reply':
      return message.thread ?? message.notice ?? message.id ?? '';
    case 'alert':
      return message.incident ?? message.references?.[0] ?? message.id ?? '';
    default:
      return message.id ?? '';
  }
}

/** Where an inbox item leads, and what it is called, in the person's language. */
export function itemLink(t: TFunction, item: InboxItem, language: string): { to: string; title: string } {
  if (item.kind === 'match') {
    const match = item.message as MatchMessage;
    return {
      to: `/search?serial=${encodeURIComponent(match.serial ?? '')}`,
      title: t('inbox.matchTitle', { serial: match.serial ?? '', count: match.messages?.length ?? 0 }),
    };
  }
  if (item.kind === 'reminder') {
    const reminder = item.message as ReminderMessage;
    return {
      to: `/messages/${encodeURIComponent(reminder.request ?? '')}`,
      title: t('inbox.reminderTitle', {
        stage: t(`reminderStages.${reminder.stage ?? ''}`, { defaultValue: '' }),
      }),
    };
  }
  const message = item.message as AnyMessage;
  const text = preferredText(message.texts, language);
  const thread = threadOf(item.kind, message);
  return {
    to: `/messages/${encodeURIComponent(item.id)}?thread=${encodeURIComponent(thread)}`,
    title: text?.headline ?? t('inbox.untitled'),
  };
}
