/**
 * The on-site inspection on a phone (390 px wide): from the workbench to the case, photos taken
 * into the case's evidence with their SHA-256 shown, and the 现场检查（勘验）笔录 filled in one
 * column and saved complete — with nothing wider than the screen.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, PHONE, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { date, field, selectField, type } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';
let photo: Buffer;

/** Nothing on the page is wider than the phone's screen. */
const fitsTheScreen = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

const step = flowSteps(() => page);

beforeAll(async () => {
  server = await startE2eServer();
  caseId = (await seedCase(server.url, { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username })).id;
  browser = await openBrowser(server.url);
  page = browser.page;
  // A photo: a picture of a shelf label, rendered and captured as PNG.
  await page.setContent(
    '<div style="width:320px;height:240px;background:#c9e3c1;font:28px sans-serif;padding:20px">货架 · 预包装食品</div>',
  );
  photo = await page.locator('div').screenshot();
  await page.setViewportSize(PHONE);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('现场检查 on a phone at 390 px', () => {
  step('the officer reaches the case from the workbench on the phone', async () => {
    await login(page, PEOPLE.officer.username);
    await page.getByTestId('case-row').first().getByRole('link').click();
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('investigation');
    expect(await fitsTheScreen()).toBe(true);
    await page.getByTestId('go-inspection').click();
    await page.getByTestId('inspection-page').waitFor();
    await field(page, 'place').waitFor();
  });

  step('takes a photo into the evidence, its hash shown', async () => {
    const sha256 = createHash('sha256').update(photo).digest('hex');
    await page
      .getByTestId('attachments')
      .locator('input[type=file]')
      .setInputFiles({ name: '货架照片.png', mimeType: 'image/png', buffer: photo });
    const item = page.locator(`[data-testid="attachment"][data-sha256="${sha256}"]`);
    await item.waitFor();
    await expect(item.getByTestId('sha256').textContent()).resolves.toContain(sha256);
    await expect(item.locator('img').getAttribute('alt')).resolves.toBe('货架照片.png');
  });

  step('fills the inspection record in one column and saves it complete', async () => {
    await expect(field(page, 'partyName').inputValue()).resolves.toBe('天津滨海某某超市有限公司');
    await expect(field(page, 'inspectors').inputValue()).resolves.toContain(PEOPLE.officer.displayName);
    await date(page, 'startedAt', '2026-06-01 09:30');
    // 出示执法证件、告知回避: unset until the officer confirms them (第四十三条、第五十五条).
    for (const confirmation of ['identityShown', 'avoidanceInformed']) {
      await expect(field(page, confirmation).getAttribute('aria-checked')).resolves.toBe('false');
      await field(page, confirmation).click();
      await expect(field(page, confirmation).getAttribute('aria-checked')).resolves.toBe('true');
    }
    await type(page, 'place', '天津市滨海新区塘沽街道某某路8号 当事人经营场所');
    await type(page, 'presentPerson', '刘某某');
    await type(page, 'presentPersonTitle', '法定代表人');
    await type(page, 'recorder', PEOPLE.second.displayName);
    await type(page, 'findings', '当事人经营场所货架陈列预包装食品三十余种，现场未能出示食品经营许可证。');
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'item', '货架照片');
    await type(page, 'quantity', '1张');
    await selectField(page, 'method', '拍照');
    await type(page, 'presentPersonSignature', '刘某某');
    await type(page, 'inspectorSignatures', '李明、王强');
    expect(await fitsTheScreen()).toBe(true);
    // The end time last, typed without Enter or 确定, and saved at once.
    await date(page, 'endedAt', '2026-06-01 10:15', { enter: false });
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/documents/'));
    await page.getByTestId('inspection-save').click();
    const res = await put;
    expect(res.status()).toBe(200);
    const saved = (await res.json()) as { missing: unknown[]; data: Record<string, unknown> };
    expect(saved.missing).toEqual([]);
    expect(saved.data.startedAt).toMatch(/^2026-06-01T09:30:00\+08:00$/);
    // Typed without Enter or 确定, the end time counts all the same.
    expect(saved.data.endedAt).toMatch(/^2026-06-01T10:15:00\+08:00$/);
    expect(saved.data.evidenceTaken).toEqual([{ item: '货架照片', quantity: '1张', method: '拍照' }]);
    await page.getByTestId('doc-complete').waitFor();
    await shot(page, 'phone-inspection');
  });

  step('the case shows the photo in its evidence and the record among its documents', async () => {
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('tab', { name: '证据' }).click();
    await page.getByTestId('attachment').first().waitFor();
    expect(await fitsTheScreen()).toBe(true);
    await shot(page, 'phone-evidence');
    await page.getByRole('tab', { name: '文书' }).click();
    await expect(page.locator('[data-form="on-site-inspection-record"]').textContent()).resolves.toContain('草稿');
    expect(browser.errors).toEqual([]);
  });
});
