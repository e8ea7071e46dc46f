/**
 * Legal affairs on the same screens: the 法制业务 staff of the justice bureau open a 行政复议 case
 * from the same open-case screen (the matter's own facts, no penalties), and its case page shows
 * the reconsideration workflow, its documents and its deadlines from the pack.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureShot, login, openBrowser, shotBoth } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { item, select } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('行政复议 on the officer screens', () => {
  it('opens a reconsideration case and shows its workflow, documents and deadlines', { timeout: 120_000 }, async () => {
    try {
      await login(page, PEOPLE.legal.username);
      await page.getByRole('menuitem', { name: '立案' }).click();
      await page.locator('input[data-testid=matter-search]').fill('行政复议');
      await page.locator('input[data-testid=matter-search]').press('Enter');
      await page.locator('[data-code="legal-reconsideration"]').click();
      await page.getByTestId('matter-card').waitFor();
      await expect(page.getByTestId('officers').count()).resolves.toBe(0);
      await expect(item(page, '拟罚款金额').count()).resolves.toBe(0);
      await page.getByText('个人', { exact: true }).click();
      await item(page, '姓名').locator('input').fill('马某某');
      await item(page, '居民身份证号码').locator('input').fill('11010519491231002X');
      await item(page, '联系电话').locator('input').fill('13920087766');
      await item(page, '被申请人').locator('input').fill('天津市滨海新区城市管理委员会');
      await select(page, item(page, '被申请复议的行政行为类别').locator('.ant-select'), '行政处罚');
      await item(page, '行政行为文号').locator('input').fill('津滨城管罚〔2026〕0157号');
      await item(page, '知道或者应当知道该行政行为之日').locator('input').fill('2026-11-20');
      await page.getByTestId('open-submit').click();
      await page.getByTestId('case-page').waitFor();
      await expect(page.getByTestId('case-header').textContent()).resolves.toContain('法制业务');
      await expect(page.getByTestId('case-number').textContent()).resolves.toMatch(/〔\d{4}〕\d{4}号$/);
      await expect(page.getByRole('tab', { name: '裁量' }).count()).resolves.toBe(0);
      await expect(page.getByTestId('procedure-facts').textContent()).resolves.toContain('被申请人');
      await page.getByRole('tab', { name: '文书' }).click();
      await expect(page.getByTestId('documents').textContent()).resolves.toContain('行政复议决定书');
      await shotBoth(page, 'legal-affairs-case');
      expect(browser.errors).toEqual([]);
    } catch (e) {
      await failureShot(page, 'legal-affairs');
      throw e;
    }
  });
});
