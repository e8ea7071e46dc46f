/**
 * 三员分立 in a real browser: the system administrator creates an account and the security
 * administrator gives it a role (over the API, as their screens do); the audit administrator signs
 * in, lands on the audit log, finds both by person and by action, opens what an event recorded,
 * exports the filtered events (the export is recorded in turn), verifies the chain on screen, and
 * is refused an account creation on the server and offered no way to it on the screen. Then the
 * system administrator's bulk import: a sheet with one bad row is checked and refused as a whole,
 * each row reported; the corrected sheet imports, and the new accounts' passwords show once.
 * Last, the system administrator changes their password from the user menu, refused first on the
 * field at fault. Screenshots: docs/screenshots/admin-audit*.png, admin-import*.png, password-refused.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { OFFICER_COLUMNS } from '../src/admin/officer-sheet.ts';
import { binhaiBundle } from '../test/harness.ts';
import { apiAs } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { audit } from './support/language.ts';
import { type E2eServer, PASSWORD, startSeededServer } from './support/server.ts';

const SYS = { username: 'wang.sysadmin', displayName: '王系统', orgCode: '120116-GOV', roles: ['system-admin'] };
const SEC = { username: 'zhao.secadmin', displayName: '赵安全', orgCode: '120116-GOV', roles: ['security-admin'] };
const AUDITOR = { username: 'shen.auditor', displayName: '沈审计', orgCode: '120116-GOV', roles: ['audit-admin'] };

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const step = flowSteps(() => page);

/** The rows of the audit table now shown, as their actions. */
const shownActions = async () =>
  page
    .getByTestId('audit-events')
    .locator('tr[data-action]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));

/** Types the person and picks the action, then searches; waits for the table to show exactly that action. */
async function filter(person: string, action: string) {
  await page.getByTestId('audit-person').fill(person);
  await page.getByTestId('audit-action').click();
  await page.keyboard.type(action);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .locator(`.ant-select-item-option[title="${action}"]`)
    .click();
  await page.getByTestId('audit-search').click();
  await page.getByTestId('audit-events').locator(`tr[data-action="${action}"]`).first().waitFor();
  await page
    .getByTestId('audit-events')
    .locator(`tr[data-action]:not([data-action="${action}"])`)
    .first()
    .waitFor({ state: 'detached' });
}

/** An officers' sheet with the template's headers and these rows, written to the server's temp folder. */
async function sheetFile(name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('officers');
  ws.addRow(OFFICER_COLUMNS.map((c) => `${c.zh} / ${c.en}`));
  for (const r of rows) ws.addRow(r);
  const file = join(server.dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

beforeAll(async () => {
  // A checkpoint every few events, so the screen has one to show and compare the chain with.
  process.env.YIFA_AUDIT_CHECKPOINT_EVERY = '4';
  server = await startSeededServer([binhaiBundle()], [SYS, SEC, AUDITOR]);
  browser = await openBrowser(server.url);
  page = browser.page;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the audit administrator', () => {
  step('the system administrator creates an account and the security administrator gives it a role', async () => {
    const sys = await apiAs(server.url, SYS.username);
    await sys.post('/admin/accounts', {
      username: 'chen.jing',
      displayName: '陈静',
      orgCode: '120116-SCJ',
      password: `${PASSWORD}-new`,
    });
    const sec = await apiAs(server.url, SEC.username);
    await sec.put('/admin/accounts/chen.jing/roles', { roles: ['officer'] });
  });

  step('lands on the audit log, with no workbench', async () => {
    await login(page, AUDITOR.username);
    await page.getByTestId('audit-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/audit');
    await page.getByTestId('audit-events').locator('tr[data-action]').first().waitFor();
    const nav = await page.locator('.ant-layout-header .ant-menu-item').allInnerTexts();
    expect(nav).toEqual(['审计日志']);
    await page.getByTestId('audit-checkpoint').and(page.locator('[data-state]')).waitFor();
    await shot(page, 'admin-audit');
  });

  step('finds the system administrator’s account creation by person and action', async () => {
    await filter(SYS.username, 'user.create');
    expect(await shownActions()).toEqual(['user.create']);
    const row = page.getByTestId('audit-events').locator('tr[data-action="user.create"]');
    await expect(row.textContent()).resolves.toContain('王系统');
    await expect(row.textContent()).resolves.toContain('陈静');
  });

  step('finds the security administrator’s role grant, and opens what it recorded', async () => {
    await filter(SEC.username, 'user.roles-set');
    expect(await shownActions()).toEqual(['user.roles-set']);
    await page
      .getByTestId('audit-events')
      .locator('tr[data-action="user.roles-set"] .ant-table-row-expand-icon')
      .click();
    const details = page.getByTestId('audit-events').locator('.ant-table-expanded-row');
    await details.getByText('"officer"').waitFor();
    await shot(page, 'admin-audit-filtered');
  });

  step('exports the filtered events, and the export is itself in the log', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const file = join(server.dir, 'audit-export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const rows: unknown[][] = [];
    wb.worksheets[0]?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows.slice(header + 1).map((r) => r[4])).toEqual(['user.roles-set']);
    const auditor = await apiAs(server.url, AUDITOR.username);
    const exports = await auditor.get<{ items: { after: { filters: Record<string, string> } }[] }>(
      '/admin/audit/events?action=audit.export',
    );
    expect(exports.items[0]?.after.filters).toEqual({ person: SEC.username, action: 'user.roles-set' });
  });

  step('verifies the chain on screen', async () => {
    await page.getByTestId('audit-verify').click();
    const verdict = page.getByTestId('audit-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    await expect(verdict.textContent()).resolves.toContain('审计链完整');
    await expect(verdict.textContent()).resolves.toMatch(/与检查点（第 \d+ 号记录/);
    expect(await page.getByTestId('audit-checkpoint').getAttribute('data-state')).toBe('signed');
    await shot(page, 'admin-audit-verified');
  });

  step('reads as it should in English and in Chinese', async () => {
    expect(await audit(page, 'zh', 'audit log')).toEqual([]);
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).click();
    await page.getByText('Audit log', { exact: true }).first().waitFor();
    expect(await audit(page, 'en', 'audit log')).toEqual([]);
    await shot(page, 'admin-audit-en');
    await page.locator('.ant-segmented-item').filter({ hasText: '中' }).click();
    await page.getByText('审计日志', { exact: true }).first().waitFor();
  });

  step('is refused an account creation on the server and offered none on the screen', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: AUDITOR.username, password: PASSWORD }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const create = await fetch(`${server.url}/api/v1/admin/accounts`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'sneaky',
        displayName: '某人',
        orgCode: '120116-SCJ',
        password: `${PASSWORD}-x`,
      }),
    });
    expect(create.status).toBe(403);
    expect(((await create.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    // No way to it: no menu entry, and the audit screen has no button that writes.
    const nav = await page.locator('.ant-layout-header .ant-menu-item').allInnerTexts();
    expect(nav.some((n) => /账号|导入|角色/.test(n))).toBe(false);
    expect(await page.getByTestId('account-create').count()).toBe(0);
    expect(await page.getByTestId('import-apply').count()).toBe(0);
  });
});

describe('the bulk import of officers', () => {
  step('checks a sheet with one bad row and refuses it whole, row by row', async () => {
    await login(page, SYS.username);
    await page.goto('/admin/import');
    await page.getByTestId('import-page').waitFor();
    const bad = await sheetFile('officers-bad.xlsx', [
      ['liu.yang', '刘洋', '120116-SCJ', 'officer', '12011620265002', '2031-06-30', '否'],
      ['sun.li', '孙丽', 'NO-SUCH-ORG', 'officer'],
    ]);
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-check').click();
    const refused = page.getByTestId('import-report').locator('tr[data-status="refused"]');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('没有机构 NO-SUCH-ORG');
    await page.getByTestId('import-ignored').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('error-alert').getByText('1 行有误，全部未导入').waitFor();
    await shot(page, 'admin-import-refused');
    const sys = await apiAs(server.url, SYS.username);
    const accounts = await sys.get<{ items: { username: string }[] }>('/admin/accounts?q=liu.yang');
    expect(accounts.items).toEqual([]);
  });

  step('imports the corrected sheet and shows the new accounts’ passwords once', async () => {
    const good = await sheetFile('officers-good.xlsx', [
      ['liu.yang', '刘洋', '120116-SCJ', 'officer', '12011620265002', '2031-06-30', '否'],
      ['sun.li', '孙丽', '120116-SCJ', 'officer'],
    ]);
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-result').getByText('已导入 2 行').waitFor();
    const passwords = page.getByTestId('import-passwords');
    await passwords.waitFor();
    await expect(passwords.textContent()).resolves.toContain('liu.yang');
    await shot(page, 'admin-import');
  });
});

describe('changing one’s password', () => {
  step(
    'from the user menu: a wrong current password and a weak new one are refused on their fields, then it changes',
    async () => {
      await page.getByTestId('user-menu').hover();
      await page.getByRole('menuitem', { name: '修改密码' }).click();
      await page.getByTestId('password-page').waitFor();
      const fill = async (current: string, next: string, repeat = next) => {
        await page.getByTestId('password-current').fill(current);
        await page.getByTestId('password-next').fill(next);
        await page.getByTestId('password-repeat').fill(repeat);
        await page.getByTestId('password-submit').click();
      };
      await fill('not-my-password', 'Zhifa#2027-next');
      await page.locator('.ant-form-item-explain-error').getByText('当前密码不正确').waitFor();
      await fill(PASSWORD, 'short');
      await page.locator('.ant-form-item-explain-error').getByText('密码至少').waitFor();
      await shot(page, 'password-refused');
      await fill(PASSWORD, 'Zhifa#2027-next', 'Zhifa#2027-other');
      await page.locator('.ant-form-item-explain-error').getByText('两次输入的新密码不一致').waitFor();
      await fill(PASSWORD, 'Zhifa#2027-next');
      await page.getByTestId('password-done').waitFor();
      const signIn = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: SYS.username, password: 'Zhifa#2027-next' }),
      });
      expect(signIn.status).toBe(200);
    },
  );
});
