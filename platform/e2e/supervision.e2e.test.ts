/**
 * 执法统计 in a real browser against a real platform: the centre's supervisor (执法监督人员, 区司法局)
 * opens 执法监督 and sees the first screen — records by kind, 履职率, 参与率, 人均办案率, a chart
 * with the table beside it — then drills from the district to the 区市场监管局, its unit, its
 * officer and the officer's cases, and opens a case; exports the table to Excel (read back with
 * exceljs); a department head with sector supervision sees own bureau and the development zones'
 * market bureaus, not the 区生态环境局; the page in English. Screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { createUser } from '../src/users.ts';
import { apiAs, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot, shotBoth } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';

const SUPERVISOR = { username: 'jian.supervisor', displayName: '简监督', orgCode: '120116-SFJ', roles: ['supervisor'] };
const SECTOR_HEAD = {
  username: 'zhao.sector',
  displayName: '赵行业',
  orgCode: '120116-SCJ',
  roles: ['department-head', 'sector-supervisor'],
};
const STJ_OFFICERS = [
  { username: 'ma.officer', displayName: '马超', orgCode: '120116-STJ', roles: ['officer'], certificateNo: 'STJ1' },
  { username: 'huang.officer', displayName: '黄磊', orgCode: '120116-STJ', roles: ['officer'], certificateNo: 'STJ2' },
];

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let opened: { id: string; number: string }[] = [];

const step = flowSteps(() => page);
const row = (key: string) => page.locator(`[data-testid="statistics-row"][data-key="${key}"]`);
const atLevel = (level: string) => page.locator(`[data-testid="statistics"][data-level="${level}"]`).waitFor();

beforeAll(async () => {
  server = await startE2eServer();
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  for (const u of [SUPERVISOR, SECTOR_HEAD]) await createUser(db, { ...u, password: PASSWORD });
  for (const u of STJ_OFFICERS) await createUser(db, { ...u, password: PASSWORD, certificateValidUntil: '2030-12-31' });
  db.$client.close();
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  opened = [await seedCase(server.url, people, true), await seedCase(server.url, people, false)];
  // One case of the 区生态环境局, opened by its two officers.
  const ma = await apiAs(server.url, 'ma.officer');
  const colleagues = await ma.get<{ items: { id: string }[] }>('/colleagues');
  await ma.post('/cases', {
    matter: '120116-STJ-CF-0001-01',
    party: { kind: 'person', name: '张某', idNumber: '11010519491231002X' },
    violationDate: '2026-06-01',
    officers: colleagues.items.map((c) => c.id),
    facts: {},
  });
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('执法统计 with drill-down', () => {
  step('the supervisor sees the first screen: records by kind, the rates, a chart beside the table', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByRole('menuitem', { name: '执法监督' }).click();
    await page.getByTestId('supervision').waitFor();
    await atLevel('district');
    const district = row('120116-GOV');
    await district.waitFor();
    await expect(district.textContent()).resolves.toContain('天津市滨海新区人民政府');
    await expect(page.getByTestId('figure-cases').textContent()).resolves.toContain('3');
    await expect(page.getByTestId('records-by-kind').textContent()).resolves.toContain('行政处罚');
    await expect(page.getByTestId('figure-performanceRate').textContent()).resolves.toContain('履职率');
    await expect(page.getByTestId('figure-participationRate').textContent()).resolves.toMatch(/参与率\s*\d/);
    await expect(page.getByTestId('figure-casesPerOfficer').textContent()).resolves.toContain('人均办案率');
    await page.locator('[data-testid="statistics-chart"] svg').first().waitFor();
    await expect(page.getByTestId('statistics-as-of').textContent()).resolves.toContain('统计时间');
    await shotBoth(page, 'supervision-statistics');
  });

  step('drills district → subject → unit → officer → cases, and opens a case', async () => {
    await row('120116-GOV').click();
    await atLevel('subject');
    const scj = row('120116-SCJ');
    await scj.waitFor();
    await expect(scj.textContent()).resolves.toMatch(/天津市滨海新区市场监督管理局\s*2/);
    await expect(row('120116-STJ').textContent()).resolves.toContain('1');
    await shot(page, 'desk-supervision-subjects');
    await scj.click();
    await atLevel('unit');
    await row('120116-SCJ').click();
    await atLevel('officer');
    const officer = page.locator('[data-testid="statistics-row"]').filter({ hasText: PEOPLE.officer.displayName });
    await expect(officer.textContent()).resolves.toContain('2');
    await officer.click();
    await atLevel('cases');
    const list = page.getByTestId('statistics-cases');
    for (const c of opened) await list.locator(`[data-case="${c.id}"]`).waitFor();
    await expect(page.getByTestId('statistics-breadcrumb').textContent()).resolves.toContain(
      '天津市滨海新区市场监督管理局',
    );
    await shotBoth(page, 'supervision-cases');
    // Back up the breadcrumb to the subjects, then down to a case.
    await page.getByTestId('crumb-1').click();
    await atLevel('subject');
    await page.getByTestId('crumb-4').waitFor({ state: 'detached' });
    await page.getByTestId('crumb-0').click();
    await atLevel('district');
    await row('120116-GOV').click();
    await row('120116-SCJ').click();
    await row('120116-SCJ').click();
    await page.locator('[data-testid="statistics-row"]').filter({ hasText: PEOPLE.officer.displayName }).click();
    const first = opened[0] as { id: string; number: string };
    await page.getByTestId('statistics-cases').getByRole('link', { name: first.number }).click();
    await page.getByTestId('case-page').waitFor();
    expect(page.url()).toContain(`/cases/${first.id}`);
  });

  step('groups by power type and by month, and exports the table to Excel', async () => {
    await page.goto('/supervision');
    await atLevel('district');
    await page.getByTestId('statistics-group-by').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '按职权类别' }).click();
    await atLevel('powerType');
    await row('CF').waitFor();
    await expect(row('CF').textContent()).resolves.toContain('3');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('statistics-export').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[])[1]).toBe('执法统计');
    const texts = Array.from({ length: 12 }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1).join('|'));
    expect(texts).toContain('分组|按职权类别');
    expect(texts.some((t) => t.startsWith('行政处罚|3|'))).toBe(true);
  });

  step('a department head with sector supervision sees own bureau and the zones’ market bureaus only', async () => {
    await login(page, SECTOR_HEAD.username);
    await page.goto('/supervision');
    await atLevel('district');
    await page.getByTestId('statistics-group-by').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '按执法主体' }).click();
    await atLevel('subject');
    await row('120116-SCJ').waitFor();
    await row('120116-TEDA-SCJ').waitFor();
    await expect(row('120116-STJ').count()).resolves.toBe(0);
    await expect(page.getByTestId('figure-cases').textContent()).resolves.toContain('2');
    await shot(page, 'desk-supervision-sector');
  });

  step('the statistics in English', async () => {
    await login(page, SUPERVISOR.username);
    await page.goto('/supervision');
    await atLevel('district');
    await page.getByText('EN', { exact: true }).click();
    await expect(page.getByTestId('statistics').textContent()).resolves.toContain('Enforcement statistics');
    await expect(page.getByTestId('statistics-figures').textContent()).resolves.toContain('Officer participation');
    await expect(page.getByTestId('records-by-kind').textContent()).resolves.toContain('Administrative penalty');
    await shot(page, 'desk-en-supervision-statistics');
    await page.getByText('中', { exact: true }).click();
  });
});
