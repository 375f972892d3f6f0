// Debian's Chromium driven by Playwright, for the web apps' end-to-end tests: one browser per test
// file, a context per person (each its own cookies and storage, as two officers at two desks), and
// for every screen an accessibility check (axe-core) and a screenshot kept in test-results/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './e2e-stack.js';

/** Chromium from Debian's package: Playwright's own download cannot reach its servers here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// machine's closed network refuses; the tests talk to loopback only.
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Every action and expectation waits at most this long for the page. */
export const PAGE_TIMEOUT_MS = 20_000;

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** Impacts that fail a screen's check (axe's `moderate` and `minor` are reported, not failed). */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Launches Chromium for the enclosing `describe` and closes it after; returns a function that opens
 * a new person's window (its own context) on a page.
 */
export function useBrowser(): (options?: { locale?: string }) => Promise<Page> {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close();
  });
  return async ({ locale = 'en-GB' } = {}) => {
    if (browser === undefined) throw new Error('the browser did not start');
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);
    contexts.push(context);
    return context.newPage();
  };
}

/** A screen's serious or critical accessibility violations, one line each (empty when none). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join('; ')})`,
    );
}

/** Saves a full-page screenshot of the screen as test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The check every screen passes: no serious or critical accessibility violation; and its screenshot. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ screen: name, violations: await accessibilityViolations(page) }).toEqual({
    screen: name,
    violations: [],
  });
}

/**
 * Signs in on the demo identity provider's page, where the app sent the browser, and waits to be
 * back in the app at `back`.
 */
export async function signIn(page: Page, user: string, password: string, back: RegExp): Promise<void> {
  await page.locator('input[name="user"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(back);
}
