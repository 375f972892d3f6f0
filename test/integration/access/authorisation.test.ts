// What each person may do at a node's door, against a real OpenID Connect provider and the real
// nodes and hub: a route refuses a role it does not name (403); a reader without clearance neither
// sees a TLP:RED item nor can learn that it exists; a RED release waits for a second, different
// supervisor.
import { jetstreamManager } from '@nats-io/jetstream';
import { AuditEvent, ingressSubject, STREAM_INGRESS } from '#contracts';
import type { InboxItem } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { auditEntryOf, call, startAccessNetwork, type AccessNetwork, type Node } from './access-network.js';

let access: AccessNetwork;
const url = (node: Node) => access.network.url(node);

beforeAll(async () => {
  access = await startAccessNetwork();
});

afterAll(() => access?.stop());

const PEOPLE = ['reader', 'author', 'supervisor', 'admin'] as const;

// Every operation of the node and the roles that may call it; the first test checks that the
// OpenAPI document has no operation missing here.
const ROUTES: { method: string; path: string; roles: string[]; body?: unknown }[] = [
  { method: 'GET', path: '/v1/me', roles: ['reader', 'author', 'supervisor', 'administrator', 'monitor'] },
  { method: 'GET', path: '/v1/api-keys', roles: ['administrator'] },
  { method: 'GET', path: '/v1/audit/witness', roles: ['monitor', 'administrator'] },
  { method: 'GET', path: '/v1/access-log', roles: ['monitor', 'administrator'] },
  { method: 'GET', path: '/v1/inbox', roles: ['reader'] },
  { method: 'POST', path: '/v1/inbox/stream-tickets', roles: ['reader'] },
  { method: 'GET', path: '/v1/inbox/stream', roles: ['reader'] },
  { method: 'GET', path: '/v1/inbox/x', roles: ['reader'] },
  { method: 'GET', path: '/v1/messages/x', roles: ['reader'] },
  { method: 'POST', path: '/v1/messages/x/receipts', roles: ['author'], body: { kind: 'read' } },
  { method: 'POST', path: '/v1/messages/x/replies', roles: ['author'], body: { texts: [] } },
  { method: 'GET', path: '/v1/threads/x', roles: ['reader'] },
  { method: 'GET', path: '/v1/search?serial=LO2645', roles: ['reader'] },
  { method: 'GET', path: '/v1/messages/x/traces', roles: ['reader'] },
  { method: 'GET', path: '/v1/requests?side=incoming', roles: ['reader'] },
  { method: 'GET', path: '/v1/picture', roles: ['reader'] },
  { method: 'GET', path: '/v1/reference', roles: ['reader', 'author', 'supervisor'] },
  { method: 'GET', path: '/v1/picture/sections/x', roles: ['reader'] },
  { method: 'POST', path: '/v1/messages/x/releases', roles: ['supervisor'], body: { to: 'unodc' } },
  { method: 'GET', path: '/v1/releases', roles: ['supervisor'] },
  { method: 'POST', path: '/v1/releases/x/decision', roles: ['supervisor'], body: { approve: true } },
  { method: 'POST', path: '/v1/alerts', roles: ['author'], body: {} },
  { method: 'POST', path: '/v1/notices', roles: ['author'], body: {} },
  { method: 'GET', path: '/v1/groups', roles: ['reader'] },
  { method: 'POST', path: '/v1/groups', roles: ['supervisor'], body: {} },
  { method: 'POST', path: '/v1/groups/x/members', roles: ['supervisor'], body: {} },
  { method: 'DELETE', path: '/v1/groups/x/members/x', roles: ['supervisor'] },
  { method: 'GET', path: '/v1/subscriptions', roles: ['administrator'] },
  { method: 'PUT', path: '/v1/subscriptions', roles: ['administrator'], body: {} },
  { method: 'POST', path: '/v1/service-subscriptions', roles: ['reader'], body: {} },
  { method: 'GET', path: '/v1/service-subscriptions', roles: ['reader', 'administrator'] },
  { method: 'GET', path: '/v1/service-subscriptions/x', roles: ['reader', 'administrator'] },
  { method: 'PUT', path: '/v1/service-subscriptions/x', roles: ['reader'], body: {} },
  { method: 'DELETE', path: '/v1/service-subscriptions/x', roles: ['reader', 'administrator'] },
  { method: 'GET', path: '/v1/service-subscriptions/x/deliveries', roles: ['reader', 'administrator'] },
  { method: 'POST', path: '/v1/service-subscriptions/x/enable', roles: ['reader'] },
  { method: 'GET', path: '/v1/service-subscriptions/x/stream', roles: ['reader'] },
  { method: 'GET', path: '/metrics', roles: ['administrator', 'monitor'] },
  { method: 'GET', path: '/healthz/details', roles: ['administrator', 'monitor'] },
];

/** The status of one request; an event stream is closed as soon as its headers arrive. */
async function statusOf(node: Node, route: (typeof ROUTES)[number], credentials: string): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(`${url(node)}${route.path}`, {
    method: route.method,
    headers: {
      authorization: `Bearer ${credentials}`,
      ...(route.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
    signal: controller.signal,
  });
  controller.abort();
  return response.status;
}

describe('roles', () => {
  it('name every operation of the OpenAPI document', async () => {
    const { body } = await call<{ paths: Record<string, Record<string, unknown>> }>(
      `${url('kz-border')}/docs-json`,
      {
        credentials: await access.token('kz-border', 'reader'),
      },
    );
    const documented = Object.entries(body.paths)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, 'x')}`),
      )
      // Open to anyone: liveness, and the public feeds of TLP:CLEAR alerts (test/integration/cap).
      .filter((route) => route !== 'GET /healthz' && !route.startsWith('GET /v1/feeds/'));
    expect(documented.sort()).toEqual(
      ROUTES.filter((route) => route.path !== '/metrics')
        .map((route) => `${route.method} ${route.path.split('?')[0]}`)
        .sort(),
    );
  });

  it('refuse with 403 and a reason every route to a person without one of its roles, and only then', async () => {
    for (const who of PEOPLE) {
      const token = await access.token('kz-border', who);
      const person = access.people.find((p) => p.user === `kz-border-${who}`)!;
      for (const route of ROUTES) {
        const allowed = route.roles.some((role) => (person.roles as string[]).includes(role));
        const status = await statusOf('kz-border', route, token);
        expect({ who, route: `${route.method} ${route.path}`, forbidden: status === 403 }).toEqual({
          who,
          route: `${route.method} ${route.path}`,
          forbidden: !allowed,
        });
        expect(status).not.toBe(401);
      }
    }
    const refused = await call(`${url('kz-border')}/v1/alerts`, {
      method: 'POST',
      credentials: await access.token('kz-border', 'reader'),
      body: alertRequest(),
    });
    expect(refused.body).toEqual({ error: 'forbidden', reason: 'this needs the role author' });
  });

  it('let an author publish an alert, but update or cancel one only as a supervisor', async () => {
    const update = { ...alertRequest(), type: 'ALERT_TYPE_UPDATE', references: ['earlier-alert'] };
    const author = await call(`${url('kz-border')}/v1/alerts`, {
      method: 'POST',
      credentials: await access.token('kz-border', 'author'),
      body: update,
    });
    expect(author).toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: 'updating or cancelling an alert needs the role supervisor' },
    });
    const supervisor = await call(`${url('kz-border')}/v1/alerts`, {
      method: 'POST',
      credentials: await access.token('kz-border', 'supervisor'),
      body: update,
    });
    expect(supervisor.status).toBe(202);
  });
});

/** Posts an alert from kz-border to tj-border labelled `tlp`; resolves with its id. */
async function alertToTj(tlp: string, headline: string): Promise<string> {
  const body = {
    ...alertRequest(),
    handling: { tlp, code: 'HANDLING_CODE_H2' },
    addressees: { nodes: ['tj-border'] },
    texts: [{ language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline }],
  };
  const answer = await call<{ id: string }>(`${url('kz-border')}/v1/alerts`, {
    method: 'POST',
    credentials: await access.token('kz-border', 'supervisor'),
    body,
  });
  expect(answer.status).toBe(202);
  return answer.body.id;
}

/** Every page of the inbox as `credentials` sees it, limit 1 a page: the ids, and the cursors given. */
async function wholeInbox(node: Node, credentials: string): Promise<{ ids: string[]; cursors: number[] }> {
  const ids: string[] = [];
  const cursors: number[] = [];
  let before: number | undefined;
  for (;;) {
    const query = before === undefined ? '?limit=1' : `?limit=1&before=${before}`;
    const { body } = await call<{ items: InboxItem[]; next?: number }>(`${url(node)}/v1/inbox${query}`, {
      credentials,
    });
    ids.push(...body.items.map((item) => item.id));
    if (body.next === undefined) return { ids, cursors };
    cursors.push(body.next);
    before = body.next;
  }
}

describe('clearance', () => {
  it('shows a reader without clearance no TLP:RED item, and nothing that says one exists', async () => {
    const reader = await access.token('tj-border', 'reader');
    const { ticket } = (
      await call<{ ticket: string }>(`${url('tj-border')}/v1/inbox/stream-tickets`, {
        method: 'POST',
        credentials: reader,
      })
    ).body;
    const events: string[] = [];
    const controller = new AbortController();
    const stream = await fetch(`${url('tj-border')}/v1/inbox/stream?ticket=${ticket}`, {
      signal: controller.signal,
    });
    const reading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream.body!) {
        for (const line of decoder.decode(chunk).split('\n'))
          if (line.startsWith('id:')) events.push(line.slice(3).trim());
      }
    })().catch(() => undefined);

    const red = await alertToTj('TLP_RED', 'Red: informant on the Panj crossing');
    const amber = await alertToTj('TLP_AMBER', 'Amber: rifles seized');
    const supervisor = await access.token('tj-border', 'supervisor');
    await waitFor(async () => (await wholeInbox('tj-border', supervisor)).ids.includes(amber) || undefined, {
      what: 'both alerts at tj-border',
    });
    expect((await wholeInbox('tj-border', supervisor)).ids).toEqual(expect.arrayContaining([red, amber]));
    // The alerts come in their sender's order: once the AMBER one is streamed, the RED one was passed over.
    await waitFor(() => events.includes(amber) || undefined, {
      what: 'the AMBER alert on the reader’s stream',
    });
    controller.abort();
    await reading;
    expect(events).not.toContain(red);

    const seen = await wholeInbox('tj-border', reader);
    expect(seen.ids).toContain(amber);
    expect(seen.ids).not.toContain(red);
    // Cursors count only what the reader may see: no gap where the RED item lies.
    expect(seen.cursors).toEqual(seen.cursors.map((_, i) => seen.ids.length - 1 - i));

    // Read by id, the RED item answers as one the inbox does not hold.
    const byId = async (id: string, credentials: string) =>
      call(`${url('tj-border')}/v1/inbox/${id}`, { credentials });
    const [redById, nothingById] = [await byId(red, reader), await byId('no-such-message', reader)];
    expect([redById.status, redById.body]).toEqual([404, { error: 'not-found', id: red }]);
    expect([nothingById.status, nothingById.body]).toEqual([
      404,
      { error: 'not-found', id: 'no-such-message' },
    ]);
    expect(await byId(amber, reader)).toMatchObject({ status: 200, body: { id: amber } });
    expect(await byId(red, supervisor)).toMatchObject({ status: 200, body: { id: red } });

    const author = await access.token('tj-border', 'author');
    const onRed = await call(`${url('tj-border')}/v1/messages/${red}/receipts`, {
      method: 'POST',
      credentials: author,
      body: { kind: 'read' },
    });
    const onNothing = await call(`${url('tj-border')}/v1/messages/no-such-message/receipts`, {
      method: 'POST',
      credentials: author,
      body: { kind: 'read' },
    });
    expect(onRed).toMatchObject({ status: 404, body: { error: 'not-found', id: red } });
    expect(onNothing).toMatchObject({ status: 404, body: { error: 'not-found' } });

    // At the sender too: its own RED message is not found for its reader.
    expect(
      (
        await call(`${url('kz-border')}/v1/messages/${red}`, {
          credentials: await access.token('kz-border', 'reader'),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(`${url('kz-border')}/v1/messages/${red}`, {
          credentials: await access.token('kz-border', 'supervisor'),
        })
      ).status,
    ).toBe(200);
  });
});

describe('four eyes', () => {
  it('holds a TLP:RED release approved by one supervisor until a second, different one approves', async () => {
    const red = await alertToTj('TLP_RED', 'Red: release to UNODC');
    const tjSupervisor = await access.token('tj-border', 'supervisor');
    await waitFor(async () => (await wholeInbox('tj-border', tjSupervisor)).ids.includes(red) || undefined, {
      what: 'the RED alert at tj-border',
    });
    const request = await call<{ id: string }>(`${url('tj-border')}/v1/messages/${red}/releases`, {
      method: 'POST',
      credentials: tjSupervisor,
      body: { to: 'unodc', reason: 'UNODC supports the investigation' },
    });
    expect(request.status).toBe(202);
    const first = await access.token('kz-border', 'supervisor');
    const pending = () =>
      call<{ pending: { request: string; approvals?: { by: string }[] }[] }>(
        `${url('kz-border')}/v1/releases`,
        {
          credentials: first,
        },
      );
    await waitFor(async () => (await pending()).body.pending.find((r) => r.request === request.body.id), {
      what: 'the release request at kz-border',
    });

    const decide = async (token: string) =>
      call(`${url('kz-border')}/v1/releases/${request.body.id}/decision`, {
        method: 'POST',
        credentials: token,
        body: { approve: true },
      });
    expect(await decide(first)).toMatchObject({
      status: 202,
      body: {
        request: request.body.id,
        status: 'awaiting-second-approval',
        approvedBy: ['person:kz-border-supervisor'],
      },
    });
    // Nothing was published: no release decision left kz-border.
    const nc = await access.network.operator();
    try {
      const jsm = await jetstreamManager(nc);
      const lastRelease = () =>
        jsm.streams.getMessage(STREAM_INGRESS, { last_by_subj: ingressSubject('kz-border', 'release') });
      expect(await lastRelease()).toBeNull();
      const held = (await pending()).body.pending.find((r) => r.request === request.body.id);
      expect(held?.approvals?.map((a) => a.by)).toEqual(['person:kz-border-supervisor']);

      expect(await decide(first)).toMatchObject({
        status: 403,
        body: { error: 'forbidden', reason: expect.stringContaining('four eyes') },
      });

      expect(await decide(await access.token('kz-border', 'supervisor2'))).toMatchObject({
        status: 202,
        body: { status: 'accepted' },
      });
      expect(
        await jsm.streams.getMessage(STREAM_INGRESS, {
          last_by_subj: ingressSubject('kz-border', 'release'),
        }),
      ).toBeDefined();
      // The hub's audit names the second supervisor as the one who released it, and both who approved.
      expect(await auditEntryOf(jsm, AuditEvent.RELEASED, red)).toMatchObject({
        person: 'person:kz-border-supervisor2',
        detail: expect.stringContaining(
          'approved by person:kz-border-supervisor and person:kz-border-supervisor2 of kz-border',
        ) as unknown,
      });
    } finally {
      await nc.close();
    }
    const unodc = access.network.auth('unodc');
    const released = await waitFor(
      async () => {
        const response = await fetch(`${url('unodc')}/v1/inbox`, { headers: unodc });
        return ((await response.json()) as { items: InboxItem[] }).items.find((item) => item.id === red);
      },
      { what: 'the released alert at unodc' },
    );
    expect(released).toMatchObject({ sender: 'kz-border', verified: true });
    const answer = await waitFor(
      async () => {
        const { body } = await call<{ answers: { request: string; approved: boolean }[] }>(
          `${url('tj-border')}/v1/releases`,
          { credentials: tjSupervisor },
        );
        return body.answers.find((item) => item.request === request.body.id);
      },
      { what: 'the answer at the requester' },
    );
    expect(answer.approved).toBe(true);
  });
});
