// The operations console in a real browser against the whole stack: an operator signs in, sees every
// node's heartbeat, sees tj-border turn red and its delivery consumer's backlog grow while it is
// stopped, then recover once it is back; replays a dead letter after the fault that made it is mended;
// verifies the audit chain. Every screen passes an accessibility check and is photographed.
import type { Locator, Page } from 'playwright-core';
import { HEADER_ID, STREAM_DEAD_LETTER, STREAM_DELIVERY, nodeDeliveryConsumer } from '#contracts';
import { listDeadLetters, type DeadLetterRecord, type DeadLetterSource } from '#operations';
import { waitFor } from '#testing';
import { useE2eStack } from '../support/e2e-stack.js';
import { EXAMPLE_ALERT } from '../support/messages.js';
import { inbox, postJson } from '../support/node-api.js';
import { PAGE_TIMEOUT_MS, checkScreen, signIn, useBrowser } from '../support/browser.js';

const SENDER = 'kz-border';
const WATCHED = 'tj-border';

// Beats every second, so "silent" (three intervals without one) comes within seconds; a delivery the
// node cannot store is dead-lettered after two attempts.
const STACK_ENV = { NODE_HEARTBEAT_MS: '1000', HUB_HEARTBEAT_MS: '1000', NODE_MAX_ATTEMPTS: '2' };

// Cells after the node's row header, in the network table's column order.
const PENDING_COLUMN = 9;

describe('operations console in the browser', () => {
  const e2e = useE2eStack([SENDER, WATCHED], STACK_ENV);
  const newPage = useBrowser();
  let page: Page;

  const consoleUrl = (path = '/'): string => new URL(path, e2e().stack.summary.console.url).toString();
  const nodeRow = (node: string): Locator =>
    page
      .getByRole('table', { name: /Nodes and hub instances/ })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: node, exact: true }) });
  const status = (node: string, word: string): Locator =>
    nodeRow(node).getByRole('cell', { name: word, exact: true });
  const pending = async (node: string): Promise<number> =>
    Number((await nodeRow(node).getByRole('cell').nth(PENDING_COLUMN).textContent())?.trim() ?? NaN);

  async function sendAlert(): Promise<string> {
    const posted = await postJson<{ id: string }>(`${e2e().url(SENDER)}/v1/alerts`, EXAMPLE_ALERT);
    expect(posted.status).toBe(202);
    return posted.body.id;
  }

  beforeAll(async () => {
    const [operator] = e2e().stack.summary.console.logins;
    page = await newPage();
    await page.goto(consoleUrl());
    await signIn(page, operator!.user, operator!.password, new RegExp(`^${consoleUrl()}$`));
  });

  it('shows every node live, then a stopped node silent with its backlog growing, then recovered', async () => {
    await page.getByRole('heading', { level: 1, name: 'Network' }).waitFor();
    await status(WATCHED, 'live').waitFor();
    await status(SENDER, 'live').waitFor();
    await checkScreen(page, 'console-network');

    const node = e2e().stack.nodes.get(WATCHED)!;
    await node.stop();
    await status(WATCHED, 'silent').waitFor({ timeout: 30_000 });
    for (let i = 0; i < 3; i++) await sendAlert();
    // The hub reports the stopped node's delivery consumer; the screen asks again every 2 s.
    await waitFor(async () => ((await pending(WATCHED)) >= 3 ? true : undefined), {
      timeoutMs: 30_000,
      what: `${WATCHED}'s backlog shown growing`,
    });
    await checkScreen(page, 'console-network-silent');

    await node.restart();
    await status(WATCHED, 'live').waitFor({ timeout: 60_000 });
    await waitFor(async () => ((await pending(WATCHED)) === 0 ? true : undefined), {
      timeoutMs: 60_000,
      what: `${WATCHED}'s backlog drained`,
    });
  });

  it('replays a dead letter once the node can store deliveries again', async () => {
    // tj-border's Redis user loses MULTI, which every take-in needs: its deliveries fail and, after
    // two attempts, are dead-lettered. Given back, the replay from the console puts the alert in its inbox.
    const redis = e2e().redis;
    await redis.call('ACL', 'SETUSER', WATCHED, '-multi');
    let id: string;
    let record: DeadLetterRecord;
    try {
      id = await sendAlert();
      record = await waitFor(
        async () =>
          (await listDeadLetters(deadLetterSource(), { consumer: nodeDeliveryConsumer(WATCHED) })).find(
            (record) => record.stream === STREAM_DELIVERY && record.headers[HEADER_ID]?.[0] === id,
          ),
        { timeoutMs: 60_000, what: 'the failed delivery in the dead letters' },
      );
    } finally {
      await redis.call('ACL', 'SETUSER', WATCHED, '+multi');
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dead letters' }).click();
    const letters = page.getByRole('table', { name: 'Dead letters' });
    await letters.waitFor();
    await checkScreen(page, 'console-dead-letters');
    await letters.getByRole('link', { name: String(record.seq), exact: true }).click();
    await page.getByRole('heading', { level: 2, name: `Dead letter ${record.seq}` }).waitFor();
    await checkScreen(page, 'console-dead-letter');
    await page.getByRole('button', { name: 'Replay' }).click();
    const dialog = page.getByRole('dialog', { name: /^Replay dead letter/ });
    await checkScreen(page, 'console-dead-letter-replay');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /replayed/ })
      .waitFor();

    await waitFor(
      async () => ((await inbox(e2e().url(WATCHED))).some((item) => item.id === id) ? true : undefined),
      {
        timeoutMs: PAGE_TIMEOUT_MS,
        what: 'the replayed alert in the inbox',
      },
    );
  });

  it('verifies the audit chain on request', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit chain' }).waitFor();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await page.getByText(/The chain is intact\. Entries checked: \d+/).waitFor({ timeout: 60_000 });
    await checkScreen(page, 'console-audit');
  });

  it.each([
    ['Traffic', 'Traffic', 'console-traffic'],
    ['NATS', 'NATS', 'console-nats'],
    ['Keys and registry', 'Keys and registry', 'console-keys'],
  ])('shows the %s screen accessibly', async (link, heading, name) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await checkScreen(page, name);
  });

  // The test's own operator connection to the stack's NATS.
  const deadLetterSource = (): DeadLetterSource => ({ connection: e2e().nc, stream: STREAM_DEAD_LETTER });
});
