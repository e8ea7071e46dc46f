/**
 * 数据报送 in a real browser against a real platform over the demo database (`yifa demo`, played
 * through the API): the supervision centre's supervisor opens 数据报送, chooses the 双公示
 * 行政处罚 format, previews the decided case's row with its problems, and exports the .xlsx (read
 * back with exceljs); the screen in English. Screenshots docs/screenshots/exchange-penalty.png and
 * exchange-penalty-en.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startServer } from '../src/cli/serve.ts';
import { openDb } from '../src/db/client.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createUser } from '../src/users.ts';
import { binhaiBundle, PASSWORD } from '../test/harness.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { ensureAppBuilt } from './support/build.ts';
import { select } from './support/ui.ts';

const SUPERVISOR = { username: 'ex.supervisor', displayName: '简报送', orgCode: '120116-SFJ', roles: ['supervisor'] };

let server: { url: string; close(): Promise<void> };
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const step = flowSteps(() => page);

beforeAll(async () => {
  ensureAppBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'yifa-e2e-exchange-'));
  const databaseUrl = `file:${join(dir, 'yifa.db')}`;
  process.env.YIFA_FILES_DIR = join(dir, 'files');
  const db = await openDb(databaseUrl);
  await seedDemo(db, { bundle: binhaiBundle(), actor: 'e2e' });
  await createUser(db, { ...SUPERVISOR, password: PASSWORD });
  db.$client.close();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    alertIntervalMinutes: 0,
    backgroundTasks: false,
  });
  browser = await openBrowser(server.url);
  page = browser.page;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('数据报送', () => {
  step('the supervisor previews the 双公示 行政处罚 rows of the demo, with their problems', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByRole('menuitem', { name: '数据报送' }).click();
    await page.getByTestId('exchange-page').waitFor();
    await select(page, page.getByTestId('exchange-format'), '双公示·行政处罚信息');
    await expect(page.getByTestId('exchange-standard').textContent()).resolves.toContain('信用中国');
    await page.getByTestId('exchange-preview').click();
    const rows = page.locator('[data-testid="exchange-rows"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    const text = (await rows.first().textContent()) ?? '';
    expect(text).toContain('天津某某餐饮管理有限公司');
    expect(text).toMatch(/津滨市监罚〔\d{4}〕\d{4}号/);
    expect(text).toContain('法人及非法人组织');
    expect(text).toContain('处罚机关统一社会信用代码：必填项为空');
    await shot(page, 'exchange-penalty');
  });

  step('exports the .xlsx: the header row of the column names and the row as previewed', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exchange-xlsx').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['行政相对人名称', '行政相对人类别']);
    expect((ws.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['天津某某餐饮管理有限公司', '法人及非法人组织']);
  });

  step('the screen in English: headers by the columns’ English names, the data as written', async () => {
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).click();
    await page.getByRole('heading', { name: 'Data exchange · export' }).waitFor();
    await select(page, page.getByTestId('exchange-format'), 'Double publicity: administrative penalty information');
    await page.getByTestId('exchange-preview').click();
    const header = page.locator('[data-testid="exchange-rows"] thead');
    await header.getByText('Name of the party', { exact: true }).waitFor();
    const text =
      (await page.locator('[data-testid="exchange-rows"] tbody tr.ant-table-row').first().textContent()) ?? '';
    expect(text).toContain("Penalising agency's unified social credit code: a required value is empty");
    await expect(page.getByTestId('exchange-standard').textContent()).resolves.toContain('Derived');
    await shot(page, 'exchange-penalty-en');
    expect(browser.errors).toEqual([]);
  });
});
