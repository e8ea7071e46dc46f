/**
 * 案卷评查 in a real browser against a real platform: two penalty cases of the 区市场监管局 closed
 * this year; the centre's supervisor (执法监督人员, 区司法局) opens 案卷评查, draws a round (two files
 * of each subject, seed recorded), verifies the draw and assigns the files to a reviewer; the
 * reviewer (案卷评查人员, who sees only the files assigned to them) opens one,
 * reads the case read-only, scores it point by point with a note per deduction — the total follows
 * as they type — and finishes it, which locks it; the supervisor sees the result per subject.
 * The reviewer reads the finished file in English too. Screenshots go to docs/screenshots/file-review-*.png.
 */
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { cases } from '../src/db/schema.ts';
import { createUser } from '../src/users.ts';
import { seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';
import { date, select, type } from './support/ui.ts';

const SUPERVISOR = { username: 'pan.supervisor', displayName: '潘监督', orgCode: '120116-SFJ', roles: ['supervisor'] };
const REVIEWER = { username: 'yu.reviewer', displayName: '于评查', orgCode: '120116-SFJ', roles: ['file-reviewer'] };
const YEAR = new Date().getUTCFullYear();

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

const step = flowSteps(() => page);

beforeAll(async () => {
  server = await startE2eServer();
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  const opened = [await seedCase(server.url, people, true), await seedCase(server.url, people, true)];
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  await createUser(db, { ...SUPERVISOR, password: PASSWORD });
  await createUser(db, { ...REVIEWER, password: PASSWORD });
  // Closed as a finished file is (the walk to 结案 is the officer flows' test): state and closing time.
  await db
    .update(cases)
    .set({ state: 'closed', closedAt: new Date().toISOString() })
    .where(
      inArray(
        cases.id,
        opened.map((o) => o.id),
      ),
    );
  db.$client.close();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('案卷评查', () => {
  step('the supervisor draws a round with its seed and verifies the draw', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByRole('menuitem', { name: '案卷评查' }).click();
    await page.getByTestId('round-form').waitFor();
    await page.getByTestId('round-name').fill(`${YEAR}年度行政处罚案卷评查`);
    await date(page, 'periodFrom', `${YEAR}-01-01`);
    await date(page, 'periodTo', `${YEAR}-12-31`);
    // 110 subjects: the list is searched by name, as a supervisor would.
    await page.getByTestId('round-subjects').click();
    await page.keyboard.type('天津市滨海新区市场监督管理局');
    await page
      .locator(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="天津市滨海新区市场监督管理局"]',
      )
      .click();
    await page.keyboard.press('Escape');
    await select(page, page.getByTestId('round-kind'), '按件数');
    await type(page, 'value', 2);
    await page.getByTestId('round-draw').click();
    await page.getByTestId('file-review-round').waitFor();
    await page.getByTestId('round-seed').waitFor();
    const files = page.getByTestId('round-files').locator('tbody tr.ant-table-row');
    await files.nth(1).waitFor();
    expect(await files.count()).toBe(2);
    await expect(page.getByTestId('round-files').textContent()).resolves.toContain('天津市滨海新区市场监督管理局');
    await page.getByTestId('round-verify').click();
    await page.getByTestId('round-verified').filter({ hasText: '结果一致' }).waitFor();
    await shot(page, 'file-review-round');
  });

  step('the supervisor assigns the drawn files to a reviewer', async () => {
    // Both files ticked, the reviewer found by name, assigned; the table names the reviewer on each.
    await page.getByTestId('round-files').locator('thead .ant-checkbox-input').check();
    await page.getByTestId('assign-reviewer').click();
    await page.keyboard.type(REVIEWER.displayName);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: REVIEWER.displayName })
      .click();
    await page.getByTestId('assign-submit').filter({ hasText: '分配所选案卷（2）' }).click();
    await page.getByTestId('assignee-1').filter({ hasText: REVIEWER.displayName }).waitFor();
    await page.getByTestId('assignee-2').filter({ hasText: REVIEWER.displayName }).waitFor();
    await shot(page, 'file-review-assigned');
  });

  step('a reviewer reads a drawn file and scores it point by point, then finishes it', async () => {
    await login(page, REVIEWER.username);
    await page.getByRole('menuitem', { name: '案卷评查' }).click();
    await page.getByTestId('file-review-page').locator('tbody a').first().click();
    await page.getByTestId('only-mine').waitFor();
    await page.getByTestId('score-1').click();
    await page.getByTestId('file-review-score').waitFor();
    await page.getByTestId('live-total').filter({ hasText: '得分 100 / 100' }).waitFor();
    // The file itself, read-only, on the case's own page; then back to the form.
    await page.getByTestId('read-file').click();
    await page
      .getByText(/津滨市监/)
      .first()
      .waitFor();
    await page.goBack();
    await page.getByTestId('live-total').waitFor();
    await select(page, page.getByTestId('deduction-evidence-records'), '缺执法人员或当事人签名（-3）');
    await type(page, 'note-evidence-records', '询问笔录缺当事人签名');
    await type(page, 'points-archive-order', 1);
    await page.getByTestId('live-total').filter({ hasText: '得分 96 / 100' }).waitFor();
    // A deduction without its reason is refused by the server on its point, and nothing is saved.
    await page.getByTestId('save-draft').click();
    await page.locator('[data-point="archive-order"]').getByText('每一处扣分都须写明理由').waitFor();
    await type(page, 'note-archive-order', '无卷内目录');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('file-state').filter({ hasText: '评查中' }).waitFor();
    await shot(page, 'file-review-score');
    await page.getByTestId('finish').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('file-state').filter({ hasText: '已完成' }).waitFor();
    await page.getByText('评查已完成并锁定（更正 0 次）').waitFor();
    await expect(page.getByTestId('save-draft').count()).resolves.toBe(0);
    // The same file in English: the checklist's own English names and the app's words.
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).click();
    await page.getByText('Finished and locked (0 corrections)').waitFor();
    await page.getByText('Interview and inspection records in order').waitFor();
    await page.getByTestId('live-total').filter({ hasText: 'Score 96 / 100 (80 to pass)' }).waitFor();
    await shot(page, 'file-review-score-en');
    await page.locator('.ant-segmented-item').filter({ hasText: '中' }).click();
    await page.getByTestId('live-total').filter({ hasText: '得分 96 / 100' }).waitFor();
  });

  step('the supervisor sees the result per subject', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByRole('menuitem', { name: '案卷评查' }).click();
    await page.getByTestId('file-review-page').locator('tbody a').first().click();
    const results = page.getByTestId('round-results');
    await results.locator('tbody tr.ant-table-row').first().waitFor();
    await expect(results.textContent()).resolves.toContain('100%');
    await expect(results.textContent()).resolves.toContain('96');
    await shot(page, 'file-review-results');
  });
});
