// Answer deadlines that escalate, through the nodes' REST APIs and two hub instances: a request left
// unanswered is reminded and its requester told at its deadline, and escalated to the escalation
// contact at one and a half times the time allowed, each exactly once though both hubs sweep and one
// is replaced and the hub's Redis state wiped in between (the hub rebuilds it from its streams); an
// answered request is never followed up. The hubs' sweeps and the nodes'
// clocks are moved to the deadlines, never waited for.
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { HUB_EPOCH_KEY, RequestsService } from '#hub';
import { Clock, type InboxItem } from '#node';
import { noticeRequest } from '#node/testing';
import { waitFor } from '#testing';
import { Redis } from 'ioredis';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

const NODES = ['kz-border', 'tj-border', 'unodc'] as const;
type Node = (typeof NODES)[number];
const MINUTE = 60_000;

let network: InProcessNetwork;
let hubs: INestApplication[];

beforeAll(async () => {
  network = await startInProcessNetwork();
  hubs = [await network.startHub(), await network.startHub()];
  for (const node of NODES) await network.startNode(node);
});

afterAll(() => network?.stop());

afterEach(() => jest.restoreAllMocks());

async function send(node: Node, path: string, body: unknown): Promise<string> {
  const sent = await network.call<{ id: string }>(node, 'POST', path, body);
  expect(sent.status).toBe(202);
  return sent.body.id;
}

const inbox = async (node: Node) =>
  (await network.call<{ items: InboxItem[] }>(node, 'GET', '/v1/inbox?limit=200')).body.items;

const reminders = async (node: Node, request: string) =>
  (await inbox(node))
    .filter((item) => item.kind === 'reminder' && (item.message as { request?: string }).request === request)
    .map((item) => (item.message as { stage: string }).stage);

/** Every hub instance sweeps at `at`: what one issues, the others must not issue again. */
const sweepAll = async (at: Date) => {
  for (const hub of hubs) await hub.get(RequestsService).sweep(at);
};

type Requests = {
  items: { id: string; state: string; overdue: boolean; addressees: { node: string; state: string }[] }[];
};
const requests = async (node: Node, query: string) =>
  (await network.call<Requests>(node, 'GET', `/v1/requests?${query}`)).body.items;

describe('answer deadlines that escalate', () => {
  it('reminds, tells the requester and escalates an unanswered request exactly once, and leaves an answered one alone', async () => {
    const sent = Date.now();
    const deadline = new Date(sent + 10 * MINUTE);
    const request = (headline: string) => ({
      ...noticeRequest(),
      deadline: deadline.toISOString(),
      texts: [{ language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline }],
    });
    const unanswered = await send('kz-border', '/v1/notices', request('Crossings of vehicle 01 KZ 123 ABC'));
    const answered = await send('kz-border', '/v1/notices', request('Crossings of vehicle 01 KZ 456 DEF'));
    await waitFor(
      async () => {
        const ids = (await inbox('tj-border')).map((item) => item.id);
        if (ids.includes(unanswered) && ids.includes(answered)) return true;
        const states = await Promise.all(
          [unanswered, answered].map(
            async (id) => (await network.call('kz-border', 'GET', `/v1/messages/${id}`)).body,
          ),
        );
        throw new Error(JSON.stringify(states));
      },
      { what: 'both requests at tj-border' },
    );
    expect(
      await network.call('tj-border', 'POST', `/v1/messages/${unanswered}/receipts`, {
        kind: 'acknowledged',
      }),
    ).toMatchObject({ status: 202 });
    await send('tj-border', `/v1/messages/${answered}/replies`, {
      texts: [
        {
          language: 'en',
          provenance: 'TRANSLATION_PROVENANCE_ORIGINAL',
          headline: 'Two crossings, on 3 and 9 March',
        },
      ],
    });
    await waitFor(
      async () => {
        const listed = await requests('kz-border', 'side=outgoing');
        if (listed.some((item) => item.id === answered && item.state === 'answered')) return true;
        throw new Error(JSON.stringify(listed));
      },
      { what: 'the answer at kz-border' },
    );
    // Nothing is due a moment before the deadline: the counts at the end show nothing went out then.
    await sweepAll(new Date(deadline.getTime() - 1));

    await sweepAll(new Date(deadline.getTime() + 1));
    await waitFor(async () => ((await reminders('kz-border', unanswered)).length > 0 ? true : undefined), {
      what: 'the overdue notice at kz-border',
    });
    await waitFor(async () => ((await reminders('tj-border', unanswered)).length > 0 ? true : undefined), {
      what: 'the reminder at tj-border',
    });

    // A hub instance goes and another comes: the schedule is in Redis, not in the process.
    await network.stopHub(hubs.shift()!);
    hubs.push(await network.startHub());
    // And the hub's Redis state goes: the hubs rebuild it, the schedule included, from their streams.
    const admin = new Redis(network.redis.url);
    try {
      const hubKeys = await admin.keys('bl:hub:*');
      await admin.del(...hubKeys);
      await waitFor(async () => (await admin.exists(HUB_EPOCH_KEY)) === 1 || undefined, {
        what: "the hub's state rebuilt",
      });
    } finally {
      admin.disconnect();
    }
    const escalation = new Date(sent + 15 * MINUTE + 1_000);
    await sweepAll(escalation);
    await waitFor(async () => ((await reminders('unodc', unanswered)).length > 0 ? true : undefined), {
      what: 'the escalation at unodc',
    });
    await waitFor(async () => ((await reminders('kz-border', unanswered)).length > 1 ? true : undefined), {
      what: 'the escalation at kz-border',
    });
    await sweepAll(new Date(escalation.getTime() + MINUTE));

    expect(await reminders('tj-border', unanswered)).toEqual(['REMINDER_STAGE_OVERDUE']);
    expect((await reminders('kz-border', unanswered)).sort()).toEqual([
      'REMINDER_STAGE_ESCALATED',
      'REMINDER_STAGE_OVERDUE',
    ]);
    expect(await reminders('unodc', unanswered)).toEqual(['REMINDER_STAGE_ESCALATED']);
    for (const node of NODES) expect(await reminders(node, answered)).toEqual([]);

    // Both sides list the request as overdue once their own clocks pass the deadline.
    for (const node of ['kz-border', 'tj-border'] as const) {
      jest.spyOn(network.nodeApp(node).get(Clock), 'now').mockReturnValue(new Date(deadline.getTime() + 1));
    }
    const outgoing = await requests('kz-border', 'side=outgoing&state=overdue');
    expect(outgoing.map((item) => item.id)).toEqual([unanswered]);
    expect(outgoing[0]!.addressees).toEqual([{ node: 'tj-border', state: 'acknowledged', overdue: true }]);
    const incoming = await requests('tj-border', 'side=incoming');
    expect(incoming.map((item) => [item.id, item.state, item.overdue])).toEqual([
      [unanswered, 'acknowledged', true],
      [answered, 'answered', false],
    ]);
  });
});
