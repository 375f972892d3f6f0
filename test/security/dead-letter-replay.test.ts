// Finding 2: a node may file dead-letter records for its own consumer, but the replay read the target
// stream and subject from headers the node wrote and republished them with the operator's rights:
// kz-border made itself owner of a group in BL_GROUPS and put a TLP:RED delivery on tj-border's
// delivery subject through `borderlink dlq replay --all`, and `dlq list --consumer node-tj-border`
// showed kz-border's forged record as tj-border's. Records are now checked against what the server
// recorded, attributed by the subject they were filed on, and replayed from the source stream only.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  GroupStateSchema,
  HEADER_ID,
  STREAM_DEAD_LETTER,
  STREAM_DELIVERY,
  STREAM_GROUPS,
  deadLetterSubject,
  groupStateSubject,
  messageFromJson,
  nodeDeliveryConsumer,
} from '#contracts';
import { DEAD_LETTER_HEADERS } from '#messaging';
import { alertRequest } from '#node/testing';
import { testTls, waitFor } from '#testing';
import { NodeSigner, sealMessage } from '#trust';
import { runCli } from '#cli';
import { listDeadLetters, replayDeadLetters, type NatsSource } from '#operations';
import { v7 as uuidv7 } from 'uuid';
import { publishOn, storedMessages } from '../support/secured-nats.js';
import { useNodeNetwork } from './support/node-network.js';

const GROUP = 'op-tj';
const TJ_COPY = 'bl.out.tj-border.alert.direct.general';
const KZ_DLQ = deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer('kz-border'));

const nodes = useNodeNetwork(['kz-border', 'tj-border']);
let dir: string;
let source: NatsSource & { stream: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bl-dlq-attack-'));
  const seed = join(dir, 'operator.nk');
  await writeFile(seed, `${nodes().network.operatorSeed}\n`, { mode: 0o600 });
  source = {
    nats: nodes().network.nats.url,
    ca: (await testTls()).caFile,
    seed,
    stream: STREAM_DEAD_LETTER,
  };
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A record kz-border files on the one dead-letter subject it may publish on, claiming what it likes. */
interface Forgery {
  claims: { stream: string; consumer: string; subject: string; sequence: number };
  body: Uint8Array;
  headers?: Record<string, string>;
}

async function fileAsKz(kz: NatsConnection, { claims, body, headers = {} }: Forgery): Promise<void> {
  const lines = Object.entries({
    ...headers,
    [DEAD_LETTER_HEADERS.stream]: claims.stream,
    [DEAD_LETTER_HEADERS.consumer]: claims.consumer,
    [DEAD_LETTER_HEADERS.subject]: claims.subject,
    [DEAD_LETTER_HEADERS.sequence]: String(claims.sequence),
  });
  await publishOn(kz, { subject: KZ_DLQ, headers: lines, body, msgId: `forged-${uuidv7()}` });
}

const snapshot = (messages: StoredMsg[]) =>
  messages.map((message) => [message.seq, message.subject, Buffer.from(message.data).toString('base64')]);

it("neither replays kz-border's forged records into BL_GROUPS or onto tj-border's deliveries nor lists them as tj-border's", async () => {
  // tj-border owns a group; BL_GROUPS holds its state.
  await nodes().call('tj-border', 'POST', '/v1/groups', {
    id: GROUP,
    name: 'Operation TJ',
    members: ['unodc'],
  });
  await waitFor(
    async () => ((await storedMessages(nodes().jsm, STREAM_GROUPS)).length > 0 ? true : undefined),
    {
      what: 'the group in BL_GROUPS',
    },
  );
  const groupsBefore = snapshot(await storedMessages(nodes().jsm, STREAM_GROUPS));

  // A genuine dead letter of tj-border: a delivery it cannot read.
  const poison = await nodes().poison('tj-border');

  // kz-border takes in a later alert, so its consumer has been delivered past tj-border's copy.
  const later = await nodes().call<{ id: string }>('tj-border', 'POST', '/v1/alerts', alertRequest());
  await nodes().received('kz-border', later.id);

  // kz-border's forgeries, each on the only dead-letter subject it may publish on.
  const kzSigner = NodeSigner.fromSeed(nodes().network.keys['kz-border'].seed);
  const red = messageFromJson('alert', {
    ...alertRequest(),
    id: uuidv7(),
    sender: 'kz-border',
    handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
    addressees: { nodes: ['tj-border'] },
  });
  red.sent = timestampFromDate(new Date());
  const sealedRed = sealMessage(kzSigner, 'alert', red);
  const owner = create(GroupStateSchema, {
    group: GROUP,
    name: 'Operation TJ',
    owner: 'kz-border',
    members: ['kz-border'],
  });
  const forgeries: Forgery[] = [
    {
      claims: {
        stream: STREAM_GROUPS,
        consumer: 'hub-groups',
        subject: groupStateSubject(GROUP),
        sequence: 1,
      },
      body: toBinary(GroupStateSchema, owner),
    },
    {
      claims: {
        stream: STREAM_DELIVERY,
        consumer: nodeDeliveryConsumer('tj-border'),
        subject: TJ_COPY,
        sequence: poison.seq,
      },
      body: sealedRed.body,
      headers: sealedRed.headers,
    },
    // Its own consumer this time, but a sequence it never held (tj-border's copy), with the RED body.
    {
      claims: {
        stream: STREAM_DELIVERY,
        consumer: nodeDeliveryConsumer('kz-border'),
        subject: TJ_COPY,
        sequence: poison.seq,
      },
      body: sealedRed.body,
      headers: sealedRed.headers,
    },
  ];
  const kz = await nodes().network.connectAs('kz-border');
  for (const forgery of forgeries) await fileAsKz(kz, forgery);
  await kz.drain();

  // Listed by who filed them: tj-border's consumer shows its own record only, which holds up.
  const tjRecords = await listDeadLetters(source, { consumer: nodeDeliveryConsumer('tj-border') });
  expect(tjRecords.map((record) => [record.filedBy?.consumer, record.verdict.verified])).toEqual([
    ['node-tj-border', true],
  ]);
  const kzRecords = await listDeadLetters(source, { consumer: nodeDeliveryConsumer('kz-border') });
  expect(kzRecords.map((record) => record.verdict)).toEqual([
    { verified: false, problem: 'claims BL_GROUPS/hub-groups but was filed for bl_delivery/node-kz-border' },
    {
      verified: false,
      problem: 'claims BL_DELIVERY/node-tj-border but was filed for bl_delivery/node-kz-border',
    },
    {
      verified: false,
      problem: `BL_DELIVERY seq ${poison.seq} (bl.out.tj-border.alert.direct.general) is outside the filter of node-kz-border`,
    },
  ]);
  // The command line says the same.
  const out: string[] = [];
  const io = { out: (text: string) => out.push(text), err: () => undefined };
  expect(
    await runCli(
      [
        'dlq',
        'list',
        '--json',
        '--consumer',
        'node-tj-border',
        '--nats',
        source.nats,
        '--ca',
        source.ca!,
        '--seed',
        source.seed!,
      ],
      io,
    ),
  ).toBe(0);
  expect(JSON.parse(out.join('')) as unknown).toEqual([
    expect.objectContaining({ filedBy: 'node-tj-border', verified: true, sourceSequence: poison.seq }),
  ]);

  // replay --all: only tj-border's genuine record goes out; the forgeries stay, flagged.
  const outcome = await replayDeadLetters(source);
  expect(outcome.replayed.map((replayed) => replayed.record.filedBy?.consumer)).toEqual(['node-tj-border']);
  expect(outcome.replayed[0]!.subject).toBe(TJ_COPY);
  expect(outcome.skipped).toHaveLength(3);

  // Nothing the forgeries aimed at changed: group state, tj-border's deliveries and its inbox.
  expect(snapshot(await storedMessages(nodes().jsm, STREAM_GROUPS))).toEqual(groupsBefore);
  const deliveries = await storedMessages(nodes().jsm, STREAM_DELIVERY);
  expect(deliveries.filter((message) => message.header?.get(HEADER_ID) === red.id)).toEqual([]);
  expect(await nodes().inbox('tj-border')).not.toContain(red.id);

  // The hub still routes: a later alert from kz-border reaches tj-border's inbox.
  const next = await nodes().call<{ id: string }>('kz-border', 'POST', '/v1/alerts', alertRequest());
  await nodes().received('tj-border', next.id);
});
