/**
 * 考核评议 in a real browser against a real platform: the centre's supervisor (执法监督人员, 区司法局)
 * opens 考核评议, computes Binhai's scheme for this year, sees the ranking with grades and the
 * indicators the platform cannot measure yet, opens the 区市场监管局's indicators with their
 * explanation, drills from 执法信息量 down to the cases it counted and opens one; then publishes the
 * run. The agency head of the 区市场监管局 sees only its own subjects' scores, without ranks.
 * Screenshots go to docs/screenshots/ (desk-assessment*.png).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { createUser } from '../src/users.ts';
import { seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';

const SUPERVISOR = { username: 'jian.supervisor', displayName: '简监督', orgCode: '120116-SFJ', roles: ['supervisor'] };
const SCJ = '120116-SCJ';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let opened: { id: string; number: string }[] = [];

const step = flowSteps(() => page);

beforeAll(async () => {
  server = await startE2eServer();
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  await createUser(db, { ...SUPERVISOR, password: PASSWORD });
  db.$client.close();
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  opened = [await seedCase(server.url, people, true), await seedCase(server.url, people, false)];
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('考核评议', () => {
  step('the supervisor computes Binhai’s scheme for this year and sees the ranking', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByRole('menuitem', { name: '考核评议' }).click();
    await page.getByTestId('assessment').waitFor();
    await expect(page.getByTestId('excluded').textContent()).resolves.toContain('按时公示率（10 分）');
    await page.getByTestId('run').click();
    await page.getByTestId('run-status').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId(`score-${SCJ}`).waitFor();
    await expect(page.getByTestId('ranking').textContent()).resolves.toContain('天津市滨海新区市场监督管理局');
    await shot(page, 'desk-assessment');
  });

  step('opens the market regulator’s indicators and drills from 执法信息量 to a case', async () => {
    const row = page.locator(`tr[data-row-key="${SCJ}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    const why = page.getByTestId(`explanation-${SCJ}-actions-per-officer`);
    await why.waitFor();
    await expect(why.textContent()).resolves.toContain('执法信息量 2');
    await page.getByTestId(`drill-${SCJ}-enforcementActions`).click();
    const rows = page.getByTestId('drill-rows');
    for (const c of opened) await rows.getByRole('link', { name: c.number }).waitFor();
    await expect(rows.textContent()).resolves.toContain('共 2 项');
    await shot(page, 'desk-assessment-explanation');
    const first = opened[0] as { id: string; number: string };
    await rows.getByRole('link', { name: first.number }).click();
    await page.getByTestId('case-page').waitFor();
    expect(page.url()).toContain(`/cases/${first.id}`);
  });

  step('publishes the run, which is then frozen', async () => {
    await page.goto('/assessment');
    await page.getByTestId('run-status').waitFor();
    await page.getByTestId('publish').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('run-status').filter({ hasText: '已发布' }).waitFor();
    await page.getByTestId('publish').waitFor({ state: 'detached' });
  });

  step('the agency head of the market regulator sees only its own subjects, without ranks', async () => {
    await login(page, PEOPLE.agency.username);
    await page.getByRole('menuitem', { name: '考核评议' }).click();
    await page.getByTestId(`score-${SCJ}`).waitFor();
    await expect(page.getByTestId('ranking').textContent()).resolves.not.toContain('天津市滨海新区生态环境局');
    await expect(page.getByTestId('run').count()).resolves.toBe(0);
    await expect(page.locator('th').filter({ hasText: '名次' }).count()).resolves.toBe(0);
  });
});
