// Signing out in a real browser against a small stack (one node): at a node's desk and at the
// operations console, "Sign out" ends the session at the demo OpenID Connect provider and comes back
// to the app signed out, so that signing in again asks for the password.
import type { Page } from 'playwright-core';
import { useE2eStack } from '../support/e2e-stack.js';
import { checkScreen, signIn, useBrowser } from '../support/browser.js';

const NODE = 'kz-border';

describe('signing out in the browser', () => {
  const e2e = useE2eStack([NODE]);
  const newPage = useBrowser();

  /** Confirms on the provider's page, where the app's "Sign out" sent the browser. */
  async function confirmSignOut(page: Page): Promise<void> {
    await page.getByRole('heading', { level: 1, name: 'Sign out of the Borderlink demo?' }).waitFor();
    await checkScreen(page, 'identity-provider-sign-out');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  it('signs out of the desk and lands back at the desk signed out', async () => {
    const desk = `${e2e().url(NODE)}/desk/`;
    const login = e2e()
      .stack.summary.nodes.find((entry) => entry.id === NODE)!
      .logins.find((entry) => entry.user === `${NODE}-reader`)!;
    const page = await newPage();
    await page.goto(desk);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signIn(page, login.user, login.password, new RegExp(`^${desk}`));
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await confirmSignOut(page);
    await page.waitForURL(desk);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await checkScreen(page, 'desk-signed-out');

    // The provider's session ended too: signing in again asks who it is.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('input[name="user"]').waitFor();
  });

  it('signs out of the console and lands back at the console, which asks for a sign-in', async () => {
    const consoleUrl = new URL('/', e2e().stack.summary.console.url).toString();
    const [operator] = e2e().stack.summary.console.logins;
    const page = await newPage();
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    await page.goto(consoleUrl);
    await signIn(page, operator!.user, operator!.password, new RegExp(`^${consoleUrl}$`));
    await page.getByRole('heading', { level: 1, name: 'Network' }).waitFor();

    visited.length = 0;
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await confirmSignOut(page);
    // The console has nothing to show signed out: back at its page it sends the browser to sign in,
    // and the provider, its session ended, asks for the password again.
    await page.locator('input[name="user"]').waitFor();
    expect(visited).toContain(consoleUrl);
  });
});
