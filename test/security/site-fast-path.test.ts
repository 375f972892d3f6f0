// Finding 6, and finding 8 at the recipient: a site peer's alert went into the inbox after the
// signature and policy check only, with no content validation, no sent-time window, and no audit
// record; and what arrives without the hub had its signed headers believed over its body. The fast
// path now checks what the hub checks, marks what only it brought, and the hub's later copy is
// answered with the `delivered` receipt, so the hub audits it.
import { fromBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  AuditEntrySchema,
  AuditEvent,
  STREAM_AUDIT,
  messageFromJson,
  siteSubject,
  type Alert,
} from '#contracts';
import { alertRequest, fixtureKeys, fixtureRegistry } from '#node/testing';
import type { Registry } from '#registry';
import { waitFor } from '#testing';
import { NodeSigner, sealHeaders, sealMessage, signedFieldsOf, type SignedFields } from '#trust';
import { v7 as uuidv7 } from 'uuid';
import {
  generateLeafKeys,
  leafRegistry,
  REMOTE_NODE,
  startLeafNetwork,
  type LeafNetwork,
} from '../support/leaf-site.js';
import { connectAs, storedMessages } from '../support/secured-nats.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const keys = generateLeafKeys();
const { regions, sections, crossingPoints } = fixtureRegistry(fixtureKeys());
const registry: Registry = leafRegistry(keys, { regions, sections, crossingPoints });
const kzBorder = NodeSigner.fromSeed(keys.nodes['kz-border']!.seed);

let network: LeafNetwork;
let attacker: NatsConnection;

beforeAll(async () => {
  network = await startLeafNetwork(keys, registry);
  for (const node of ['kz-border', 'kz-customs', REMOTE_NODE]) await network.startNode(node);
  // kz-border's own credentials on its site's leaf server: what its node may send on the fast path.
  attacker = await connectAs(network.servers.site.url, 'kz-border', keys.nodes['kz-border']!.seed);
});

afterAll(async () => {
  await attacker?.drain();
  await network?.stop();
});

/** A valid alert from kz-border to kz-customs (TLP:RED unless told), sent now. */
function alert(init: Record<string, unknown> = {}): Alert {
  const message = messageFromJson('alert', {
    ...alertRequest(),
    id: uuidv7(),
    sender: 'kz-border',
    addressees: { nodes: ['kz-customs'] },
    handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
    ...init,
  });
  message.sent ??= timestampFromDate(new Date());
  return message;
}

/** Sends `message`, signed by kz-border (its headers changed by `change`), on kz-customs' fast path. */
function offer(message: Alert, change: Partial<SignedFields> = {}): void {
  const { body } = sealMessage(kzBorder, 'alert', message);
  const headers = sealHeaders(kzBorder, { ...signedFieldsOf('alert', message), ...change }, body);
  const h = natsHeaders();
  for (const [name, value] of Object.entries(headers)) h.set(name, value);
  attacker.publish(siteSubject('kz-customs', 'alert'), body, { headers: h });
}

const held = async (id: string) => (await network.inbox('kz-customs')).filter((item) => item.id === id);

/** The hub's audit entries about message `id`. */
async function auditOf(id: string) {
  const operator = await connectAs(network.servers.hub.url, 'operator', keys.operator.seed);
  try {
    const entries = (await storedMessages(await jetstreamManager(operator), STREAM_AUDIT)).map((stored) =>
      fromBinary(AuditEntrySchema, stored.data),
    );
    return entries.filter((entry) => entry.message === id);
  } finally {
    await operator.close();
  }
}

describe('the site fast path', () => {
  it('takes in nothing the hub would refuse: invalid content, a sent time outside the window, headers that differ from the body', async () => {
    const refused = [
      alert({ texts: [] }),
      alert({ regions: ['nowhere'] }),
      alert({ sent: new Date(Date.now() - 8 * DAY_MS).toISOString() }),
      alert({ sent: new Date(Date.now() + 60 * 60 * 1000).toISOString() }),
    ];
    for (const message of refused) offer(message);
    const relabelled = alert();
    offer(relabelled, { handling: 'TLP:GREEN;H2' });
    const recorrelated = alert();
    offer(recorrelated, { correlation: 'another-incident' });
    // Offered last on the same connection: once it is in, every earlier offer has been judged.
    const valid = alert();
    offer(valid);
    await waitFor(async () => ((await held(valid.id)).length === 1 ? true : undefined), {
      what: 'the valid offer in the inbox of kz-customs',
    });

    const inbox = (await network.inbox('kz-customs')).map((item) => item.id);
    for (const message of [...refused, relabelled, recorrelated]) expect(inbox).not.toContain(message.id);
    // The valid one came only over the site: it is marked so, as the hub never had it.
    expect(await held(valid.id)).toEqual([expect.objectContaining({ verified: true, viaSite: true })]);
  });

  it("has what the fast path delivered audited once the link returns, and the hub's copy clears the mark", async () => {
    const { servers } = network;
    await servers.hub.kill();
    const { body } = await network.postAlert('kz-border', {
      ...alertRequest(),
      addressees: { nodes: ['kz-customs', REMOTE_NODE] },
    });
    await waitFor(async () => ((await held(body.id)).length === 1 ? true : undefined), {
      what: 'the alert over the site during the cut',
    });
    expect(await held(body.id)).toEqual([expect.objectContaining({ viaSite: true })]);

    await servers.hub.restart();
    const delivered = await waitFor(
      async () => {
        const entries = await auditOf(body.id);
        const receipts = entries.filter((entry) => entry.event === AuditEvent.DELIVERED);
        return receipts.some((entry) => entry.recipients[0] === 'kz-customs') ? receipts : undefined;
      },
      { timeoutMs: 60_000, what: "the hub's audit of kz-customs' delivered receipt" },
    );
    expect(delivered.filter((entry) => entry.recipients[0] === 'kz-customs')).toHaveLength(1);
    expect(await held(body.id)).toEqual([expect.not.objectContaining({ viaSite: true })]);

    // The link carries alerts again: a later one reaches the recipient on the hub's server.
    const later = await network.postAlert('kz-border', {
      ...alertRequest(),
      addressees: { nodes: [REMOTE_NODE] },
    });
    await waitFor(
      async () =>
        (await network.inbox(REMOTE_NODE)).some((item) => item.id === later.body.id) ? true : undefined,
      { what: 'a later alert at tj-border' },
    );
  });
});
