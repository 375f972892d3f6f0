// The catalogue of hostile ingress messages: each builds its wire form and names the outcome it must get.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AlertSchema,
  Category,
  HandlingCode,
  HEADER_HANDLING,
  HEADER_ID,
  HEADER_KEY,
  HEADER_SENDER,
  HEADER_SENT,
  HEADER_SIGNATURE,
  HEADER_TYPE,
  RejectionReason,
  Tlp,
  TranslationProvenance,
  encodeMessage,
  type Alert,
} from '#contracts';
import { NodeSigner, generateNodeKey, sealHeaders, signedFieldsOf } from '#trust';
import { v7 as uuidv7 } from 'uuid';
import { sealNodeMessage, testAlert, type TestParties } from '#hub/testing';

/** One message as published: header lines may repeat a name; `msgId` absent means no Nats-Msg-Id. */
export interface WireMessage {
  subject: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
  msgId?: string;
  /** The id the hub's Rejection will name, when the message carries a usable one. */
  id?: string;
}

/**
 * What must happen: a typed refusal; `dropped` when the hub acks it unanswered (it lacks the signed
 * headers, so it proves no sender); `duplicate` when JetStream itself drops it (same Nats-Msg-Id in
 * its window); `publish-refused` when the NATS server refuses the publish (above max_payload);
 * `refused by NATS server` when the server's generated permissions refuse the publishing node.
 */
export type Expected = RejectionReason | 'dropped' | 'duplicate' | 'publish-refused' | typeof NATS_REFUSED;

/** The outcome of a publish the server's permissions refuse (a permission violation). */
export const NATS_REFUSED = 'refused by NATS server';

export interface HostileCase {
  kind: string;
  expected: Expected;
  /** The registered node the Rejection goes back to; undefined when the message names none. */
  origin?: string;
  /**
   * The registered node that would send this on a subject that is not its own. With its own
   * credentials the NATS server refuses it (`refused by NATS server`); the hub's own check is then
   * exercised by an operator injecting the same message. Absent: the subject's node publishes it.
   */
  attacker?: string;
  build(): WireMessage;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HEADLINE = (headline: string, description = '') => [
  { language: 'en', provenance: TranslationProvenance.ORIGINAL, headline, description },
];

function lines(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers);
}

function wire(
  message: ReturnType<typeof sealNodeMessage>,
  msgId: string | undefined = message.id,
): WireMessage {
  return {
    subject: message.subject,
    headers: lines(message.headers),
    body: message.body,
    msgId,
    id: message.id,
  };
}

function replace(headers: Record<string, string>, name: string, value: string | undefined) {
  const copy = { ...headers };
  if (value === undefined) delete copy[name];
  else copy[name] = value;
  return copy;
}

/** Signs `body` as `sender` would for an alert with this id, whatever the body holds. */
function sealRaw(
  signer: NodeSigner,
  sender: string,
  id: string,
  body: Uint8Array,
  sent = new Date(),
): WireMessage {
  const headers = sealHeaders(
    signer,
    { id, type: 'alert', sender, sent: sent.toISOString(), handling: '', correlation: '' },
    body,
  );
  return { subject: `bl.in.${sender}.alert`, headers: lines(headers), body, msgId: id, id };
}

/** `message` signed by `signer` with a Bl-Handling header that is not the body's. */
function withHandling(signer: NodeSigner, message: Alert, handling: string): WireMessage {
  const body = encodeMessage('alert', message);
  const headers = sealHeaders(signer, { ...signedFieldsOf('alert', message), handling }, body);
  return {
    subject: `bl.in.${message.sender}.alert`,
    headers: lines(headers),
    body,
    msgId: message.id,
    id: message.id,
  };
}

/**
 * Every hostile input kind. `revoked` is a kz-border key the registry revoked an hour ago; `replayed`
 * is a legitimate alert that has already been accepted.
 */
export function hostileCases(
  parties: TestParties,
  revoked: NodeSigner,
  replayed: () => WireMessage,
): HostileCase[] {
  const kz = parties.signer('kz-border');
  const alert = (init: Parameters<typeof testAlert>[1] = {}): Alert => testAlert('kz-border', init);
  const sealed = (message: Alert, signer = kz) => wire(sealNodeMessage('alert', message, signer));
  const stranger = NodeSigner.fromSeed(generateNodeKey().seed);
  const id = () => uuidv7();

  return [
    {
      kind: 'malformed protobuf (random bytes)',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () =>
        sealRaw(kz, 'kz-border', id(), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x7a, 0x01])),
    },
    {
      // The last field (handling) is length-delimited: its length now runs past the end.
      kind: 'truncated protobuf',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => {
        const message = alert();
        const body = encodeMessage('alert', message);
        return sealRaw(kz, 'kz-border', message.id, body.subarray(0, body.length - 1));
      },
    },
    {
      kind: 'wrong wire type (string field as varint)',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => sealRaw(kz, 'kz-border', id(), Uint8Array.from([0x08, 0x01, 0x12, 0x02, 0x6b, 0x7a])),
    },
    {
      // Decodes to an all-default alert, whose empty sender is not the signed one.
      kind: 'empty body',
      expected: RejectionReason.SENDER_MISMATCH,
      origin: 'kz-border',
      build: () => sealRaw(kz, 'kz-border', id(), new Uint8Array()),
    },
    {
      kind: 'missing required fields',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () =>
        sealed(create(AlertSchema, { id: id(), sender: 'kz-border', sent: timestampFromDate(new Date()) })),
    },
    {
      kind: 'out-of-range enum value',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      // An enum number the schema does not define, as a hostile encoder would send it.
      build: () => sealed(alert({ category: 999 as Category })),
    },
    {
      kind: 'oversized body (> HUB_MAX_BODY_BYTES)',
      expected: RejectionReason.OVERSIZED,
      origin: 'kz-border',
      build: () => sealRaw(kz, 'kz-border', id(), new Uint8Array(300 * 1024)),
    },
    {
      kind: 'body above NATS max_payload',
      expected: 'publish-refused',
      origin: 'kz-border',
      build: () => sealRaw(kz, 'kz-border', id(), new Uint8Array(2 * 1024 * 1024)),
    },
    {
      kind: 'over-long headline',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ texts: HEADLINE('x'.repeat(5_000)) })),
    },
    {
      kind: 'too many regions',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ regions: Array.from({ length: 5_000 }, () => 'afghan-border') })),
    },
    {
      kind: 'invalid coordinates (lat 200)',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ area: { points: [{ lat: 200, lon: 68.6 }] } })),
    },
    {
      kind: 'NaN coordinates',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ area: { points: [{ lat: Number.NaN, lon: Number.POSITIVE_INFINITY }] } })),
    },
    {
      kind: 'control character in headline',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ texts: HEADLINE('seizure\u0007\u001b[2J') })),
    },
    {
      kind: 'NUL byte in headline',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ texts: HEADLINE('seizure\u0000') })),
    },
    {
      kind: 'bidi override in description',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ texts: HEADLINE('seizure', 'calibre \u202Egnp.exe') })),
    },
    {
      kind: 'unknown region',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ regions: ['atlantis'] })),
    },
    {
      kind: 'TLP:RED without addressees',
      expected: RejectionReason.INVALID,
      origin: 'kz-border',
      build: () => sealed(alert({ handling: { tlp: Tlp.RED } })),
    },
    {
      kind: 'unknown addressee',
      expected: RejectionReason.UNKNOWN_ADDRESSEE,
      origin: 'kz-border',
      build: () => sealed(alert({ addressees: { nodes: ['ghost-node'] } })),
    },
    {
      kind: 'forged signature (another node key)',
      expected: RejectionReason.SIGNATURE_INVALID,
      origin: 'kz-border',
      attacker: 'tj-border',
      build: () => sealed(alert(), parties.signer('tj-border')),
    },
    {
      kind: 'unregistered key',
      expected: RejectionReason.SIGNATURE_INVALID,
      origin: 'kz-border',
      build: () => sealed(alert(), stranger),
    },
    {
      kind: 'signature garbage',
      expected: RejectionReason.SIGNATURE_INVALID,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return {
          ...message,
          headers: message.headers.map(([n, v]) => [n, n === HEADER_SIGNATURE ? 'not-a-signature' : v]),
        };
      },
    },
    {
      kind: 'signature missing',
      expected: RejectionReason.SIGNATURE_MISSING,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return {
          ...message,
          headers: message.headers.filter(([n]) => n !== HEADER_SIGNATURE && n !== HEADER_KEY),
        };
      },
    },
    {
      kind: 'body changed after signing',
      expected: RejectionReason.SIGNATURE_INVALID,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        const body = Uint8Array.from(message.body);
        body[body.length - 1] = body[body.length - 1]! ^ 0x01;
        return { ...message, body };
      },
    },
    {
      kind: 'sender mismatch (header vs subject)',
      expected: RejectionReason.SENDER_MISMATCH,
      origin: 'kz-border',
      attacker: 'tj-border',
      build: () => {
        const message = sealNodeMessage('alert', testAlert('tj-border'), parties.signer('tj-border'), {
          subjectNode: 'kz-border',
        });
        return wire(message);
      },
    },
    {
      kind: 'sender mismatch (body vs header)',
      expected: RejectionReason.SENDER_MISMATCH,
      origin: 'kz-border',
      build: () => {
        const message = testAlert('tj-border');
        return sealRaw(kz, 'kz-border', message.id, encodeMessage('alert', message));
      },
    },
    {
      kind: 'unknown node in subject',
      expected: RejectionReason.UNAUTHORIZED,
      attacker: 'kz-border',
      build: () => {
        const message = testAlert('ghost-node');
        return sealRaw(stranger, 'ghost-node', message.id, encodeMessage('alert', message));
      },
    },
    {
      kind: 'revoked key, signed after revocation',
      expected: RejectionReason.KEY_REVOKED,
      origin: 'kz-border',
      build: () => sealed(alert(), revoked),
    },
    {
      kind: 'replay inside the JetStream window',
      expected: 'duplicate',
      origin: 'kz-border',
      build: () => replayed(),
    },
    {
      kind: 'replay outside the JetStream window',
      expected: RejectionReason.REPLAYED,
      origin: 'kz-border',
      build: () => ({ ...replayed(), msgId: `${replayed().msgId}-again` }),
    },
    {
      kind: 'sent a day in the future',
      expected: RejectionReason.STALE,
      origin: 'kz-border',
      build: () => sealed(alert({ sent: timestampFromDate(new Date(Date.now() + DAY_MS)) })),
    },
    {
      kind: 'sent eight days ago',
      expected: RejectionReason.STALE,
      origin: 'kz-border',
      build: () => sealed(alert({ sent: timestampFromDate(new Date(Date.now() - 8 * DAY_MS)) })),
    },
    {
      kind: 'kind nodes may not send (rejection)',
      expected: RejectionReason.UNAUTHORIZED,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return { ...message, subject: 'bl.in.kz-border.rejection' };
      },
    },
    {
      kind: 'unknown kind',
      expected: RejectionReason.UNKNOWN_TYPE,
      origin: 'kz-border',
      build: () => ({ ...sealed(alert()), subject: 'bl.in.kz-border.bogus' }),
    },
    {
      kind: 'subject with extra tokens',
      expected: RejectionReason.MALFORMED,
      build: () => ({ ...sealed(alert()), subject: 'bl.in.kz-border.alert.extra' }),
    },
    {
      kind: 'no headers at all',
      expected: 'dropped',
      build: () => ({ ...sealed(alert()), headers: [], msgId: undefined, id: undefined }),
    },
    {
      kind: 'Bl-Sent header missing',
      expected: 'dropped',
      build: () => {
        const message = sealed(alert());
        return { ...message, headers: message.headers.filter(([n]) => n !== HEADER_SENT) };
      },
    },
    {
      kind: 'Bl-Sent not a time',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return {
          ...message,
          headers: lines(replace(Object.fromEntries(message.headers), HEADER_SENT, 'yesterday')),
        };
      },
    },
    {
      kind: 'Bl-Id not an id',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return {
          ...message,
          headers: lines(replace(Object.fromEntries(message.headers), HEADER_ID, '../../etc/passwd')),
          id: undefined,
        };
      },
    },
    {
      kind: 'Bl-Type differs from subject',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return {
          ...message,
          headers: lines(replace(Object.fromEntries(message.headers), HEADER_TYPE, 'notice')),
        };
      },
    },
    {
      kind: 'Bl-Handling malformed',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return {
          ...message,
          headers: lines(replace(Object.fromEntries(message.headers), HEADER_HANDLING, 'TLP:PURPLE')),
        };
      },
    },
    {
      kind: 'body id differs from Bl-Id',
      expected: RejectionReason.HEADER_MISMATCH,
      origin: 'kz-border',
      build: () => {
        const message = alert();
        const other = alert({ id: id() });
        return sealRaw(kz, 'kz-border', message.id, encodeMessage('alert', other));
      },
    },
    {
      kind: 'Bl-Handling TLP:RED over a TLP:GREEN body',
      expected: RejectionReason.HEADER_MISMATCH,
      origin: 'kz-border',
      build: () => withHandling(kz, alert(), 'TLP:RED;H1'),
    },
    {
      kind: 'Bl-Handling TLP:GREEN over a TLP:RED body',
      expected: RejectionReason.HEADER_MISMATCH,
      origin: 'kz-border',
      build: () =>
        withHandling(
          kz,
          alert({ handling: { tlp: Tlp.RED, code: HandlingCode.H1 }, addressees: { nodes: ['tj-border'] } }),
          'TLP:GREEN;H1',
        ),
    },
    {
      kind: 'duplicate Bl-Sender header',
      expected: RejectionReason.MALFORMED,
      origin: 'kz-border',
      build: () => {
        const message = sealed(alert());
        return { ...message, headers: [...message.headers, [HEADER_SENDER, 'tj-border']] };
      },
    },
  ];
}
