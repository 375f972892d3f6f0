// Test support for the node's unit and integration tests: a small registry with keys, request bodies,
// and messages sealed the way their origin sends them.
import { createHash } from 'node:crypto';
import { encodeMessage, type MessageKind, type MessageOf } from '#contracts';
import type { Registry } from '#registry';
import {
  canonicalSentTime,
  formatHandling,
  formatStatementHeader,
  generateNodeKey,
  NodeSigner,
  readSignedFields,
  sealHeaders,
  signStatement,
  statedMessageOf,
  statementRecipients,
} from '#trust';

/** The nodes of the fixture registry; `kz-border` is the node under test. */
export const FIXTURE_NODES = ['hub', 'kz-border', 'tj-border', 'uz-customs', 'unodc'] as const;
export type FixtureNode = (typeof FIXTURE_NODES)[number];

/** A seed and public key per fixture node. */
export type FixtureKeys = Record<FixtureNode, { seed: string; publicKey: string }>;

export function fixtureKeys(): FixtureKeys {
  return Object.fromEntries(FIXTURE_NODES.map((node) => [node, generateNodeKey()])) as FixtureKeys;
}

const KIND: Record<FixtureNode, Registry['nodes'][number]['kind']> = {
  hub: 'hub',
  'kz-border': 'border',
  'tj-border': 'border',
  'uz-customs': 'customs',
  unodc: 'partner',
};

/** A registry knowing the fixture nodes with their keys, two regions, a section and a crossing point. */
export function fixtureRegistry(keys: FixtureKeys): Registry {
  return {
    version: 1,
    regions: [
      { id: 'afghan-border', name: 'Afghan border' },
      { id: 'central-asia', name: 'Central Asia' },
    ],
    sections: [{ id: 'tj-af-panj', name: 'Panj river', countries: ['TJ', 'AF'], regions: ['afghan-border'] }],
    crossingPoints: [
      {
        id: 'tj-af-nizhny-panj',
        name: 'Nizhny Panj',
        section: 'tj-af-panj',
        location: { lat: 37.2, lon: 68.6 },
      },
    ],
    // unodc hears of requests left unanswered past one and a half times their deadline.
    organisations: [{ id: 'org', name: 'Organisation', escalation: 'unodc' }],
    nodes: FIXTURE_NODES.map((id) => ({
      id,
      name: id,
      kind: KIND[id],
      organisation: 'org',
      publicKeys: [keys[id].publicKey],
      subscriptions: id === 'hub' ? [] : [{ regions: ['afghan-border'], categories: ['*'] }],
    })),
  };
}

/** A valid SALW seizure alert request body (protobuf JSON mapping) without id, sender or sent time. */
export function alertRequest(): Record<string, unknown> {
  return {
    type: 'ALERT_TYPE_ALERT',
    status: 'STATUS_ACTUAL',
    category: 'CATEGORY_SMALL_ARMS_LIGHT_WEAPONS',
    severity: 'SEVERITY_SEVERE',
    urgency: 'URGENCY_IMMEDIATE',
    certainty: 'CERTAINTY_OBSERVED',
    area: { borderSections: ['tj-af-panj'], crossingPoints: ['tj-af-nizhny-panj'] },
    regions: ['afghan-border'],
    texts: [
      {
        language: 'en',
        provenance: 'TRANSLATION_PROVENANCE_ORIGINAL',
        headline: 'Four AKM rifles seized at Nizhny Panj',
        description: 'Two men detained with four AKM rifles and 480 rounds.',
      },
    ],
    items: [{ weapon: { type: 'WEAPON_TYPE_ASSAULT_RIFLE', calibre: '7.62x39mm', quantity: 4 } }],
    evaluation: { source: 'SOURCE_RELIABILITY_B', information: 'INFORMATION_RELIABILITY_2' },
    handling: { tlp: 'TLP_AMBER', code: 'HANDLING_CODE_H2' },
  };
}

/** A valid information request notice body to `tj-border`, without id, sender, sent, thread or deadline. */
export function noticeRequest(): Record<string, unknown> {
  return {
    kind: 'NOTICE_KIND_INFORMATION_REQUEST',
    status: 'STATUS_ACTUAL',
    priority: 'PRIORITY_HIGH',
    texts: [
      {
        language: 'en',
        provenance: 'TRANSLATION_PROVENANCE_ORIGINAL',
        headline: 'Request: crossings of vehicle 01 KZ 123 ABC',
      },
    ],
    addressees: { nodes: ['tj-border'] },
    handling: { tlp: 'TLP_AMBER', code: 'HANDLING_CODE_H2' },
  };
}

/** A message as its origin puts it on the wire: the protobuf body and the signed Bl-* headers. */
export interface SealedMessage {
  body: Uint8Array;
  headers: Record<string, string>;
}

/** Encodes `message` and signs it with `seed`, as its origin would, at time `sent`. */
export function sealMessage<K extends MessageKind>(
  kind: K,
  message: MessageOf<K> & { id: string; sender: string },
  seed: string,
  sent: Date,
): SealedMessage {
  const body = encodeMessage(kind, message);
  const fields = {
    id: message.id,
    type: kind,
    sender: message.sender,
    sent: canonicalSentTime(sent),
    handling: 'handling' in message ? formatHandling(message.handling) : '',
    correlation: '',
  };
  return { body, headers: sealHeaders(NodeSigner.fromSeed(seed), fields, body) };
}

/** Where the hub recorded the decision a statement names, and when. */
export interface StatedAudit {
  position?: bigint;
  /** The entry's hash, hex; by default a hash of the message id. */
  hash?: string;
  /** The decision's time; by default a second after the message was sent. */
  at?: Date;
}

/**
 * The hub's statement (`Bl-Statement`) of `sealed` going to `recipients`, signed with `hubSeed` as the
 * fixture hub `hub`: what the hub adds to each copy it delivers.
 */
export function hubStatement(
  sealed: SealedMessage,
  hubSeed: string,
  recipients: readonly string[],
  audit: StatedAudit = {},
): string {
  const fields = readSignedFields((name) => sealed.headers[name]);
  return formatStatementHeader(
    signStatement(NodeSigner.fromSeed(hubSeed), {
      hub: 'hub',
      at: canonicalSentTime(audit.at ?? new Date(Date.parse(fields.sent) + 1_000)),
      ...statedMessageOf(fields, sealed.body),
      auditPosition: audit.position ?? 1n,
      auditHash: audit.hash ?? createHash('sha256').update(fields.id).digest('hex'),
      recipients: statementRecipients(recipients),
    }),
  );
}
