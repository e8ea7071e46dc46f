/**
 * 预警 in a real browser against a real platform: a case handled by a single officer (行政处罚法
 * 第四十二条: at least two; opening refuses it, so the case here lost its second officer after
 * opening, as an imported or older case may have) raises the pack's red alert 执法人员不足两人, and a case whose proposed
 * fine lies outside its discretion tier the yellow one; the officer sees both on the workbench, most
 * severe first, and follows one to its case; the supervisor (执法监督人员, 区司法局) finds them on the
 * supervision screen, grouped by subject and by level, beside the cases by stage, then opens the
 * alert board from the bell, opens the red alert with its explanation and records how it was
 * handled: the bell counts one fewer. Officers have no supervision screen. Screenshots go to
 * docs/screenshots/.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { runPass } from '../src/alerts/scheduler.ts';
import { openDb } from '../src/db/client.ts';
import { cases } from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';
import { createUser } from '../src/users.ts';
import { apiAs, FACTS, seedCase } from './support/api.ts';
import { DESK, flowSteps, login, openBrowser, PHONE, shot, shotBoth } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';

const SUPERVISOR = { username: 'sun.li', displayName: '孙丽', orgCode: '120116-SFJ', roles: ['supervisor'] };

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let lone: { id: string; number: string };
let outside: { id: string; number: string };

const step = flowSteps(() => page);

/** A case of 未取得食品经营许可 with these facts, its filing approved: now in 调查取证. */
const filedCase = (facts: Record<string, unknown>) =>
  seedCase(server.url, { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username }, true, { facts });

/**
 * A case with a proposed fine of 95,000 元 where the facts choose the 一般 tier (65,000–85,000 元),
 * its investigation concluded by its two officers: now in 案件审核, the fine outside its tier.
 */
async function fineOutsideTierCase() {
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  const opened = await filedCase({ ...FACTS, proposedFine: 95000 });
  await officer.post(`/cases/${opened.id}/documents`, {
    form: 'investigation-report',
    fineOutsideTierReason: '当事人拒不配合调查，经负责人批准从重处罚。',
    data: {
      investigationCourse: '执法人员现场检查并询问当事人，调取了进货台账。',
      facts: '当事人未取得食品经营许可销售预包装食品，货值金额8000元。',
      evidence: [{ name: '现场检查笔录', kind: '勘验笔录、现场笔录', proves: '未取得许可经营' }],
      conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
      proposedPenalties: ['罚款'],
      proposedFine: 95000,
      officerSignatures: '李明、王强',
    },
  });
  const { version } = await officer.get<{ version: number }>(`/cases/${opened.id}`);
  await officer.post(`/cases/${opened.id}/transitions`, { action: 'finish-investigation', version });
  return opened;
}

beforeAll(async () => {
  server = await startE2eServer();
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  await createUser(db, { ...SUPERVISOR, password: PASSWORD });
  lone = await filedCase(FACTS);
  // The case keeps only the officer who opened it (the server never opens one so: 第四十二条).
  const [row] = await db.select({ officers: cases.officers }).from(cases).where(eq(cases.id, lone.id));
  await db
    .update(cases)
    .set({ officers: row?.officers.slice(0, 1) ?? [] })
    .where(eq(cases.id, lone.id));
  // A change no event announced, as an import makes: a full pass judges every case again.
  await runPass(createServices(db), { full: true });
  db.$client.close();
  outside = await fineOutsideTierCase();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('预警提醒 and 执法监督', () => {
  step('the officer sees the red alert on the workbench and follows it to the case', async () => {
    await login(page, PEOPLE.officer.username);
    const feed = page.getByTestId('alert-feed');
    const alert = feed.locator('[data-testid="alert"][data-code="insufficient-officers"]');
    await alert.waitFor();
    await expect(alert.getAttribute('data-level')).resolves.toBe('red');
    await expect(alert.textContent()).resolves.toContain(lone.number);
    await expect(alert.textContent()).resolves.toContain('不得少于两人');
    await expect(feed.locator('.ant-card-head').textContent()).resolves.toContain('预警提醒');
    const tier = feed.locator('[data-testid="alert"][data-code="fine-outside-tier"]');
    await expect(tier.getAttribute('data-level')).resolves.toBe('yellow');
    await expect(tier.textContent()).resolves.toContain(outside.number);
    // Most severe first.
    await expect(feed.locator('[data-testid="alert"]').first().getAttribute('data-level')).resolves.toBe('red');
    // The deadline card stays, under its own name; officers have no supervision screen.
    await expect(page.getByRole('menuitem', { name: '执法监督' }).count()).resolves.toBe(0);
    await shotBoth(page, 'workbench-alerts');
    await alert.getByRole('link', { name: lone.number }).click();
    await page.getByTestId('case-page').waitFor();
    expect(page.url()).toContain(`/cases/${lone.id}`);
  });

  step('the supervisor finds it on the supervision screen, by subject, by level and by stage', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByTestId('alert-feed').locator('[data-code="insufficient-officers"]').waitFor();
    await page.getByRole('menuitem', { name: '执法监督' }).click();
    const screen = page.getByTestId('supervision');
    await screen.waitFor();
    const subject = page.locator('[data-testid="subject-row"][data-subject="120116-SCJ"]');
    await subject.waitFor();
    await expect(subject.textContent()).resolves.toContain('市场监督管理局');
    const byLevel = page.getByTestId('by-level');
    await byLevel.locator('[data-testid="alert"][data-code="insufficient-officers"]').waitFor();
    await expect(byLevel.textContent()).resolves.toContain('提醒对象');
    // Not addressed to the supervisor, yet in the supervisor's view of every alert in scope.
    await byLevel.getByRole('tab', { name: /黄色/ }).click();
    await byLevel.locator('[data-testid="alert"][data-code="fine-outside-tier"]').waitFor();
    await byLevel.getByRole('tab', { name: /红色/ }).click();
    await expect(
      page.locator('[data-testid="state-row"][data-state="investigation"]').textContent(),
    ).resolves.toContain('调查取证');
    await expect(page.getByTestId('supervision-stats').textContent()).resolves.toContain('红色预警');
    // The subject's row opens onto its alerts.
    await subject.locator('.ant-table-row-expand-icon').click();
    await page.locator('.ant-table-expanded-row [data-code="insufficient-officers"]').waitFor();
    // Each subject's work this year: officers who took part, authority items exercised, and the
    // subject alerts — a subject with no case at all is flagged 零履职 in red.
    const metrics = page.getByTestId('subject-metrics');
    await expect(metrics.textContent()).resolves.toContain('执法主体履职');
    const idle = metrics
      .locator('[data-testid="subject-metrics-row"]')
      .filter({ has: page.locator('[data-level="red"]') });
    await idle.first().waitFor();
    await expect(idle.first().textContent()).resolves.toMatch(/0 \/ \d+/);
    await shotBoth(page, 'supervision');
  });

  step('the supervision screen in English', async () => {
    await page.getByText('EN', { exact: true }).click();
    await expect(page.getByTestId('supervision').textContent()).resolves.toContain('Enforcement supervision');
    await expect(page.getByTestId('by-level').textContent()).resolves.toContain('Fewer than two officers');
    await page.getByText('中', { exact: true }).click();
  });

  step('the supervisor opens the alert board from the bell, reads why an alert fired and handles it', async () => {
    const bell = page.locator('[data-testid="alert-bell"][data-count]');
    await bell.waitFor();
    const before = Number(await bell.getAttribute('data-count'));
    expect(before).toBeGreaterThan(0);
    await bell.click();
    const board = page.getByTestId('alerts-page');
    await board.waitFor();
    // The supervisor sees every alert in scope; the case alerts only, most severe first.
    await board.getByTestId('alerts-status').waitFor();
    await board.locator('.ant-select').nth(2).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '案件预警' }).click();
    const alert = board.locator('[data-testid="alert"][data-code="insufficient-officers"]');
    await alert.waitFor();
    await expect(alert.getAttribute('data-status')).resolves.toBe('raised');
    await expect(board.locator('[data-testid="alert"]').first().getAttribute('data-level')).resolves.toBe('red');
    await shotBoth(page, 'alerts');
    await alert.click();
    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    expect(page.url()).toContain('/alerts/');
    await expect(detail.getByTestId('alert-message').textContent()).resolves.toContain(lone.number);
    await expect(detail.getByTestId('alert-why').textContent()).resolves.toContain('承办执法人员少于两人');
    // A note is required.
    await detail.getByTestId('alert-handle').click();
    await detail.getByText('请填写处理情况').waitFor();
    await detail.getByTestId('alert-note').fill('已通知区市场监管局为该案增派一名持证执法人员。');
    await shot(page, 'desk-alerts-detail');
    await detail.getByTestId('alert-handle').click();
    await page.locator('[data-testid="alert-detail"][data-status="handled"]').waitFor();
    await expect(detail.getByTestId('alert-handled-note').textContent()).resolves.toContain('增派一名持证执法人员');
    await expect(detail.textContent()).resolves.toContain('孙丽');
    // The bell counts one unread alert fewer, and the board shows it handled.
    await page.locator(`[data-testid="alert-bell"][data-count="${before - 1}"]`).waitFor();
    await board.locator('[data-testid="alert"][data-code="insufficient-officers"][data-status="handled"]').waitFor();
    await page.setViewportSize(PHONE);
    await shot(page, 'phone-alerts-detail');
    await page.setViewportSize(DESK);
  });

  step('the alert board in English', async () => {
    // The drawer covers the header: close it, switch, open the alert again.
    await page.keyboard.press('Escape');
    await page.getByTestId('alert-detail').waitFor({ state: 'detached' });
    await page.getByText('EN', { exact: true }).click();
    await page.getByTestId('alerts-page').locator('[data-testid="alert"][data-code="insufficient-officers"]').click();
    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    await expect(detail.textContent()).resolves.toContain('Fewer than two officers');
    await expect(detail.textContent()).resolves.toContain('Handled');
    await expect(page.getByTestId('alerts-page').textContent()).resolves.toContain('Alert board');
    await expect(page.getByTestId('alert-bell').getAttribute('aria-label')).resolves.toMatch(/^Alerts, \d+ unread$/);
    await shot(page, 'desk-en-alerts-detail');
    await page.keyboard.press('Escape');
    await page.getByTestId('alert-detail').waitFor({ state: 'detached' });
    await page.getByText('中', { exact: true }).click();
  });
});
