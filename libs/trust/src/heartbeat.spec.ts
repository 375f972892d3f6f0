import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HEADER_SENDER, HEADER_SIGNATURE, HEADER_TYPE, HeartbeatApp, type Heartbeat } from '#contracts';
import {
  FIXTURE_NOW,
  fixtureContext,
  validHubHeartbeat,
  validNodeHeartbeat,
} from '../../contracts/test/message.fixtures.js';
import { HeartbeatError, openHeartbeat, sealHeartbeat, type HeartbeatRefusal } from './heartbeat.js';
import type { HubKeys } from './hub-keys.js';
import { NodeSigner, generateNodeKey } from './node-signer.js';
import { SignatureVerifier } from './signature-verifier.js';

const tj = NodeSigner.fromSeed(generateNodeKey().seed);
const uz = NodeSigner.fromSeed(generateNodeKey().seed);
const hub = NodeSigner.fromSeed(generateNodeKey().seed);
const KEYS = new Map<string, readonly string[]>([
  ['tj-border', [tj.publicKey]],
  ['uz-border', [uz.publicKey]],
  ['hub', [hub.publicKey]],
]);
const keys: HubKeys = {
  signatures: new SignatureVerifier((node) => KEYS.get(node) ?? []),
  isHub: (node) => node === 'hub',
};
const MINUTE_MS = 60_000;

function open(subject: string, headers: Record<string, string>, body: Uint8Array, now = FIXTURE_NOW) {
  return openHeartbeat(subject, (name) => headers[name], body, keys, fixtureContext(now));
}

function refusal(run: () => unknown): HeartbeatRefusal | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof HeartbeatError) return error.reason;
    throw error;
  }
  return undefined;
}

/** A node heartbeat changed by `change`, sealed by `signer`. */
function sealed(signer: NodeSigner, change: (heartbeat: Heartbeat) => void = () => {}) {
  const heartbeat = validNodeHeartbeat();
  change(heartbeat);
  return sealHeartbeat(signer, heartbeat);
}

describe('heartbeats', () => {
  it("seals a node's heartbeat for its own subject and opens it with its registered key", () => {
    const { subject, headers, body } = sealed(tj);
    expect(subject).toBe('bl.hb.tj-border');
    expect(headers[HEADER_TYPE]).toBe('heartbeat');
    const { heartbeat, key } = open(subject, headers, body);
    expect(key).toBe(tj.publicKey);
    expect(heartbeat.outbox?.depth).toBe(2n);
    expect(heartbeat.counters?.rejected).toEqual({ STALE: 1n });
  });

  it('signs the same bytes as every message, under Bl-Type heartbeat', () => {
    const { headers, body } = sealed(tj);
    const fields = {
      id: headers['Bl-Id']!,
      type: 'heartbeat',
      sender: 'tj-border',
      sent: headers['Bl-Sent']!,
      handling: '',
      correlation: '',
    };
    expect(
      new SignatureVerifier(() => [tj.publicKey]).verify(fields, body, headers[HEADER_SIGNATURE]),
    ).toEqual({ ok: true, key: tj.publicKey });
  });

  it("opens the hub's heartbeat, signed with the hub's key, without an outbox", () => {
    const { subject, headers, body } = sealHeartbeat(hub, validHubHeartbeat());
    expect(subject).toBe('bl.hb.hub');
    expect(open(subject, headers, body).heartbeat.consumers).toHaveLength(2);
  });

  it("refuses a heartbeat signed with another node's key", () => {
    const { subject, headers, body } = sealed(uz);
    expect(refusal(() => open(subject, headers, body))).toBe('signature');
  });

  it('refuses a heartbeat whose sender is not its subject', () => {
    const { headers, body } = sealed(tj);
    expect(refusal(() => open('bl.hb.uz-border', headers, body))).toBe('sender-mismatch');
  });

  it("refuses another node's genuine heartbeat presented as one's own", () => {
    const { headers, body } = sealed(uz, (heartbeat) => (heartbeat.sender = 'uz-border'));
    const forged = { ...headers, [HEADER_SENDER]: 'tj-border' };
    expect(refusal(() => open('bl.hb.tj-border', forged, body))).toBe('signature');
  });

  it.each([
    ['the future', 6 * MINUTE_MS],
    ['the past', -6 * MINUTE_MS],
  ])('refuses a heartbeat sent too far in %s', (_when, offsetMs) => {
    const at = timestampFromDate(new Date(FIXTURE_NOW.getTime() + offsetMs));
    const { subject, headers, body } = sealed(tj, (heartbeat) => {
      heartbeat.sent = at;
      heartbeat.started = at;
    });
    expect(refusal(() => open(subject, headers, body))).toBe('stale');
    expect(
      open(subject, headers, body, new Date(FIXTURE_NOW.getTime() + offsetMs)).heartbeat.id,
    ).toBeTruthy();
  });

  it("refuses a node's heartbeat claiming to be a hub's, and a tampered body", () => {
    const hubClaim = sealed(tj, (heartbeat) => {
      heartbeat.app = HeartbeatApp.HUB;
      heartbeat.outbox = undefined;
    });
    expect(refusal(() => open(hubClaim.subject, hubClaim.headers, hubClaim.body))).toBe('invalid');
    const { subject, headers, body } = sealed(tj);
    const tampered = body.slice();
    const last = tampered.length - 1;
    tampered[last] = tampered[last]! ^ 1;
    expect(refusal(() => open(subject, headers, tampered))).toBe('signature');
  });

  it('refuses a message envelope on the heartbeat subject', () => {
    const { subject, headers, body } = sealed(tj);
    expect(refusal(() => open(subject, { ...headers, [HEADER_TYPE]: 'alert' }, body))).toBe('envelope');
    expect(refusal(() => open('bl.in.tj-border.alert', headers, body))).toBe('subject');
  });
});
