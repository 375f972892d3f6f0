// The situational picture through the nodes' REST APIs: a set of seizures with known totals, sent by
// kz-border, gives tj-border a picture of the Panj section with exactly those figures (an exercise, an
// alert elsewhere and an updated original left out), and tj-border's impact-level change reaches the
// picture of every node subscribed to the section's region. A hub and four nodes in-process on a
// spawned NATS running the generated configuration, and Redis.
import { alertRequest, noticeRequest } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

const NODES = ['kz-border', 'tj-border', 'unodc', 'uz-customs'] as const;
type Node = (typeof NODES)[number];
const SECTION = 'tj-af-panj';

let network: InProcessNetwork;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  for (const node of NODES) await network.startNode(node);
});

afterAll(() => network?.stop());

interface Figures {
  alerts: number;
  rounds: number;
  explosivesKg: number;
  weapons: Record<string, number>;
  bySeverity: Record<string, number>;
  persons: { sex: string; ageGroup: string; role: string; count: number }[];
}
interface Picture {
  id: string;
  impact?: { level: string; setBy: string };
  windows: Record<'24h' | '7d' | '30d', Figures>;
}

const picture = async (node: Node) =>
  (await network.call<Picture>(node, 'GET', `/v1/picture/sections/${SECTION}`)).body;

async function send(node: Node, path: string, body: unknown): Promise<string> {
  const sent = await network.call<{ id: string }>(node, 'POST', path, body);
  expect({ status: sent.status, body: sent.status === 202 ? undefined : sent.body }).toEqual({ status: 202 });
  return sent.body.id;
}

const seizure = (
  rifles: number,
  rounds: number,
  kg: number,
  women: number,
  severity = 'SEVERITY_SEVERE',
) => ({
  ...alertRequest(),
  severity,
  items: [
    { weapon: { type: 'WEAPON_TYPE_ASSAULT_RIFLE', calibre: '7.62x39mm', quantity: rifles } },
    { ammunition: { calibre: '7.62x39mm', quantity: rounds } },
    { explosive: { type: 'EXPLOSIVE_TYPE_COMMERCIAL', netMassKg: kg, quantity: 1 } },
  ],
  persons: [{ sex: 'SEX_FEMALE', ageGroup: 'AGE_GROUP_ADULT', role: 'PERSON_ROLE_VICTIM', count: women }],
});

describe('the situational picture through the nodes', () => {
  it("equals the totals of the section's current actual alerts, and shows an impact change at every subscriber", async () => {
    const counted = [
      seizure(4, 480, 2.5, 1),
      seizure(2, 120, 0.5, 2, 'SEVERITY_MODERATE'),
      seizure(1, 30, 12, 3),
    ];
    for (const body of counted) await send('kz-border', '/v1/alerts', body);
    await send('kz-border', '/v1/alerts', { ...seizure(9, 900, 9, 9), status: 'STATUS_EXERCISE' });
    await send('kz-border', '/v1/alerts', { ...seizure(9, 900, 9, 9), area: undefined });
    const original = await send('kz-border', '/v1/alerts', seizure(5, 50, 5, 5));
    const update = seizure(6, 60, 6, 6);
    await send('kz-border', '/v1/alerts', { ...update, type: 'ALERT_TYPE_UPDATE', references: [original] });
    counted.push(update);

    const total = (pick: (body: ReturnType<typeof seizure>) => number) =>
      counted.reduce((sum, body) => sum + pick(body), 0);
    const expected = {
      alerts: counted.length,
      rounds: total((body) => body.items[1]!.ammunition!.quantity),
      explosivesKg: total((body) => body.items[2]!.explosive!.netMassKg),
      weapons: { WEAPON_TYPE_ASSAULT_RIFLE: total((body) => body.items[0]!.weapon!.quantity) },
      bySeverity: { SEVERITY_SEVERE: 3, SEVERITY_MODERATE: 1 },
      persons: [
        {
          sex: 'SEX_FEMALE',
          ageGroup: 'AGE_GROUP_ADULT',
          role: 'PERSON_ROLE_VICTIM',
          count: total((body) => body.persons[0]!.count),
        },
      ],
    };
    for (const node of ['tj-border', 'kz-border'] as const) {
      const figures = await waitFor(
        async () => {
          const day = (await picture(node)).windows['24h'];
          return day.alerts === expected.alerts && day.weapons.WEAPON_TYPE_ASSAULT_RIFLE === 13
            ? day
            : undefined;
        },
        { what: `the seizures in the picture of ${node}` },
      );
      expect(figures).toMatchObject(expected);
      expect((await picture(node)).windows['30d']).toMatchObject(expected);
    }

    await send('tj-border', '/v1/notices', {
      ...noticeRequest(),
      kind: 'NOTICE_KIND_IMPACT_LEVEL_CHANGE',
      addressees: { nodes: ['kz-border'] },
      impactChange: { borderSection: SECTION, from: 'IMPACT_LEVEL_LOW', to: 'IMPACT_LEVEL_HIGH' },
    });
    for (const node of NODES) {
      const impact = await waitFor(async () => (await picture(node)).impact, {
        what: `the impact level in the picture of ${node}`,
      });
      expect(impact).toMatchObject({ level: 'high', setBy: 'tj-border' });
    }

    const csv = await fetch(`${network.url('tj-border')}/v1/picture?format=csv`, {
      headers: network.auth('tj-border'),
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).split('\r\n');
    expect(rows[0]).toBe('section,window,measure,dimension,value');
    expect(rows).toContain(`${SECTION},24h,rounds,,${expected.rounds}`);
    expect(rows).toContain(`${SECTION},now,impact,tj-border,high`);
  });

  it('answers 404 for a section the registry does not have', async () => {
    const { status, body } = await network.call('tj-border', 'GET', '/v1/picture/sections/atlantis');
    expect({ status, body }).toEqual({ status: 404, body: { error: 'not-found', id: 'atlantis' } });
  });
});
