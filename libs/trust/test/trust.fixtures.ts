import type { SignedFields } from '../src/signed-fields.js';

// Known-answer vector, cross-checked with @nats-io/nkeys (tweetnacl) as an independent Ed25519 implementation.
/** User seed of the raw seed bytes 0x00, 0x01, …, 0x1f. */
export const KAT_SEED = 'SUAAAAICAMCAKBQHBAEQUCYMBUHA6EARCIJRIFIWC4MBSGQ3DQOR4H776Y';
export const KAT_PUBLIC_KEY = 'UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK';
export const KAT_FIELDS: SignedFields = {
  id: '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f',
  type: 'alert',
  sender: 'kz-border',
  sent: '2025-03-14T06:30:00.000Z',
  handling: 'TLP:AMBER;H2;PAP:GREEN',
  correlation: '',
};
export const KAT_BODY = new TextEncoder().encode('borderlink known-answer body');
export const KAT_SIGNING_TEXT =
  'borderlink-sig-v1\n0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f\nalert\nkz-border\n2025-03-14T06:30:00.000Z\n' +
  'TLP:AMBER;H2;PAP:GREEN\n\n17248e0cd1ade52870bdf67f198fd81980d2226a440f619a99751f128d0f44b5';
export const KAT_SIGNATURE =
  'IHURFmp17PsQaIvm88JMjdJFwV5EM2C6n44LBALTCpOgRDLgRyykrOvKwO9CAn_9KlxrDbzwqop2gfcNKkqVCg';

// Known answers of the keyed id derivations for KAT_SEED, computed with an independent HMAC-SHA256.
export const KAT_RECEIPT = {
  origin: 'kz-border',
  message: '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f',
  recipient: 'tj-border',
  kind: 'DELIVERED',
  id: '2330f261-9676-8d02-9ad0-a103b4a58b9b',
};
export const KAT_DELIVERED_BATCH = {
  origin: 'kz-border',
  recipient: 'tj-border',
  messages: ['0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f', '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e10'],
  id: 'f87f7e6f-ced8-87a2-b757-5c9a3e12b2bc',
};
export const KAT_DEAD_LETTER = {
  stream: 'BL_DELIVERY',
  consumer: 'node-tj-border',
  sequence: 42,
  id: 'dlq:BL_DELIVERY:node-tj-border:42:KvoKIePD5olsJBCXUY7pVw',
};

// Known-answer vector of the hub's delivery statement, signed with the same key as the hub's: the
// statement of KAT_FIELDS and KAT_BODY, routed to two recipients and recorded at audit position 42.
export const KAT_STATEMENT = {
  hub: 'hub',
  at: '2025-03-14T06:30:01.250Z',
  id: KAT_FIELDS.id,
  origin: KAT_FIELDS.sender,
  digest: '419b13604c1c8d1aaf4530a8038283055cd4b3775496339c081cd9f0c7563416',
  auditPosition: 42n,
  // SHA-256 of the ASCII text `borderlink known-answer audit entry`.
  auditHash: '197dfcbaf795e7638b4fb2569933eb49e2537262913570bf733730d618a52bee',
  recipients: ['tj-border', 'uz-customs'],
} as const;
export const KAT_STATEMENT_TEXT =
  'borderlink-statement-v1\nhub\n2025-03-14T06:30:01.250Z\n0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f\nkz-border\n' +
  '419b13604c1c8d1aaf4530a8038283055cd4b3775496339c081cd9f0c7563416\n42\n' +
  '197dfcbaf795e7638b4fb2569933eb49e2537262913570bf733730d618a52bee\ntj-border,uz-customs';
export const KAT_STATEMENT_SIGNATURE =
  'cpYdpKY9hL8xlJ21GYwRnscvb69aQ-56BexoMdZgodnnZxpen4vUD6BN906ClK1zPkEGpA_OxX3ER-yMdWEICg';
export const KAT_STATEMENT_HEADER =
  'v1;hub=hub;at=2025-03-14T06:30:01.250Z;' +
  'audit=42:197dfcbaf795e7638b4fb2569933eb49e2537262913570bf733730d618a52bee;to=tj-border,uz-customs;' +
  `key=${KAT_PUBLIC_KEY};sig=${KAT_STATEMENT_SIGNATURE}`;

// Known-answer vector of a whole message: tj-border's DELIVERED receipt for the §5 vector's message
// (its keyed id from KAT_RECEIPT), sealed with the same key: the exact protobuf body and headers.
export const KAT_RECEIPT_MESSAGE = {
  sender: 'tj-border',
  sent: '2025-03-14T06:30:02.500Z',
  bodyHex:
    '0a2432333330663236312d393637362d386430322d396164302d6131303362346135386239621209746a2d626f72646572' +
    '1a0c08ea99cfbe061080cab5ee01222430313930663363322d376134652d376231642d396333652d3561366237633864' +
    '396530662a096b7a2d626f726465723001',
  signature: 'IWFQHl8g6g-Orppezr22VFFMth89PxF6UKZBhlXOdyhAbxDEsbXNa31dpnHac3nSN7IyKh7R64uNIPYqD1q_Cw',
} as const;
