// The seizure-totals example service (examples/seizure-totals) against the whole stack: fed by its
// service subscription through the NestJS module, it counts what the SDK sends, and picks up after a
// restart what arrived while it was down.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BorderlinkClient, type AlertInput } from '#client';
import { waitFor } from '#testing';
import { SeizureTotalsModule } from '../../../examples/seizure-totals/src/seizure-totals.module.js';
import { useE2eStack } from '../support/e2e-stack.js';
import { EXAMPLE_ALERT } from '../support/messages.js';

const SENDER = 'kz-border';
const SERVICE_NODE = 'tj-border';

/** The example alert, seized on another section: one rifle, nothing else. */
const BADAKHSHAN_ALERT = {
  ...EXAMPLE_ALERT,
  incident: 'tj-badakhshan-e2e',
  area: { description: 'Ishkashim district', borderSections: ['tj-af-badakhshan'] },
  items: [(EXAMPLE_ALERT.items as unknown[])[0]],
} as AlertInput;
/** The example alert as a drug seizure: outside the example's filter. */
const DRUGS_ALERT = {
  ...EXAMPLE_ALERT,
  incident: 'tj-panj-drugs-e2e',
  category: 'CATEGORY_DRUG_TRAFFICKING',
} as AlertInput;

describe('the seizure-totals example service (whole stack)', () => {
  const e2e = useE2eStack([SENDER, SERVICE_NODE]);
  let dataDir: string;
  let app: INestApplication | undefined;

  beforeAll(async () => (dataDir = await mkdtemp(join(tmpdir(), 'bl-seizure-totals-'))));
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startService(): Promise<string> {
    const node = e2e().stack.summary.nodes.find((each) => each.id === SERVICE_NODE)!;
    app = await NestFactory.create(
      SeizureTotalsModule.forRoot({ url: node.url, apiKey: node.apiKey, dataDir }),
      { logger: ['error', 'warn'] },
    );
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    return (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  const totalsAt = async (url: string) =>
    (await (await fetch(`${url}/totals`)).json()) as Record<string, Record<string, number>>;

  it('sums the seizures of the alerts sent through the SDK per border section, and resumes after a restart', async () => {
    const sender = e2e().stack.summary.nodes.find((each) => each.id === SENDER)!;
    const client = new BorderlinkClient({ url: sender.url, credentials: { apiKey: sender.apiKey } });
    let url = await startService();

    await client.sendAlert(EXAMPLE_ALERT as AlertInput);
    await client.sendAlert(DRUGS_ALERT);
    await client.sendAlert(BADAKHSHAN_ALERT);
    const expected = {
      'tj-af-panj': { alerts: 1, weapons: 3, rounds: 1200, otherItems: 12 },
      'tj-af-badakhshan': { alerts: 1, weapons: 1, rounds: 0, otherItems: 0 },
    };
    await waitFor(async () => JSON.stringify(await totalsAt(url)) === JSON.stringify(expected) || undefined, {
      timeoutMs: 30_000,
      what: 'the totals of the two seizure alerts',
    });

    // Down while an alert comes in: after the restart the service reads on from its cursor.
    await app!.close();
    app = undefined;
    await client.sendAlert({ ...BADAKHSHAN_ALERT, incident: 'tj-badakhshan-e2e-2' });
    url = await startService();
    await waitFor(async () => (await totalsAt(url))['tj-af-badakhshan']?.alerts === 2 || undefined, {
      timeoutMs: 30_000,
      what: 'the alert sent while the service was down, counted after its restart',
    });
    expect(await totalsAt(url)).toEqual({
      ...expected,
      'tj-af-badakhshan': { alerts: 2, weapons: 2, rounds: 0, otherItems: 0 },
    });
  });
});
