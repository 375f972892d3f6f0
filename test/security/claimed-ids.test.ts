// Finding 4: JetStream de-duplicates per stream, and receipt ids were name-based UUIDs with a public
// namespace: a co-recipient published the victim's `acknowledged` receipt id first, the victim's real
// receipt was answered `duplicate`, and the origin showed the victim pending forever. The same worked
// for dead-letter record ids. Both ids are now keyed by a secret derived from the issuer's own seed.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  DEAD_LETTER_WILDCARD,
  ReceiptKind,
  ReceiptSchema,
  STREAM_DEAD_LETTER,
  STREAM_DELIVERY,
  deadLetterSubject,
  ingressSubject,
  nodeDeliveryConsumer,
  type Receipt,
} from '#contracts';
import { DEAD_LETTER_HEADERS, deadLetterMsgId } from '#messaging';
import { alertRequest, type FixtureNode } from '#node/testing';
import { waitFor } from '#testing';
import { NodeSigner, sealMessage } from '#trust';
import { v5 as uuidv5 } from 'uuid';
import { publishOn } from '../support/secured-nats.js';
import { useNodeNetwork } from './support/node-network.js';

// The namespace of the name-based receipt ids nodes issued before they were keyed.
const PUBLIC_RECEIPT_NAMESPACE = '6f1d3c52-8a2e-4b6f-9c41-2f5b7e9d0a13';

const nodes = useNodeNetwork(['kz-border', 'tj-border']);

/** kz-border's view of where `recipient` stands with its message `id`. */
async function stateAtOrigin(id: string, recipient: string): Promise<string | undefined> {
  const sent = await nodes().call<{ recipients?: { node: string; state: string }[] }>(
    'kz-border',
    'GET',
    `/v1/messages/${id}`,
  );
  return sent.recipients?.find((entry) => entry.node === recipient)?.state;
}

/** An acknowledgement by `attacker` of kz-border's `message`, under the id it hopes the victim will use. */
function claimedReceipt(attacker: FixtureNode, message: string, id: string): Receipt {
  return create(ReceiptSchema, {
    id,
    sender: attacker,
    sent: timestampFromDate(new Date()),
    message,
    origin: 'kz-border',
    kind: ReceiptKind.ACKNOWLEDGED,
  });
}

describe('ids another participant cannot take', () => {
  it("keeps tj-border's acknowledgement when co-recipient uz-customs published every id it could guess for it first", async () => {
    const { id } = await nodes().call<{ id: string }>('kz-border', 'POST', '/v1/alerts', alertRequest());
    await waitFor(async () => ((await stateAtOrigin(id, 'tj-border')) === 'delivered' ? true : undefined), {
      what: "tj-border's delivered receipt at kz-border",
    });

    // uz-customs received the same alert, so it knows its id. Its guesses: the public name-based id,
    // and the keyed id as its own secret would make it.
    const attacker = NodeSigner.fromSeed(nodes().network.keys['uz-customs'].seed);
    const guesses = [
      uuidv5(`kz-border/${id}/tj-border/ACKNOWLEDGED`, PUBLIC_RECEIPT_NAMESPACE),
      attacker.ids.receiptId('kz-border', id, 'tj-border', 'ACKNOWLEDGED'),
    ];
    const uz = await nodes().network.connectAs('uz-customs');
    for (const guess of guesses) {
      const sealed = sealMessage(attacker, 'receipt', claimedReceipt('uz-customs', id, guess));
      const ack = await publishOn(uz, {
        subject: ingressSubject('uz-customs', 'receipt'),
        headers: Object.entries(sealed.headers),
        body: sealed.body,
        msgId: guess,
      });
      expect(ack.duplicate).toBe(false);
    }
    await uz.drain();

    const answer = await nodes().call<{ id: string }>('tj-border', 'POST', `/v1/messages/${id}/receipts`, {
      kind: 'acknowledged',
    });
    expect(guesses).not.toContain(answer.id);
    await waitFor(
      async () => ((await stateAtOrigin(id, 'tj-border')) === 'acknowledged' ? true : undefined),
      {
        what: "tj-border's acknowledgement at kz-border",
      },
    );

    // The link still carries alerts: a new one reaches tj-border's inbox.
    const next = await nodes().call<{ id: string }>('kz-border', 'POST', '/v1/alerts', alertRequest());
    await waitFor(
      async () => ((await stateAtOrigin(next.id, 'tj-border')) === 'delivered' ? true : undefined),
      {
        what: 'a later alert delivered to tj-border',
      },
    );
  });

  it("keeps tj-border's dead-letter record when kz-border filed records under every id it could guess for it", async () => {
    const { state } = await nodes().jsm.streams.info(STREAM_DELIVERY);
    const next = state.last_seq + 1;
    const consumer = nodeDeliveryConsumer('tj-border');
    const kz = await nodes().network.connectAs('kz-border');
    const kzSubject = deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer('kz-border'));
    for (let seq = next; seq < next + 10; seq++) {
      const ack = await publishOn(kz, {
        subject: kzSubject,
        headers: [[DEAD_LETTER_HEADERS.consumer, consumer]],
        body: new TextEncoder().encode('forged'),
        msgId: deadLetterMsgId(STREAM_DELIVERY, consumer, seq),
      });
      expect(ack.duplicate).toBe(false);
    }
    await kz.drain();

    // A delivery tj-border cannot read is a permanent failure: it files the dead letter, on its subject.
    const { seq, record } = await nodes().poison('tj-border');
    expect(seq).toBeLessThan(next + 10);
    const tjSubject = deadLetterSubject(STREAM_DELIVERY, consumer);
    expect(record.header?.get(DEAD_LETTER_HEADERS.consumer)).toBe(consumer);
    const info = await nodes().jsm.streams.info(STREAM_DEAD_LETTER, {
      subjects_filter: DEAD_LETTER_WILDCARD,
    });
    expect(info.state.subjects?.[tjSubject]).toBe(1);

    // tj-border goes on taking in alerts.
    const alert = await nodes().call<{ id: string }>('kz-border', 'POST', '/v1/alerts', alertRequest());
    await waitFor(
      async () => ((await stateAtOrigin(alert.id, 'tj-border')) === 'delivered' ? true : undefined),
      {
        what: 'a later alert delivered to tj-border',
      },
    );
  });
});
