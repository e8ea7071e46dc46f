/**
 * Several packs in one copy, in a real browser (#14): the province's system administrator reads
 * the dry run of 石家庄市's pack for the city's subtree and activates it there; an officer of the
 * city's 长安区 then finds the city's own matter when opening a case, while an officer of 保定市
 * still works under the province's pack and does not. Screenshots desk-packs*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { PROVINCE_PEOPLE, startProvinceServer } from './support/province.ts';
import type { E2eServer } from './support/server.ts';

const CITY_MATTER = '130100-SCJ-CF-0001-01';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  server = await startProvinceServer();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const step = flowSteps(() => page);

describe.sequential('a city’s own pack in a province’s copy', () => {
  step(
    'the system administrator sees the versions: the province’s for the whole copy, the city’s not active',
    async () => {
      await login(page, PROVINCE_PEOPLE.admin.username);
      await page.getByRole('menuitem', { name: '配置包' }).click();
      await page.getByTestId('packs-page').waitFor();
      const city = page.locator('tr[data-pack="he-shijiazhuang@0.1.0"]');
      await expect(city.textContent()).resolves.toContain('未启用');
      await expect(page.locator('tr[data-pack="he-hebei@1.0.0"]').textContent()).resolves.toContain('全系统启用');
      await shot(page, 'desk-packs');
    },
  );

  step('reads the dry run for 石家庄市 and its subtree, then activates it there', async () => {
    await page.locator('tr[data-pack="he-shijiazhuang@0.1.0"] [data-testid="pack-preview"]').click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByTestId('pack-summary').waitFor();
    await drawer.locator('[data-testid="pack-scope"]').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '130100-GOV' }).click();
    // The report for the subtree: against the province's version, the city's matter added.
    await drawer.getByText('he-hebei@1.0.0').waitFor();
    await expect(drawer.getByTestId('pack-refused').count()).resolves.toBe(0);
    // Items added, changed and removed against it (the city's matters among the added).
    await expect(drawer.getByTestId('pack-summary').textContent()).resolves.toMatch(/^[1-9]\d* \/ \d+ \/ \d+$/);
    await drawer.getByText('权责清单事项').first().waitFor();
    await shot(page, 'desk-packs-report');
    await drawer.getByTestId('pack-activate').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await drawer.getByTestId('pack-activated').waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.locator('tr[data-activation="130100-GOV"]').waitFor();
    await expect(page.locator('tr[data-pack="he-shijiazhuang@0.1.0"]').textContent()).resolves.toContain(
      '为 130100-GOV 启用',
    );
    await shot(page, 'desk-packs-activated');
  });

  step('an officer of 长安区 opens a case on the city’s own matter', async () => {
    await login(page, PROVINCE_PEOPLE.city.username);
    await page.getByRole('menuitem', { name: '立案' }).click();
    await page.locator('input[data-testid=matter-search]').fill(CITY_MATTER);
    await page.locator('input[data-testid=matter-search]').press('Enter');
    await page.locator(`[data-code="${CITY_MATTER}"]`).click();
    await page.getByTestId('matter-card').waitFor();
    const active = await page.request.get('/api/v1/packs/active');
    expect(await active.json()).toMatchObject({ id: 'he-shijiazhuang', org: '130100-GOV' });
  });

  step('an officer of 保定市 still works under the province’s pack, without that matter', async () => {
    await login(page, PROVINCE_PEOPLE.other.username);
    const active = await page.request.get('/api/v1/packs/active');
    expect(await active.json()).toMatchObject({ id: 'he-hebei', org: null });
    expect((await page.request.get(`/api/v1/matters/${CITY_MATTER}`)).status()).toBe(404);
  });
});
