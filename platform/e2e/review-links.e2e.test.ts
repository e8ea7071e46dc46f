/**
 * The legal reviewer enters the opinion once: on the review page, the checks, the conclusion, the
 * reasons and the rest of the 法制审核意见书 go in one submit, which fills the document and takes
 * 审核同意. And the case page shows its linked cases — the 应诉 case that concerns a decision case,
 * both ways, with the relation in words and links — where the officer removes a link made in
 * error and links it again, each with a reason. Screenshots go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs, FACTS, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot, shotBoth } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { check, type } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let decision: { id: string; number: string };
let litigation: { id: string; number: string };

const step = flowSteps(() => page);
const REASONS = '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。';

/** A case of 未取得食品经营许可, investigated and submitted for 法制审核. */
async function underReview() {
  const opened = await seedCase(server.url, { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username });
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  await officer.post(`/cases/${opened.id}/documents`, {
    form: 'investigation-report',
    data: {
      investigationCourse: '执法人员现场检查并询问当事人，调取了进货台账。',
      facts: '当事人未取得食品经营许可销售预包装食品，货值金额8000元。',
      evidence: [{ name: '现场检查笔录', kind: '勘验笔录、现场笔录', proves: '未取得许可经营' }],
      conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
      proposedPenalties: ['罚款'],
      proposedFine: FACTS.proposedFine,
      officerSignatures: '李明、王强',
    },
  });
  const at = async () => (await officer.get<{ version: number }>(`/cases/${opened.id}`)).version;
  await officer.post(`/cases/${opened.id}/transitions`, { action: 'finish-investigation', version: await at() });
  const head = await apiAs(server.url, PEOPLE.head.username);
  await head.post(`/cases/${opened.id}/transitions`, { action: 'submit-legal-review', version: await at() });
  return opened;
}

const gotoCase = async (id: string) => {
  await page.goto(`/cases/${id}`);
  await page.getByTestId('case-page').waitFor();
};

beforeAll(async () => {
  server = await startE2eServer();
  decision = await underReview();
  // The party sues: the 应诉 case concerns the decision case.
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  litigation = await officer.post<{ id: string; number: string }>('/cases', {
    matter: 'legal-litigation',
    party: { kind: 'organisation', name: '天津滨海某某超市有限公司', idNumber: '91120116MA05JXQ218' },
    facts: {
      court: '天津市滨海新区人民法院',
      plaintiff: '天津滨海某某超市有限公司',
      copyReceivedAt: '2026-07-02',
      actType: '行政处罚',
    },
    linkedCase: decision.number,
  });
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('法制审核 entered once; linked cases on the case page', () => {
  step('the reviewer gives the opinion and fills the 法制审核意见书 in one submit', async () => {
    await login(page, PEOPLE.reviewer.username);
    await page.getByRole('menuitem', { name: '法制审核' }).click();
    const item = page.getByTestId('review-item').first();
    await item.waitFor();
    await item.getByRole('link').click();
    await page.getByTestId('review-page').waitFor();
    await page
      .getByTestId('opinion-form')
      .locator('label')
      .filter({ hasText: /^同意$/ })
      .click();
    await page.getByTestId('opinion-comment').fill(REASONS);
    const doc = page.getByTestId('review-document');
    await doc.locator('[data-field="reviewGrounds"]').waitFor();
    // The opinion's own fields are not asked again.
    for (const f of ['opinion', 'reasons', 'factsClear', 'reviewer', 'reviewerSignature', 'reviewedAt'])
      await expect(doc.locator(`[data-field="${f}"]`).count(), f).resolves.toBe(0);
    await type(doc, 'submittingUnit', '执法稽查科');
    await check(doc, 'reviewGrounds', '达到本地重大执法决定标准');
    await shot(page, 'desk-review-once');
    const post = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/opinion'));
    await page.getByTestId('opinion-submit').click();
    const res = await post;
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { document: { id: string }; transition: { action: string } };
    expect(body.transition.action).toBe('review-agree');
    // One submit: the case moved on to 告知, and the document holds the opinion and the reviewer.
    await page.locator('[data-testid="case-page"][data-state="notification"]').waitFor();
    const reviewer = await apiAs(server.url, PEOPLE.reviewer.username);
    const filled = await reviewer.get<{ data: Record<string, unknown>; missing: unknown[] }>(
      `/documents/${body.document.id}`,
    );
    expect(filled.missing).toEqual([]);
    expect(filled.data).toMatchObject({
      opinion: '同意',
      factsClear: '符合',
      reasons: REASONS,
      reviewer: PEOPLE.reviewer.displayName,
      reviewerSignature: PEOPLE.reviewer.displayName,
      submittingUnit: '执法稽查科',
      reviewGrounds: ['达到本地重大执法决定标准'],
    });
  });

  step('the decision case shows the 应诉 case that concerns it, linked', async () => {
    await login(page, PEOPLE.officer.username);
    await gotoCase(decision.id);
    const card = page.getByTestId('linked-cases');
    const row = card.locator(`[data-testid="linked-case"][data-number="${litigation.number}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-relation')).resolves.toBe('concernedBy');
    await expect(row.textContent()).resolves.toContain('涉及本案的案件');
    await expect(row.textContent()).resolves.toContain('行政应诉案件办理');
    await card.scrollIntoViewIfNeeded();
    await shotBoth(page, 'linked-cases');
    await row.getByRole('link').click();
    await page.locator(`[data-testid="case-page"]`).waitFor();
    await page.waitForURL(`**/cases/${litigation.id}`);
    const back = page.locator(`[data-testid="linked-case"][data-number="${decision.number}"]`);
    await back.waitFor();
    await expect(back.getAttribute('data-relation')).resolves.toBe('concerns');
    await expect(back.textContent()).resolves.toContain('本案所涉案件');
  });

  step('the officer removes the link with a reason, then links the case again by its number', async () => {
    const card = page.getByTestId('linked-cases');
    await card.getByTestId('link-remove').click();
    // No reason, no removal: the dialog says so and the link stays.
    await page.getByTestId('link-confirm').click();
    await page.locator('.ant-modal .ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('link-reason').fill('关联有误，待核实被诉决定');
    await page.getByTestId('link-confirm').click();
    await card.getByTestId('link-add').waitFor();
    await expect(card.locator('[data-testid="linked-case"]').count()).resolves.toBe(0);
    await card.getByTestId('link-add').click();
    await page.getByTestId('link-number').fill(decision.number);
    await page.getByTestId('link-reason').fill('经核实，原告起诉的是该处罚决定');
    await page.getByTestId('link-confirm').click();
    await card.locator(`[data-testid="linked-case"][data-number="${decision.number}"]`).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'desk-linked-cases-relinked');
    expect(browser.errors).toEqual([]);
  });
});
