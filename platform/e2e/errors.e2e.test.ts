/**
 * What an officer sees when something is not allowed: an action refused with its reasons (from the
 * guards, in zh and in en), a document that cannot be issued with its empty required fields marked,
 * a transition the server refuses after the case changed under the user, and a proposed fine outside
 * the discretion tier that is flagged and needs a reason.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { field, item } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';
let filingId = '';

const step = flowSteps(() => page);

const gotoCase = async () => {
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('case-page').waitFor();
};
const refused = (action: string) => page.locator(`[data-refused="${action}"]`).textContent();

beforeAll(async () => {
  server = await startE2eServer();
  caseId = (await seedCase(server.url, { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username }, false)).id;
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('refusals and errors, shown with their reasons', () => {
  step('an action my role may not take is listed with the reasons, in Chinese and in English', async () => {
    await login(page, PEOPLE.officer.username);
    await gotoCase();
    await expect(page.locator('[data-testid="actions"] button[data-action]').count()).resolves.toBe(0);
    await expect(refused('approve-filing')).resolves.toContain('agency-head');
    await expect(refused('approve-filing')).resolves.toContain('立案审批表');
    await page.getByText('EN', { exact: true }).click();
    await expect(refused('approve-filing')).resolves.toContain('requires one of the roles');
    await page
      .locator('[data-testid="actions"]')
      .getByText(/Not possible now/)
      .click();
    await shot(page, 'desk-case-en');
    await page.getByText('中', { exact: true }).click();
  });

  step('a document with required fields empty is not issued: the server says which, on the fields', async () => {
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    filingId = (await officer.post<{ id: string }>(`/cases/${caseId}/documents`, { form: 'case-filing-approval' })).id;
    await page.goto(`/documents/${filingId}`);
    await page.getByTestId('doc-missing').waitFor();
    await expect(page.getByTestId('doc-missing').textContent()).resolves.toContain('案件来源');
    await page.getByTestId('doc-issue').click();
    const issue = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/issue'));
    await page.getByTestId('issue-confirm').click();
    expect((await issue).status()).toBe(422);
    const alert = page.getByTestId('error-alert');
    await expect(alert.getAttribute('data-code')).resolves.toBe('validation');
    await expect(alert.textContent()).resolves.toContain('案情简介及立案理由：必填');
    const summary = page.locator('.ant-formily-item').filter({ has: field(page, 'caseSummary') });
    await expect(summary.locator('.ant-formily-item-help').textContent()).resolves.toContain('必填');
    await expect(page.getByTestId('document-page').getAttribute('data-status')).resolves.toBe('draft');
    await shot(page, 'desk-error-required');
  });

  step('the server refuses a transition the case no longer allows, and the reason is shown', async () => {
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    const complete = {
      caseSource: '监督检查发现',
      discoveredAt: '2026-06-01',
      caseSummary: '日常检查中发现当事人涉嫌未取得食品经营许可销售食品。',
      officerSignature: '李明',
      agencyDecision: '同意立案',
      agencySignature: '钱局长',
    };
    const doc = await officer.get<{ data: Record<string, unknown> }>(`/documents/${filingId}`);
    await officer.put(`/documents/${filingId}`, { data: { ...doc.data, ...complete } });
    await login(page, PEOPLE.agency.username);
    await gotoCase();
    const approve = page.locator('[data-testid="actions"] button[data-action="approve-filing"]');
    await approve.waitFor();
    // Meanwhile the officer empties a required field of the filing approval.
    const { caseSummary: _, ...incomplete } = { ...doc.data, ...complete };
    await officer.put(`/documents/${filingId}`, { data: incomplete });
    await approve.click();
    await page.getByTestId('action-confirm').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    await expect(alert.getAttribute('data-code')).resolves.toBe('transition-refused');
    await expect(alert.textContent()).resolves.toContain('立案审批表');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('filing');
    await shot(page, 'desk-error-refused');
  });

  step('a proposed fine outside the tier is flagged and cannot be saved without a reason', async () => {
    await login(page, PEOPLE.officer.username);
    await gotoCase();
    await page.getByRole('tab', { name: '裁量' }).click();
    const panel = page.getByTestId('discretion');
    await expect(panel.getByTestId('tier').textContent()).resolves.toBe('一般');
    await expect(panel.getByTestId('fine-outside').count()).resolves.toBe(0);
    await item(page, '拟罚款金额').locator('input').fill('90000');
    await panel.getByTestId('fine-outside').waitFor();
    await expect(panel.getByTestId('fine-outside').textContent()).resolves.toContain('超出');
    await expect(panel.getByTestId('discretion-save').isDisabled()).resolves.toBe(true);
    await panel.getByTestId('fine-reason').fill('当事人拒不配合调查，经集体研究在阶次以上处罚。');
    await expect(panel.getByTestId('discretion-save').isDisabled()).resolves.toBe(false);
    await shot(page, 'desk-error-fine-outside');
    // The refusals above are answers the app expects (422, 409); nothing else went wrong.
    expect(browser.errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
