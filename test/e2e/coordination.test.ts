// Coordination between whole processes, through their REST APIs: the Kazakh border service's seizure
// alert, the Tajik border service's reply in its thread, the alert updated (superseded everywhere it
// went), a firearms trace to INTERPOL linked to it and answered as traced, the trace seen on the
// alert, the update cancelled everywhere, and the serial found at the recipient in Latin letters.
// (Deadlines are followed up by a sweep whose clock the tests move: test/integration/coordination.)
import { waitFor } from '#testing';
import { useE2eStack } from './support/e2e-stack.js';
import { EXAMPLE_ALERT } from './support/messages.js';
import { getJson, inbox, postJson, type InboxItem } from './support/node-api.js';

const SENDER = 'kz-border';
const NEIGHBOUR = 'tj-border';
const TRACER = 'interpol';

type Shown = InboxItem & { state?: string; supersededBy?: string; cancelledBy?: string };

describe('coordination between whole processes', () => {
  const e2e = useE2eStack([SENDER, NEIGHBOUR, TRACER]);

  async function send(node: string, path: string, body: unknown): Promise<string> {
    const posted = await postJson<{ id: string }>(`${e2e().url(node)}${path}`, body);
    expect({ path, status: posted.status }).toEqual({ path, status: 202 });
    return posted.body.id;
  }

  const shown = (node: string, id: string, until: (item: Shown) => boolean = () => true) =>
    waitFor(
      async () => ((await inbox(e2e().url(node))) as Shown[]).find((item) => item.id === id && until(item)),
      { timeoutMs: 30_000, what: `${id} at ${node}` },
    );

  it('carries a seizure from alert to reply, update, trace and cancel', async () => {
    const alert = await send(SENDER, '/v1/alerts', EXAMPLE_ALERT);
    await shown(NEIGHBOUR, alert);
    const text = (headline: string) => [
      { language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline },
    ];
    const reply = await send(NEIGHBOUR, `/v1/messages/${alert}/replies`, {
      texts: text('Patrols reinforced'),
    });
    await shown(SENDER, reply);
    const thread = (EXAMPLE_ALERT as { incident: string }).incident;
    const { body } = await getJson<{ items: { id: string; direction: string }[] }>(
      `${e2e().url(SENDER)}/v1/threads/${thread}`,
    );
    expect(body.items.map((item) => [item.id, item.direction])).toEqual([
      [alert, 'sent'],
      [reply, 'received'],
    ]);

    const update = await send(SENDER, '/v1/alerts', {
      ...EXAMPLE_ALERT,
      type: 'ALERT_TYPE_UPDATE',
      references: [alert],
    });
    expect(await shown(NEIGHBOUR, alert, (item) => item.state === 'superseded')).toMatchObject({
      supersededBy: update,
    });

    const weapon = (EXAMPLE_ALERT as { items: { weapon?: object }[] }).items[0]!.weapon;
    const trace = await send(SENDER, '/v1/notices', {
      kind: 'NOTICE_KIND_FIREARMS_TRACE_REQUEST',
      status: 'STATUS_ACTUAL',
      priority: 'PRIORITY_HIGH',
      texts: text('Trace request: AKM seized at Nizhny Panj'),
      addressees: { nodes: [TRACER] },
      handling: { tlp: 'TLP_AMBER', code: 'HANDLING_CODE_H2' },
      trace: {
        item: { ...weapon, quantity: 1 },
        illicitNature: 'Smuggled across the border',
        intendedUse: 'Criminal proceedings',
        seizureAlert: update,
      },
    });
    await shown(TRACER, trace);
    expect(
      (await postJson(`${e2e().url(TRACER)}/v1/messages/${trace}/receipts`, { kind: 'acknowledged' })).status,
    ).toBe(202);
    await send(TRACER, `/v1/messages/${trace}/replies`, {
      traceStatus: 'TRACE_STATUS_ANSWERED',
      traceResult: {
        summary: 'Exported in 1989; stolen from a depot in 1992.',
        lastLegalHolder: 'Ministry of Defence',
        holderCountry: 'AF',
      },
    });
    const traced = await waitFor(
      async () => {
        const { body: traces } = await getJson<{ items: { id: string; state: string; by?: string }[] }>(
          `${e2e().url(SENDER)}/v1/messages/${update}/traces`,
        );
        return traces.items.find((item) => item.id === trace && item.state === 'traced');
      },
      { timeoutMs: 30_000, what: 'the trace traced at kz-border' },
    );
    expect(traced).toMatchObject({ by: TRACER });

    const cancel = await send(SENDER, '/v1/alerts', {
      ...EXAMPLE_ALERT,
      type: 'ALERT_TYPE_CANCEL',
      references: [update],
    });
    expect(await shown(NEIGHBOUR, update, (item) => item.state === 'cancelled')).toMatchObject({
      cancelledBy: cancel,
    });

    const { body: hits } = await getJson<{ items: { message: string }[] }>(
      `${e2e().url(NEIGHBOUR)}/v1/search?serial=${encodeURIComponent('LO-2645')}`,
    );
    expect(hits.items.map((hit) => hit.message)).toEqual(expect.arrayContaining([alert, update]));
  });
});
