import { storedRecord } from '../../test/dead-letter-record.fixtures.js';
import {
  checkDeadLetter,
  subjectMatches,
  type ConsumerState,
  type DeadLetterEvidence,
  type SourceMessage,
} from './dead-letter-check.js';
import { toDeadLetterRecord } from './dead-letter-record.js';

const TJ_SUBJECT = 'bl.out.tj-border.alert.direct.general';
const KZ_SUBJECT = 'bl.out.kz-border.alert.direct.general';

/** BL_DELIVERY holding kz-border's copy at 40 and tj-border's at 41; each node's consumer was delivered 41. */
class Server implements DeadLetterEvidence {
  readonly consumers = new Map<string, ConsumerState>([
    ['BL_DELIVERY/node-kz-border', { filters: ['bl.out.kz-border.>'], delivered: 41 }],
    ['BL_DELIVERY/node-tj-border', { filters: ['bl.out.tj-border.>'], delivered: 41 }],
    ['BL_GROUPS/hub-groups', { filters: [], delivered: 9 }],
  ]);
  readonly messages = new Map<string, SourceMessage>([
    ['BL_DELIVERY/40', { subject: KZ_SUBJECT, headers: { 'Bl-Id': ['a-40'] }, body: text('alert 40') }],
    ['BL_DELIVERY/41', { subject: TJ_SUBJECT, headers: { 'Bl-Id': ['a-41'] }, body: text('alert 41') }],
  ]);

  consumer(stream: string, name: string): Promise<ConsumerState | undefined> {
    return Promise.resolve(this.consumers.get(`${stream}/${name}`));
  }

  message(stream: string, sequence: number): Promise<SourceMessage | undefined> {
    return Promise.resolve(this.messages.get(`${stream}/${sequence}`));
  }
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** A record filed on `filedOn` claiming these dead-letter headers and body. */
function record(filedOn: string, claims: Record<string, string>, body: string) {
  const headers = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [`Bl-Dlq-${name}`, [value]]),
  );
  return toDeadLetterRecord(storedRecord(headers, 7, body, filedOn));
}

const KZ_FILED = 'bl.dlq.bl_delivery.node-kz-border';
const OWN = { Stream: 'BL_DELIVERY', Consumer: 'node-kz-border', Sequence: '40', Subject: KZ_SUBJECT };

describe('checkDeadLetter', () => {
  const server = new Server();

  it('holds up a record of a message its consumer was delivered, and gives the original to replay', async () => {
    expect(await checkDeadLetter(record(KZ_FILED, OWN, 'alert 40'), server)).toEqual({
      verified: true,
      stream: 'BL_DELIVERY',
      consumer: 'node-kz-border',
      sequence: 40,
      original: server.messages.get('BL_DELIVERY/40'),
    });
  });

  it.each([
    [
      "claims another node's consumer",
      record(KZ_FILED, { ...OWN, Consumer: 'node-tj-border' }, 'alert 40'),
      'claims BL_DELIVERY/node-tj-border but was filed for bl_delivery/node-kz-border',
    ],
    [
      'claims group state',
      record('bl.dlq.bl_groups.hub-groups', { ...OWN, Stream: 'BL_GROUPS', Consumer: 'hub-groups' }, 'x'),
      'names BL_GROUPS, which is never replayed into',
    ],
    [
      "names a sequence of another node's deliveries",
      record(KZ_FILED, { ...OWN, Sequence: '41', Subject: TJ_SUBJECT }, 'alert 41'),
      'BL_DELIVERY seq 41 (bl.out.tj-border.alert.direct.general) is outside the filter of node-kz-border',
    ],
    [
      'names a sequence not delivered yet',
      record(KZ_FILED, { ...OWN, Sequence: '42' }, 'alert 40'),
      'BL_DELIVERY seq 42 was never delivered to node-kz-border',
    ],
    [
      'names a message gone from its stream',
      record(KZ_FILED, { ...OWN, Sequence: '39' }, 'alert 39'),
      'BL_DELIVERY seq 39 is no longer in the stream',
    ],
    [
      'carries another body than the message it names',
      record(KZ_FILED, OWN, 'TLP:RED forged body'),
      'differs from BL_DELIVERY seq 40, the message it names',
    ],
    [
      'carries another subject than the message it names',
      record(KZ_FILED, { ...OWN, Subject: TJ_SUBJECT }, 'alert 40'),
      'differs from BL_DELIVERY seq 40, the message it names',
    ],
    [
      'names no sequence',
      record(KZ_FILED, { Stream: 'BL_DELIVERY', Consumer: 'node-kz-border' }, 'alert 40'),
      'names no stream sequence',
    ],
    [
      'names a consumer that does not exist',
      record('bl.dlq.bl_delivery.node-gone', { ...OWN, Consumer: 'node-gone' }, 'alert 40'),
      'consumer node-gone of BL_DELIVERY does not exist: whether it held the message is unknown',
    ],
    [
      'was not stored on a dead-letter subject',
      record('bl.dlq.bl_delivery', OWN, 'alert 40'),
      'stored on bl.dlq.bl_delivery, not a dead-letter subject',
    ],
  ])('refuses a record that %s', async (_, forged, problem) => {
    expect(await checkDeadLetter(forged, server)).toEqual({ verified: false, problem });
  });

  it('refuses a sequence before the one its consumer started at', async () => {
    const started = new Server();
    started.consumers.set('BL_DELIVERY/node-kz-border', {
      filters: ['bl.out.kz-border.>'],
      delivered: 41,
      startSequence: 41,
    });
    expect(await checkDeadLetter(record(KZ_FILED, OWN, 'alert 40'), started)).toMatchObject({
      verified: false,
    });
  });
});

describe('subjectMatches', () => {
  it.each([
    ['bl.out.kz-border.>', 'bl.out.kz-border.alert.direct.general', true],
    ['bl.out.kz-border.>', 'bl.out.kz-border', false],
    ['bl.out.kz-border.>', 'bl.out.tj-border.alert.direct.general', false],
    ['bl.out.*.alert.>', 'bl.out.tj-border.alert.x.y', true],
    ['bl.in.kz-border.alert', 'bl.in.kz-border.alert', true],
    ['bl.in.kz-border.alert', 'bl.in.kz-border.alert.x', false],
    ['bl.in.*', 'bl.in.kz-border.alert', false],
  ])('%s selects %s: %s', (filter, subject, selected) => {
    expect(subjectMatches(filter, subject)).toBe(selected);
  });
});
