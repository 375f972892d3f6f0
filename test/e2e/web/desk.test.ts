// The agency desk in two real browsers against the whole stack: a Kazakh border officer composes a
// seizure alert, is shown the node's refusal at the evaluation it left out, fixes it and sends; a
// Tajik border officer, at another desk, sees the alert arrive without reloading, reads it in Russian
// and in English and acknowledges it; the Kazakh officer sees the acknowledgement. Every screen passes
// an accessibility check and is photographed.
import type { Page } from 'playwright-core';
import { useE2eStack } from '../support/e2e-stack.js';
import { checkScreen, signIn, useBrowser } from '../support/browser.js';

const SENDER = 'kz-border';
const RECIPIENT = 'tj-border';
const HEADLINE = 'Изъятие автоматов АКМ на посту Нижний Пяндж';
const ENGLISH_HEADLINE = 'AKM rifles seized at the Nizhny Panj post';

describe('agency desk in the browser', () => {
  const e2e = useE2eStack([SENDER, RECIPIENT]);
  const newPage = useBrowser();
  let author: Page;
  let officer: Page;

  const deskOf = (node: string): string => `${e2e().url(node)}/desk/`;

  /** Opens a desk for `node`'s demo person `role` and signs them in; lands on their inbox. */
  async function signedIn(node: string, role: string): Promise<Page> {
    const login = e2e()
      .stack.summary.nodes.find((entry) => entry.id === node)!
      .logins.find((entry) => entry.user === `${node}-${role}`)!;
    const page = await newPage();
    await page.goto(deskOf(node));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signIn(page, login.user, login.password, new RegExp(`^${deskOf(node)}`));
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    [author, officer] = await Promise.all([signedIn(SENDER, 'author'), signedIn(RECIPIENT, 'author')]);
    await officer.getByText('Live: new messages appear here as they arrive').waitFor();
  });

  it('refuses an alert without an evaluation at its field, then sends it once fixed', async () => {
    await author.getByRole('link', { name: 'New alert' }).click();
    await author.getByRole('heading', { level: 1, name: 'New alert' }).waitFor();
    await checkScreen(author, 'desk-compose');

    const classification = author.getByRole('group', { name: 'Classification' });
    await classification.getByLabel('Category').selectOption({ label: 'Small arms and light weapons' });
    await classification.getByLabel('Severity').selectOption({ label: 'Severe' });
    await classification.getByLabel('Urgency').selectOption({ label: 'Immediate' });
    await classification.getByLabel('Certainty').selectOption({ label: 'Observed' });
    await author
      .getByRole('group', { name: 'Regions' })
      .getByRole('checkbox', { name: /Afghan border/ })
      .check();
    const first = author.getByRole('group', { name: 'Text 1' });
    await first.getByLabel('Language').selectOption('ru');
    await first.getByLabel('Headline').fill(HEADLINE);
    await first.getByLabel('Description').fill('Пограничный наряд задержал груз: 12 автоматов АКМ.');
    await author.getByRole('button', { name: 'Add a translation' }).click();
    const second = author.getByRole('group', { name: 'Text 2' });
    await second.getByLabel('Language').selectOption('en');
    await second.getByLabel('Headline').fill(ENGLISH_HEADLINE);
    await second.getByLabel('Description').fill('A border patrol stopped a shipment of 12 AKM rifles.');
    await author.getByRole('button', { name: 'Add a weapon' }).click();
    const weapon = author.getByRole('group', { name: 'Item 1: weapon' });
    await weapon.getByLabel('Type').selectOption({ label: 'Assault rifle' });
    await weapon.getByLabel('Make').fill('Kalashnikov');
    await weapon.getByLabel('Model').fill('AKM');
    await weapon.getByLabel('Serial number').fill('KZ-DESK-1961');
    // A serial number names one weapon.
    await weapon.getByLabel('Quantity').fill('1');

    await author.getByRole('button', { name: 'Send alert' }).click();
    const refusal = author.getByRole('alert').filter({ hasText: 'The node refused the message' });
    await refusal.getByRole('link', { name: /^Evaluation: / }).waitFor();
    // The evaluation is all the node found missing.
    expect(await refusal.getByRole('link').allTextContents()).toEqual(['Evaluation: This is required.']);
    const evaluation = author.getByRole('group', { name: /^Evaluation/ });
    const reliability = evaluation.getByLabel('Source reliability');
    expect(await reliability.getAttribute('aria-invalid')).toBe('true');
    await checkScreen(author, 'desk-compose-refused');

    await reliability.selectOption({ label: 'B – usually reliable' });
    await evaluation
      .getByLabel('Information credibility')
      .selectOption({ label: '2 – known personally to the source' });
    await author.getByRole('button', { name: 'Send alert' }).click();
    await author.getByText(/^Sent: the hub accepted it/).waitFor();
    expect(new URL(author.url()).pathname).toMatch(/^\/desk\/messages\//);
    // Headlines show in the reader's language where the message carries it.
    await author.getByRole('heading', { level: 1, name: ENGLISH_HEADLINE }).waitFor();
  });

  it('shows the alert live at the neighbour, in Russian and English, and its acknowledgement at the sender', async () => {
    // The officer's inbox has been open since before the alert was sent: it arrives without a reload.
    const arrived = officer.getByRole('rowheader').getByRole('link', { name: ENGLISH_HEADLINE });
    await arrived.waitFor({ timeout: 30_000 });
    await checkScreen(officer, 'desk-inbox');
    await arrived.click();
    await officer.getByRole('heading', { level: 1, name: ENGLISH_HEADLINE }).waitFor();
    const texts = officer.getByRole('region', { name: 'Texts' });
    await texts.getByRole('heading', { name: 'Russian (original)' }).waitFor();
    await texts.getByRole('heading', { name: 'English (human translation)' }).waitFor();
    await texts.getByText(ENGLISH_HEADLINE).waitFor();
    await checkScreen(officer, 'desk-message');

    await officer.getByRole('banner').getByLabel('Language').selectOption({ label: 'Русский' });
    await officer.getByRole('heading', { name: 'русский (оригинал)' }).waitFor();
    await officer.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    await checkScreen(officer, 'desk-message-ru');
    await officer.getByRole('banner').getByLabel('Язык').selectOption({ label: 'English' });

    const answer = officer.getByRole('region', { name: 'Your answer' });
    await answer.getByRole('button', { name: 'Acknowledge' }).click();
    await officer.getByText('Acknowledgement sent.').waitFor();

    const receipts = author.getByRole('table', { name: 'Each recipient’s state' });
    await receipts
      .getByRole('row')
      .filter({ has: author.getByRole('rowheader', { name: RECIPIENT, exact: true }) })
      .getByText('Acknowledged')
      .waitFor({ timeout: 30_000 });
    await checkScreen(author, 'desk-message-acknowledged');
  });

  it('greets a person not signed in with the way to sign in, accessibly', async () => {
    const page = await newPage();
    await page.goto(deskOf(SENDER));
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await checkScreen(page, 'desk-landing');
  });

  it('shows a supervisor the release requests to decide, accessibly', async () => {
    const supervisor = await signedIn(SENDER, 'supervisor');
    await supervisor.getByRole('link', { name: 'Releases' }).click();
    await supervisor.getByRole('heading', { level: 1, name: 'Release requests' }).waitFor();
    await checkScreen(supervisor, 'desk-releases');
  });

  it.each([
    ['compose/notice', 'New notice'],
    ['requests', 'Requests'],
    ['groups', 'Closed user groups'],
    ['picture', 'Situational picture'],
    ['search', 'Serial search'],
  ])('shows the %s screen accessibly', async (path, heading) => {
    await author.goto(`${deskOf(SENDER)}${path}`);
    await author.getByRole('heading', { level: 1, name: heading }).waitFor();
    await checkScreen(author, `desk-${path.replace('/', '-')}`);
  });
});
