import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  categoryToken,
  messageFromJson,
  validateMessage,
  type ValidationContext,
  type Violation,
} from '#contracts';
import { parseRegistry, RegistryIndex } from '#registry';
import {
  DemoMessageGenerator,
  loadDemoTemplates,
  type DemoMessage,
  type DemoTemplates,
} from './demo-messages.js';

const root = new URL('../../../', import.meta.url);
const registry = parseRegistry(readFileSync(new URL('deploy/registry/registry.yaml', root), 'utf8'));
const index = new RegistryIndex(registry);
const NODES = ['kz-border', 'tj-border', 'uz-customs', 'unodc', 'kg-customs'];
const now = new Date('2025-06-01T04:20:00Z');

const context: ValidationContext = {
  now,
  knownRegion: (id) => index.hasRegion(id),
  knownSection: (id) => index.hasSection(id),
  knownCrossingPoint: (id) => index.hasCrossingPoint(id),
  knownNode: (id) => index.hasNode(id),
};

// A deterministic source of numbers in [0, 1) (mulberry32), so a failing draw can be replayed.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Reads the body as the sender's node does, stamps it as sent by the sender now, and validates it.
function violationsOf(message: DemoMessage, id: string): Violation[] {
  const origin = { id, sender: message.sender, sent: timestampFromDate(now) };
  if (message.kind === 'alert') {
    return validateMessage('alert', Object.assign(messageFromJson('alert', message.body), origin), context);
  }
  return validateMessage('notice', Object.assign(messageFromJson('notice', message.body), origin), context);
}

describe('DemoMessageGenerator', () => {
  let templates: DemoTemplates;
  beforeAll(async () => {
    templates = await loadDemoTemplates(fileURLToPath(new URL('docs/examples', root)));
  });

  it('generates alerts and notices that pass the validation every entry point runs', () => {
    for (const seed of [1, 2, 3]) {
      const generator = new DemoMessageGenerator(registry, NODES, templates, seeded(seed));
      for (let serial = 0; serial < 200; serial++) {
        const message = generator.next();
        expect({ seed, serial, violations: violationsOf(message, `demo-${serial}`) }).toEqual({
          seed,
          serial,
          violations: [],
        });
      }
    }
  });

  it('varies senders, categories, regions and places among the running nodes and the registry', () => {
    const generator = new DemoMessageGenerator(registry, NODES, templates, seeded(7));
    const messages = Array.from({ length: 200 }, () => generator.next());
    const alerts = messages
      .filter((message) => message.kind === 'alert')
      .map((message) => messageFromJson('alert', message.body));

    expect(new Set(messages.map((message) => message.sender))).toEqual(new Set(NODES));
    expect(new Set(alerts.map((alert) => alert.category)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(alerts.flatMap((alert) => alert.regions)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(alerts.flatMap((alert) => alert.area?.crossingPoints ?? [])).size).toBeGreaterThanOrEqual(
      5,
    );
    expect(new Set(alerts.map((alert) => alert.severity)).size).toBeGreaterThanOrEqual(2);
    expect(messages.filter((message) => message.kind === 'notice')).toHaveLength(50);
  });

  it('describes each alert by its topics and addresses each notice to other running nodes', () => {
    const generator = new DemoMessageGenerator(registry, NODES, templates, seeded(11));
    for (const message of Array.from({ length: 40 }, () => generator.next())) {
      if (message.kind === 'alert') {
        const alert = messageFromJson('alert', message.body);
        const category = categoryToken(alert.category);
        expect(message.audience).toBe(alert.regions.map((region) => `${region}×${category}`).join(', '));
        expect(alert.texts[0]?.headline).toBe(message.headline);
      } else {
        const addressees = messageFromJson('notice', message.body).addressees?.nodes ?? [];
        expect(addressees.length).toBeGreaterThan(0);
        expect(addressees).not.toContain(message.sender);
        expect(addressees.every((node) => NODES.includes(node))).toBe(true);
        expect(message.audience).toBe(addressees.join(', '));
      }
    }
  });

  it('sends only alerts when a single node runs, as a notice needs another node to address', () => {
    const generator = new DemoMessageGenerator(registry, ['kz-border'], templates, seeded(5));
    const kinds = new Set(Array.from({ length: 20 }, () => generator.next().kind));
    expect(kinds).toEqual(new Set(['alert']));
  });

  it('refuses a node that is not in the registry', () => {
    expect(() => new DemoMessageGenerator(registry, ['atlantis'], templates)).toThrow(RangeError);
  });
});
