/**
 * The studio at /studio (#14, first slice), as an implementer uses it: signed in with the
 * platform's session, the active pack's kinds with counts, a search across every kind, and an
 * item that Binhai overrides shown with its layer of origin and each overridden field beside the
 * national value; in Chinese, then in English. A user without pack.author is refused.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { flowSteps, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newest(path: string): number {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the studio unless studio/dist is newer than its sources (before the server starts: it mounts what exists). */
function ensureStudioBuilt(): void {
  const sources = ['studio/src', 'studio/index.html', 'studio/vite.config.ts'].map((s) => newest(join(ROOT, s)));
  if (newest(join(ROOT, 'studio/dist/index.html')) > Math.max(...sources)) return;
  execFileSync('npm', ['run', 'build', '-w', '@yifa/studio'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const step = flowSteps(() => page);

async function signIn(username: string) {
  await page.context().clearCookies();
  await page.goto('/studio/');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-in').click();
}

beforeAll(async () => {
  ensureStudioBuilt();
  server = await startE2eServer();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('the studio: an implementer explores the active pack', () => {
  step('an officer signed in to the studio is refused: no pack.author', async () => {
    await signIn(PEOPLE.officer.username);
    await page.getByTestId('no-permission').waitFor();
    await expect(page.getByTestId('no-permission').textContent()).resolves.toContain('pack.author');
    await expect(page.getByTestId('kind-list').count()).resolves.toBe(0);
  });

  step('the implementer sees the active pack, its layers and every kind with its count', async () => {
    await signIn(PEOPLE.implementer.username);
    await page.getByTestId('kind-list').waitFor();
    await expect(page.getByTestId('pack').textContent()).resolves.toContain('tj-binhai@1.0.0');
    const row = page.locator('[data-testid="kind-list"] tr', { has: page.locator('[data-kind="role"]') });
    await expect(row.locator('[data-kind="role"]').textContent()).resolves.toBe('角色');
    // cn-national's roles, the implementer's among them.
    expect(Number(await row.locator('[data-count]').textContent())).toBeGreaterThanOrEqual(11);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await shot(page, 'desk-studio-kinds');
  });

  step('a kind lists its items with their layer of origin', async () => {
    await page.locator('[data-kind="condition"]').click();
    await page.getByTestId('kind-items').waitFor();
    const row = page.locator('[data-testid="kind-items"] tr', {
      has: page.locator('[data-item="condition/needs-legal-review"]'),
    });
    await expect(row.textContent()).resolves.toContain('cn-national');
    await expect(row.textContent()).resolves.toContain('已被覆盖');
  });

  step('a search by name finds items across kinds', async () => {
    await page.getByTestId('search').locator('input').fill('法制审核');
    await page.getByTestId('search').locator('input').press('Enter');
    await page.getByTestId('search-results').waitFor();
    await page.locator('[data-item="condition/needs-legal-review"]').waitFor();
    const kinds = await page
      .locator('[data-testid="search-results"] [data-item]')
      .evaluateAll((links) => links.map((a) => (a.getAttribute('data-item') ?? '').split('/')[0]));
    expect(new Set(kinds).size).toBeGreaterThan(1);
    await expect(page.getByTestId('total').textContent()).resolves.toMatch(/共 \d+ 条/);
    await shot(page, 'desk-studio-search');
  });

  step('the item shows its layer of origin and what Binhai overrides beside the national value', async () => {
    await page.locator('[data-item="condition/needs-legal-review"]').click();
    await page.getByTestId('item-page').waitFor();
    await expect(page.getByTestId('origin').getAttribute('data-pack')).resolves.toBe('cn-national');
    const binhai = page.locator('[data-override="tj-binhai"]');
    const nameRow = binhai.locator('tr', { has: page.locator('code', { hasText: /^\/name$/ }) });
    await expect(nameRow.locator('[data-base]').textContent()).resolves.toBe('应当进行法制审核');
    await expect(nameRow.locator('[data-value]').textContent()).resolves.toBe(
      '应当进行法制审核（滨海新区：普通程序必经）',
    );
    await expect(page.getByTestId('item-json').textContent()).resolves.toContain('needs-legal-review');
    expect(page.url()).toContain('/studio/items/condition/needs-legal-review');
    await shot(page, 'desk-studio-item');
  });

  step('in English: the same page, the kinds by their English names; the choice survives a reload', async () => {
    await page.getByTestId('language').click();
    await page.getByText('Layer of origin', { exact: true }).first().waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.reload();
    await page.getByTestId('item-page').waitFor();
    await expect(page.getByTestId('origin').textContent()).resolves.toContain('Added by');
    await shot(page, 'desk-studio-item-en');
    await page.goto('/studio/');
    await page.locator('[data-kind="role"]').waitFor();
    await expect(page.locator('[data-kind="role"]').textContent()).resolves.toBe('Role');
  });

  step('no page error and nothing the Content-Security-Policy refused', async () => {
    expect(browser.errors).toEqual([]);
  });
});
