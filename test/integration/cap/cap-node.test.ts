// CAP 1.2 and Atom through a real node (NATS with the generated permissions, Redis as the node's
// user): a CAP document posted as an alert and read back as CAP, refusals by the schema and by path,
// 406 for a kind without a CAP form, and the public feed of a region listing TLP:CLEAR alerts only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { XMLParser } from 'fast-xml-parser';
import { checkCapSchema, importCap } from '#cap';
import { runCli } from '#cli';
import {
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  STREAM_DELIVERY,
  STREAM_INGRESS,
  Tlp,
  decodeMessage,
  deliverySubject,
  ingressSubject,
  messageFromJson,
  nodeDeliveryConsumer,
  type MessageOf,
} from '#contracts';
import { alertRequest, hubStatement, noticeRequest, sealMessage } from '#node/testing';
import { waitFor } from '#testing';
import { NODE, startTestbed, type NodeTestbed } from '../node/node-harness.js';

const CAP = 'application/cap+xml';

let testbed: NodeTestbed;
let app: INestApplication;
let base: string;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

beforeAll(async () => {
  testbed = await startTestbed();
  ({ app, base } = await testbed.start());
  nc = await testbed.operator();
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await app?.close();
  await nc?.close();
  await testbed?.stop();
});

let sequence = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now()}-${++sequence}`;

/** The OASIS homeland security example, with a fresh identifier and times around now. */
function capDocument(identifier: string): string {
  const at = (ms: number) => `${new Date(Date.now() + ms).toISOString().slice(0, 19)}+00:00`;
  return readFileSync(new URL('../../fixtures/cap/v1dot2_appendix_adot1.xml', import.meta.url), 'utf8')
    .replace('<identifier>43b080713727</identifier>', `<identifier>${identifier}</identifier>`)
    .replace(/<sent>[^<]*<\/sent>/, `<sent>${at(0)}</sent>`)
    .replace(
      '<certainty>Likely</certainty>',
      `<certainty>Likely</certainty><expires>${at(3_600_000)}</expires>`,
    );
}

async function postCap(xml: string, query = '') {
  const response = await fetch(`${base}/v1/alerts${query}`, {
    method: 'POST',
    headers: { 'content-type': CAP, ...testbed.auth },
    body: xml,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function getAs(path: string, accept: string, auth = true) {
  const response = await fetch(`${base}${path}`, { headers: { accept, ...(auth ? testbed.auth : {}) } });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Delivers `alert` from tj-border to this node the way the hub does, and waits until the node has it. */
async function deliver(alert: MessageOf<'alert'>): Promise<void> {
  const sealed = sealMessage('alert', alert, testbed.keys['tj-border'].seed, new Date());
  const h = natsHeaders();
  for (const [name, value] of Object.entries(sealed.headers)) h.set(name, value);
  h.set(HEADER_RECIPIENT, NODE);
  h.set(HEADER_STATEMENT, hubStatement(sealed, testbed.keys.hub.seed, [NODE]));
  const subject = deliverySubject(NODE, 'alert', 'afghan-border', 'general');
  const { seq } = await js.publish(subject, sealed.body, { msgID: `${alert.id}:${NODE}`, headers: h });
  await waitFor(
    async () =>
      (await jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(NODE))).ack_floor.stream_seq >= seq,
    { what: `the node to take delivery ${seq}` },
  );
}

function alertLabelled(tlp: Tlp): MessageOf<'alert'> {
  const alert = messageFromJson('alert', alertRequest());
  alert.id = fresh(`feed-${Tlp[tlp].toLowerCase()}`);
  alert.sender = 'tj-border';
  alert.sent = timestampFromDate(new Date());
  alert.handling!.tlp = tlp;
  alert.addressees = undefined;
  alert.texts[0]!.headline = `Seizure ${alert.id}`;
  return alert;
}

describe('CAP 1.2 at a node', () => {
  it('publishes a posted CAP document as the node’s alert and gives it back as CAP', async () => {
    const identifier = fresh('hsas');
    const xml = capDocument(identifier);
    const posted = await postCap(xml, '?regions=afghan-border,central-asia');
    expect(posted).toMatchObject({ status: 202, body: { id: expect.stringMatching(/^cap-/) } });
    const id = posted.body['id'] as string;

    // The node signed and sent it as its own, the document's sender and identifier kept.
    const stored = await waitFor(
      async () => {
        const last = await jsm.streams.getMessage(STREAM_INGRESS, {
          last_by_subj: ingressSubject(NODE, 'alert'),
        });
        if (last === null) return undefined;
        const alert = decodeMessage('alert', last.data);
        return alert.id === id ? alert : undefined;
      },
      { what: 'the imported alert on the ingress stream' },
    );
    expect(stored).toMatchObject({
      sender: NODE,
      regions: ['afghan-border', 'central-asia'],
      cap: { identifier, sender: 'hsas@dhs.gov' },
    });

    const read = await getAs(`/v1/messages/${id}`, CAP);
    expect(read.status).toBe(200);
    expect(read.type).toContain(CAP);
    await expect(checkCapSchema(read.text)).resolves.toEqual([]);
    const options = { node: NODE, now: new Date(), regions: ['afghan-border', 'central-asia'] };
    const [again, original] = await Promise.all([importCap(read.text, options), importCap(xml, options)]);
    expect(again).toEqual(original);

    // Asked for JSON, the same route answers as before.
    expect((await getAs(`/v1/messages/${id}`, 'application/json')).type).toContain('application/json');
  });

  it('takes the same document twice as one alert', async () => {
    const xml = capDocument(fresh('hsas'));
    const first = await postCap(xml, '?regions=afghan-border');
    const second = await postCap(xml, '?regions=afghan-border');
    expect(second.body['id']).toBe(first.body['id']);
  });

  it('refuses a document the schema does not take, with the schema’s reason', async () => {
    const refused = await postCap(
      capDocument(fresh('bad')).replace('<status>Actual</status>', '<status>Live</status>'),
    );
    expect(refused).toMatchObject({
      status: 400,
      body: {
        error: 'invalid',
        violations: [{ field: 'document', reason: expect.stringContaining("'Live'") }],
      },
    });
  });

  it('refuses what has no Borderlink form by its CAP path, and an alert naming no region', async () => {
    const ack = await postCap(
      capDocument(fresh('ack')).replace('<msgType>Alert</msgType>', '<msgType>Ack</msgType>'),
    );
    expect(ack).toMatchObject({ status: 400, body: { violations: [{ field: 'alert/msgType' }] } });
    const long = await postCap(
      capDocument(fresh('long')).replace(/<headline>[^<]*</, `<headline>${'x'.repeat(201)}<`),
      '?regions=afghan-border',
    );
    expect(long).toMatchObject({
      status: 400,
      body: { violations: [{ field: 'alert/info[0]/headline', reason: 'must be at most 200 characters' }] },
    });
    const regionless = await postCap(capDocument(fresh('nowhere')));
    expect(regionless).toMatchObject({ status: 400, body: { violations: [{ field: 'regions' }] } });
  });

  it('answers 406 for a message kind that has no CAP form', async () => {
    const response = await fetch(`${base}/v1/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...testbed.auth },
      body: JSON.stringify(noticeRequest()),
    });
    const { id } = (await response.json()) as { id: string };
    expect((await getAs(`/v1/messages/${id}`, CAP)).status).toBe(406);
  });

  it('needs credentials for a message as CAP', async () => {
    expect((await getAs('/v1/messages/anything', CAP, false)).status).toBe(401);
  });
});

describe('the Atom feed of a region', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['entry', 'link'].includes(name),
  });

  it('lists the TLP:CLEAR alerts the node holds for it, newest first, each linking its CAP form, and nothing else', async () => {
    const clear = [alertLabelled(Tlp.CLEAR), alertLabelled(Tlp.CLEAR)];
    const restricted = [alertLabelled(Tlp.GREEN), alertLabelled(Tlp.AMBER), alertLabelled(Tlp.AMBER_STRICT)];
    restricted[2]!.addressees = { $typeName: 'borderlink.v1.Addressees', nodes: [NODE], groups: [] };
    for (const alert of [clear[0]!, ...restricted, clear[1]!]) await deliver(alert);

    const feed = await getAs('/v1/feeds/afghan-border.atom', 'application/atom+xml', false);
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('application/atom+xml');
    const entries =
      (parser.parse(feed.text) as { feed: { entry?: { title: string; link: Record<string, string>[] }[] } })
        .feed.entry ?? [];
    const titles = entries.map((entry) => (entry.title as unknown as { '#text': string })['#text']);
    expect(titles.slice(0, 2)).toEqual([`Seizure ${clear[1]!.id}`, `Seizure ${clear[0]!.id}`]);
    for (const alert of restricted) {
      expect(feed.text).not.toContain(alert.id);
      expect((await getAs(`/v1/feeds/alerts/${alert.id}.cap`, CAP, false)).status).toBe(404);
    }

    const link = entries[0]!.link[0]!['@_href']!;
    expect(link).toBe(`${base}/v1/feeds/alerts/${clear[1]!.id}.cap`);
    const document = await getAs(new URL(link).pathname, CAP, false);
    expect(document.status).toBe(200);
    await expect(checkCapSchema(document.text)).resolves.toEqual([]);
    expect(document.text).toContain('<scope>Public</scope>');
  });

  it('answers 404 for a region the registry does not list', async () => {
    expect((await getAs('/v1/feeds/atlantis.atom', 'application/atom+xml', false)).status).toBe(404);
  });
});

describe('borderlink import cap', () => {
  it('posts each file to the node and says in one line a file what became of it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cap-import-'));
    try {
      const good = join(folder, 'advisory.xml');
      const bad = join(folder, 'broken.xml');
      // In the encoding its declaration names, with a character outside ASCII.
      const latin1 = capDocument(fresh('cli'))
        .replace('encoding = "UTF-8"', 'encoding = "ISO-8859-1"')
        .replace('Code ORANGE', 'Code ORANGE (é)');
      writeFileSync(good, Buffer.from(latin1, 'latin1'));
      writeFileSync(
        bad,
        capDocument(fresh('cli')).replace('<scope>Public</scope>', '<scope>Everyone</scope>'),
      );
      const out: string[] = [];
      const err: string[] = [];
      const apiKey = testbed.auth.authorization.replace(/^Bearer /, '');
      const args = [
        'import',
        'cap',
        good,
        bad,
        join(folder, 'missing.xml'),
        '--node-url',
        base,
        '--api-key',
        apiKey,
      ];
      const code = await runCli([...args, '--regions', 'afghan-border', '--data', folder], {
        out: (text) => out.push(text),
        err: (text) => err.push(text),
      });
      expect(code).toBe(2);
      expect(out).toEqual([expect.stringMatching(/^advisory\.xml: accepted cap-[A-Za-z0-9_-]+\n$/)]);
      const id = /accepted (\S+)/.exec(out[0]!)![1]!;
      expect((await getAs(`/v1/messages/${id}`, CAP)).text).toContain('Code ORANGE (é)');
      expect(err).toEqual([
        expect.stringMatching(/^broken\.xml: refused: document: line \d+: Element 'scope'.*'Everyone'.*\n$/),
        'missing.xml: refused: cannot be read (ENOENT)\n',
        'borderlink: 2 of 3 documents were not imported\n',
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the node's OpenAPI document", () => {
  it('describes both media types of posting an alert and of reading a message', async () => {
    const response = await fetch(`${base}/docs-json`, { headers: testbed.auth });
    const { paths } = (await response.json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: object }; responses: Record<string, { content?: object }> }>
      >;
    };
    expect(Object.keys(paths['/v1/alerts']!['post']!.requestBody!.content)).toEqual([
      'application/json',
      CAP,
    ]);
    const read = paths['/v1/messages/{id}']!['get']!;
    expect(Object.keys(read.responses['200']!.content!)).toEqual(['application/json', CAP]);
    expect(read.responses['406']).toBeDefined();
    expect(Object.keys(paths['/v1/feeds/{region}.atom']!['get']!.responses['200']!.content!)).toEqual([
      'application/atom+xml',
    ]);
  });
});
