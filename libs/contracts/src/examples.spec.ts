import { readFileSync } from 'node:fs';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { messageFromJson } from './codec/message-codec.js';
import type { MessageKind } from './message-kinds.js';
import { deadlineFor } from './validation/deadline.js';
import { contextKnowing } from '../test/message.fixtures.js';
import { validateMessage } from './validation/validate-message.js';

const repoFile = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

// The examples name real registry ids, so they are checked against the committed registry itself.
const registry = parse(repoFile('deploy/registry/registry.yaml')) as Record<
  'regions' | 'sections' | 'crossingPoints' | 'nodes',
  { id: string }[]
>;
const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);
const now = new Date();
const ctx = contextKnowing(
  {
    regions: ids(registry.regions),
    sections: ids(registry.sections),
    crossingPoints: ids(registry.crossingPoints),
    nodes: ids(registry.nodes),
  },
  now,
);

/** What the node does with a posted body: read the JSON mapping, then fill id, sender and sent. */
function posted<K extends 'alert' | 'notice'>(kind: K, file: string) {
  const json = JSON.parse(repoFile(`docs/examples/${file}`)) as Record<string, unknown>;
  const message = messageFromJson(kind, json);
  message.id = uuidv7();
  message.sender = 'kz-border';
  message.sent = timestampFromDate(now);
  return { json, message };
}

describe('docs/examples', () => {
  it.each<[MessageKind & ('alert' | 'notice'), string]>([
    ['alert', 'alert.json'],
    ['notice', 'notice.json'],
  ])('%s body (%s) leaves id, sender and sent to the node', (kind, file) => {
    const { json } = posted(kind, file);
    expect(json).not.toHaveProperty('id');
    expect(json).not.toHaveProperty('sender');
    expect(json).not.toHaveProperty('sent');
  });

  it('alert.json is a valid SALW seizure alert on afghan-border once the node fills it', () => {
    const { message } = posted('alert', 'alert.json');
    expect(validateMessage('alert', message, ctx)).toEqual([]);
    expect(message.regions).toEqual(['afghan-border']);
  });

  it('notice.json is a valid firearms trace request once the node fills it, answerable within 3 days', () => {
    const { message } = posted('notice', 'notice.json');
    expect(validateMessage('notice', message, ctx)).toEqual([]);
    expect(message.details.case).toBe('trace');
    const deadline = deadlineFor(message.priority, now);
    expect(deadline.getTime() - now.getTime()).toBe(3 * 24 * 3_600_000);
  });
});
