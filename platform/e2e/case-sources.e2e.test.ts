/**
 * 案源登记 in the browser: the officer registers a clue from the 案源登记 screen and sees the
 * working days left to decide (市场监督管理行政处罚程序规定第十八条), then opens a case from it —
 * the open-case form shows the clue and has the party's name filled — and the source reads 已立案
 * with the case. The agency head decides another clue 不予立案 with the reason.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { item, select } from './support/ui.ts';

const MATTER = '120116-SCJ-CF-0001-01';
const COMPANY = { name: '天津滨海某某便利店有限公司', code: '91120116MA05JXQ218' };
const CLUE = '消费者投诉该店销售超过保质期的面包';

interface Source {
  id: string;
  outcome: string;
  caseId: string | null;
  description: string;
}

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';

const step = flowSteps(() => page);
const sources = async (username: string) =>
  (await (await apiAs(server.url, username)).get<{ items: Source[] }>('/case-sources')).items;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('案源登记: a clue registered, then a case opened from it', () => {
  step('the officer registers a clue and sees the working days left to decide', async () => {
    await login(page, PEOPLE.officer.username);
    await page.getByRole('menuitem', { name: '案源登记' }).click();
    await page.getByTestId('source-form').waitFor();
    await select(page, page.getByTestId('source-kind'), '投诉举报');
    await page.getByTestId('source-party').fill(COMPANY.name);
    await page.getByTestId('source-description').fill(CLUE);
    // Enter in a field does not register it.
    await page.getByTestId('source-party').press('Enter');
    expect(await sources(PEOPLE.officer.username)).toHaveLength(0);
    await page.getByTestId('source-submit').click();
    const entry = page.getByTestId('source-item').filter({ hasText: CLUE });
    await entry.waitFor();
    const deadline = await entry.getByTestId('source-deadline').textContent();
    expect(deadline).toMatch(/剩 1[0-5] 个工作日/);
    expect(deadline).toContain('前决定');
    await expect(entry.getAttribute('data-outcome')).resolves.toBe('pending');
    await shot(page, 'desk-case-sources');
  });

  step('立案 from the clue: the form shows it and has the party’s name', async () => {
    await page.getByTestId('source-item').filter({ hasText: CLUE }).getByTestId('source-file').click();
    await page.getByTestId('open-from-source').getByText(CLUE, { exact: false }).waitFor();
    const search = page.locator('input[data-testid=matter-search]');
    await search.fill(MATTER);
    await search.press('Enter');
    await page.locator(`[data-testid="matter-option"][data-code="${MATTER}"]`).click();
    await page.getByTestId('matter-card').waitFor();
    const name = item(page, '单位名称').locator('input');
    await expect.poll(() => name.inputValue()).toBe(COMPANY.name);
    await item(page, '统一社会信用代码').locator('input').fill(COMPANY.code);
    await select(page, page.getByTestId('officers'), `${PEOPLE.second.displayName}（${PEOPLE.second.certificateNo}）`);
    await item(page, '货值金额').locator('input').fill('3000');
    await shot(page, 'desk-open-case-from-source');
    await page.getByTestId('open-submit').click();
    await page.getByTestId('case-page').waitFor();
    caseId = page.url().split('/cases/')[1] ?? '';
    expect(caseId).not.toBe('');
  });

  step('the clue reads 已立案 and leads to the case', async () => {
    const [source] = (await sources(PEOPLE.officer.username)).filter((s) => s.description === CLUE);
    expect(source).toMatchObject({ outcome: 'filed', caseId });
    await page.getByRole('menuitem', { name: '案源登记' }).click();
    const entry = page.getByTestId('source-item').filter({ hasText: CLUE });
    await entry.getByText('已立案').waitFor();
    await expect(entry.getByTestId('source-file').count()).resolves.toBe(0);
    await entry.getByRole('link', { name: /^立案的案件：/ }).click();
    await page.getByTestId('case-page').waitFor();
    expect(page.url()).toContain(caseId);
  });

  step('the agency head decides another clue 不予立案, with the reason recorded', async () => {
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    await officer.post('/case-sources', {
      kind: 'inspection',
      receivedOn: new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }),
      description: '日常检查发现未在显著位置公示营业执照',
      partyName: '天津滨海某某餐饮店',
    });
    await login(page, PEOPLE.agency.username);
    await page.getByRole('menuitem', { name: '案源登记' }).click();
    const entry = page.getByTestId('source-item').filter({ hasText: '未在显著位置公示营业执照' });
    await entry.waitFor();
    // The head decides; opening a case is the officers' (the head holds no case.create).
    await expect(entry.getByTestId('source-file').count()).resolves.toBe(0);
    await entry.getByTestId('source-not-filed').click();
    await page.getByTestId('source-reason').fill('违法行为轻微并及时改正，没有造成危害后果');
    await page.getByTestId('source-decide-ok').click();
    const decided = page
      .locator('[data-testid="source-item"][data-outcome="not-filed"]')
      .filter({ hasText: '未在显著位置公示营业执照' });
    await decided.waitFor();
    await decided.getByText('理由：违法行为轻微并及时改正，没有造成危害后果').waitFor();
    await decided.getByText(`${PEOPLE.agency.displayName} `, { exact: false }).waitFor();
    await shot(page, 'desk-case-sources-decided');
  });

  step('in English: the screen, its deadline and outcomes read in English', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Case sources' }).waitFor();
    const decided = page.locator('[data-testid="source-item"][data-outcome="not-filed"]');
    await decided.getByText('Not filed', { exact: true }).waitFor();
    await page.getByText('Register a case source').waitFor();
    await expect(page.getByRole('menuitem', { name: 'Case sources' }).count()).resolves.toBe(1);
    await shot(page, 'desk-en-case-sources');
    await page.getByText('中', { exact: true }).click();
    await page.getByRole('heading', { name: '案源登记' }).waitFor();
  });
});
