/**
 * Opening a case as an officer types it: the matter found by its article, Enter pressed in the
 * fields (it never files the case), and a possible duplicate (the same company, the same matter,
 * a case still open) shown before filing: cancelled, nothing is filed; confirmed, the case opens
 * and the case log records the confirmation. A matter outside the subject's 权责清单 is shown greyed
 * with the reason and cannot be chosen.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { item, select } from './support/ui.ts';

const MATTER = '120116-SCJ-CF-0001-01';
/** The company of the case seedCase opens. */
const COMPANY = { name: '天津滨海某某超市有限公司', code: '91120116MA05JXQ218' };

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let seeded = { id: '', number: '' };
const filings: Request[] = [];

const step = flowSteps(() => page);
const caseCount = async () =>
  (await (await apiAs(server.url, PEOPLE.officer.username)).get<{ total: number }>('/cases')).total;

beforeAll(async () => {
  server = await startE2eServer();
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  seeded = await seedCase(server.url, people, false);
  browser = await openBrowser(server.url);
  page = browser.page;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/cases') filings.push(r);
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('opening a case: Enter and possible duplicates', () => {
  step('finds the matter by its article, and shows the article it matched', async () => {
    await login(page, PEOPLE.officer.username);
    await page.getByRole('menuitem', { name: '立案' }).click();
    const search = page.locator('input[data-testid=matter-search]');
    await search.fill('食品安全法第122条');
    await search.press('Enter');
    const option = page.locator(`[data-testid="matter-option"][data-code="${MATTER}"]`);
    await expect(option.getByTestId('matter-match').allTextContents()).resolves.toContain(
      '《中华人民共和国食品安全法》第一百二十二条第一款',
    );
    await expect(page.getByTestId('matter-option').count()).resolves.toBe(1);
    await shot(page, 'desk-open-case-search-article');
    await option.click();
    await page.getByTestId('matter-card').waitFor();
  });

  step('Enter in the fields never files the case', async () => {
    const name = item(page, '单位名称').locator('input');
    await name.fill(COMPANY.name);
    await name.press('Enter');
    await item(page, '统一社会信用代码').locator('input').fill(COMPANY.code);
    await item(page, '统一社会信用代码').locator('input').press('Enter');
    await select(page, page.getByTestId('officers'), `${PEOPLE.second.displayName}（${PEOPLE.second.certificateNo}）`);
    await item(page, '货值金额').locator('input').fill('8000');
    // The form is complete now: Enter here would have filed it.
    await item(page, '货值金额').locator('input').press('Enter');
    await item(page, '违法行为发生日期').locator('input').fill('2026-06-01');
    await expect(page.getByTestId('open-case').isVisible()).resolves.toBe(true);
    expect(filings).toHaveLength(0);
  });

  step('a possible duplicate is shown before filing; cancelled, nothing is filed', async () => {
    const before = await caseCount();
    await page.getByTestId('open-submit').click();
    const dialog = page.getByTestId('duplicate-cases');
    await dialog.waitFor();
    expect(filings).toHaveLength(1);
    await expect(dialog.getByTestId('duplicate-case').count()).resolves.toBe(1);
    const text = await dialog.textContent();
    expect(text).toContain(seeded.number);
    expect(text).toContain('立案审批');
    expect(text).toContain(PEOPLE.officer.displayName);
    await shot(page, 'desk-open-case-duplicate');
    await page.getByTestId('duplicate-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('open-case').isVisible()).resolves.toBe(true);
    expect(await caseCount()).toBe(before);
  });

  step('confirmed, the case opens and its log records the case it is not a duplicate of', async () => {
    await page.getByTestId('open-submit').click();
    await page.getByTestId('duplicate-cases').waitFor();
    await page.getByTestId('duplicate-confirm').click();
    await page.getByTestId('case-page').waitFor();
    const id = page.url().split('/cases/')[1] ?? '';
    expect(id).not.toBe(seeded.id);
    expect(filings).toHaveLength(3);
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    const timeline = await officer.get<{ timeline: { action: string; after: { duplicatesConfirmed?: string[] } }[] }>(
      `/cases/${id}`,
    );
    const opened = timeline.timeline.find((e) => e.action === 'case.open');
    expect(opened?.after.duplicatesConfirmed).toEqual([seeded.number]);
    await page.getByRole('tab', { name: '全过程记录' }).click();
    await page.getByTestId('timeline').getByText(`已确认不与在办案件 ${seeded.number} 重复`).waitFor();
    await shot(page, 'desk-open-case-duplicate-confirmed');
  });

  step('a matter of another sector is shown greyed with the reason (权责清单) and cannot be chosen', async () => {
    await page.getByRole('menuitem', { name: '立案' }).click();
    const search = page.locator('input[data-testid=matter-search]');
    await search.fill('120116-STJ-CF-0001-01');
    await search.press('Enter');
    const option = page.locator('[data-testid="matter-option"][data-code="120116-STJ-CF-0001-01"]');
    await expect(option.getAttribute('data-allowed')).resolves.toBe('false');
    const reason = await option.getByTestId('matter-refusal').textContent();
    expect(reason).toContain('生态环境');
    expect(reason).toContain('市场监管');
    await shot(page, 'desk-open-case-not-yours');
    await option.click();
    await expect(page.getByTestId('matter-card').count()).resolves.toBe(0);
    await expect(page.getByTestId('open-form').count()).resolves.toBe(0);
  });
});
