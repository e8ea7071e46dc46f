/**
 * Debian's chromium driven by playwright-core (launch flags of stack.md §8), in a new empty
 * user-data-dir per test file; helpers to sign in, switch desk and phone widths, and write
 * screenshots to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { it } from 'vitest';
import { PASSWORD } from './server.ts';

/** Where screenshots go. */
export const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** Desk and phone viewports. */
export const DESK = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];

/** A browser with one page, its console errors collected. */
export async function openBrowser(baseURL: string) {
  const context: BrowserContext = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'yifa-chromium-')),
    {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ARGS,
      viewport: DESK,
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  // Waits are for states, and a state can be slow to come on a loaded 2-core machine (CI runs two
  // test files beside the browser): 30 s before a wait fails, which a passing step never spends.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors, close: () => context.close() };
}

/** Signs in through the login page (signing out whoever was signed in). */
export async function login(page: Page, username: string): Promise<void> {
  await page.evaluate('sessionStorage.clear()').catch(() => undefined);
  await page.context().clearCookies();
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** Writes a PNG of the page (full page) to docs/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Settle: spinners gone, images and the print preview's frame loaded.
  // Locators and plain evaluation only: the app's Content-Security-Policy (no eval) refuses the
  // string predicates waitForFunction evaluates in the page.
  await page
    .locator('.ant-spin-spinning, .ant-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  for (const img of await page.locator('img').all())
    await img.evaluate((i) => (i as unknown as { decode(): Promise<void> }).decode()).catch(() => undefined);
  await page.waitForTimeout(400);
  // Full-page shots with the sticky header at the top and a sticky save bar at the foot, where a
  // reader expects them: the page is shot in a viewport as tall as itself (a full-page capture of
  // a phone-high viewport would draw the save bar over the middle of the form).
  await page.evaluate('window.scrollTo(0, 0)');
  const viewport = page.viewportSize();
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/** A screenshot of a failed test, outside the docs (in the temp folder), for looking into it. */
export async function failureShot(page: Page | undefined, test: string): Promise<void> {
  const file = join(tmpdir(), `yifa-e2e-failed-${test.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60)}.png`);
  await page?.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  process.stderr.write(`screenshot of the failure: ${file}\n`);
}

/** Screenshots of the same screen on a desk and on a phone (390 px): desk-<name>.png and phone-<name>.png. */
export async function shotBoth(page: Page, name: string): Promise<void> {
  await shot(page, `desk-${name}`);
  await page.setViewportSize(PHONE);
  await shot(page, `phone-${name}`);
  await page.setViewportSize(DESK);
  await page.waitForTimeout(200);
}

/**
 * The steps of one browser flow, each building on the one before: after a failure the rest are
 * skipped (the failing step still fails the run), and the failure leaves a screenshot. A step
 * that must render a very large screen on a busy machine may be given a longer timeout.
 */
export function flowSteps(page: () => Page | undefined) {
  let failed = false;
  return (name: string, fn: () => Promise<void>, timeout = 120_000) =>
    it(name, { timeout }, async (ctx) => {
      if (failed) ctx.skip();
      try {
        await fn();
      } catch (e) {
        failed = true;
        await failureShot(page(), name);
        throw e;
      }
    });
}
