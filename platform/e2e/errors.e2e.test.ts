/**
 * What an officer sees when something is not allowed: an action refused with its reasons (from the
 * guards, in zh and in en), a document that cannot be issued with its empty required fields marked,
 * a transition the server refuses after the case changed under the user, and a proposed fine outside
 * the discretion tier that is flagged, needs a reason, and is flagged again for the 法制审核 reviewer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { AGENCY_PART, apiAs, OFFICER_PART, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { confirmAction, field, item } from './support/ui.ts';

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
const REASON = '当事人拒不配合调查，经集体研究在阶次以上处罚。';

/** Takes the case on to 法制审核 over HTTP: filing approved, investigation concluded, submitted for review. */
async function toLegalReview() {
  const as = (p: { username: string }) => apiAs(server.url, p.username);
  const officer = await as(PEOPLE.officer);
  const act = async (client: Awaited<ReturnType<typeof as>>, action: string) => {
    const { version } = await client.get<{ version: number }>(`/cases/${caseId}`);
    await client.post(`/cases/${caseId}/transitions`, { action, version });
  };
  const filing = await officer.get<{ data: Record<string, unknown> }>(`/documents/${filingId}`);
  await officer.put(`/documents/${filingId}`, {
    data: { ...filing.data, caseSummary: '日常检查中发现当事人涉嫌无证经营。' },
  });
  await act(await as(PEOPLE.agency), 'approve-filing');
  // The report states the proposed fine (90,000 元, from the case): the reason recorded for it stands.
  await officer.post(`/cases/${caseId}/documents`, {
    form: 'investigation-report',
    data: {
      investigationCourse: '执法人员现场检查并询问当事人。',
      facts: '当事人未取得食品经营许可销售食品。',
      evidence: [{ name: '现场笔录', kind: '勘验笔录、现场笔录', proves: '经营现场情况' }],
      conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
      proposedPenalties: ['罚款'],
      officerSignatures: '李明',
    },
  });
  await act(officer, 'finish-investigation');
  await act(await as(PEOPLE.head), 'submit-legal-review');
}

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
    // The role as the pack names it, not its code.
    await expect(refused('approve-filing')).resolves.toContain('需要以下角色之一：行政机关负责人');
    await expect(refused('approve-filing')).resolves.not.toContain('agency-head');
    await expect(refused('approve-filing')).resolves.toContain('立案审批表');
    await page.getByText('EN', { exact: true }).click();
    await expect(refused('approve-filing')).resolves.toContain(
      'requires one of the roles Head of the administrative agency',
    );
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
    const doc = await officer.get<{ data: Record<string, unknown> }>(`/documents/${filingId}`);
    // Each fills their own part of the 立案审批表 (sections): the officer theirs, the agency head theirs.
    const mine = await officer.put<{ data: Record<string, unknown> }>(`/documents/${filingId}`, {
      data: { ...doc.data, ...OFFICER_PART },
    });
    const agency = await apiAs(server.url, PEOPLE.agency.username);
    await agency.put(`/documents/${filingId}`, { data: { ...mine.data, ...AGENCY_PART } });
    await login(page, PEOPLE.agency.username);
    await gotoCase();
    const approve = page.locator('[data-testid="actions"] button[data-action="approve-filing"]');
    await approve.waitFor();
    // Meanwhile the officer empties a required field of the filing approval.
    const { caseSummary: _, ...incomplete }: Record<string, unknown> = { ...mine.data, ...AGENCY_PART };
    await officer.put(`/documents/${filingId}`, { data: incomplete });
    await approve.click();
    await confirmAction(page);
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
    await panel.getByTestId('fine-reason').fill(REASON);
    await expect(panel.getByTestId('discretion-save').isDisabled()).resolves.toBe(false);
    await shot(page, 'desk-error-fine-outside');
    // Saved, the server checks the fine against the tier itself and records the reason on the case.
    const checked = page.waitForResponse((r) => r.url().endsWith('/fine-check'));
    await panel.getByTestId('discretion-save').click();
    expect((await checked).status()).toBe(200);
    // The refusals above are answers the app expects (422, 409); nothing else went wrong.
    expect(browser.errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });

  step(
    'the 法制审核 reviewer sees the fine outside its tier flagged, with the tier, the fine and the reason',
    async () => {
      await toLegalReview();
      await login(page, PEOPLE.reviewer.username);
      await page.goto('/reviews');
      const queued = page.getByTestId('review-item').filter({ has: page.getByTestId('queue-fine-outside-tier') });
      await queued.getByRole('link').click();
      const flag = page.getByTestId('fine-outside-tier');
      await flag.waitFor();
      await expect(flag.getByTestId('fine-outside-tier-fine').textContent()).resolves.toBe('90,000 元');
      await expect(flag.getByTestId('fine-outside-tier-tier').textContent()).resolves.toBe('一般（65,000–85,000 元）');
      await expect(flag.getByTestId('fine-outside-tier-reason').textContent()).resolves.toBe(REASON);
      // The proposed penalties by the pack's names.
      await expect(page.getByTestId('review-page').textContent()).resolves.toContain('罚款');
      await shot(page, 'desk-review-fine-outside-tier');
    },
  );
});
