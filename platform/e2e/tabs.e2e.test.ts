/**
 * One officer, two tabs of the same browser: a case URL pasted into a second tab opens in the
 * session the browser holds (no second sign-in), both tabs save, and a sign-in again in the second
 * tab does not break the first tab's saves (it picks up the new session's token once and sends
 * the save again); when someone else signs in there, the first tab saves nothing and says why.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs, FACTS, FILING_APPROVAL, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { type } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let first: Page;
let second: Page;
let caseId = '';
let filingId = '';

const step = flowSteps(() => first);
const isSave = (page: Page, r: Response) =>
  r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/documents/${filingId}`) && r.frame().page() === page;

/** Edits the filing approval's summary on the document page shown, saves, and answers the statuses of its PUTs. */
async function saveSummary(page: Page, summary: string): Promise<number[]> {
  const statuses: number[] = [];
  const seen = (r: Response) => {
    if (isSave(page, r)) statuses.push(r.status());
  };
  page.on('response', seen);
  await type(page, 'caseSummary', summary);
  await page.getByTestId('preview-unsaved').waitFor();
  const settled = page.waitForResponse((r) => isSave(page, r) && r.status() !== 403, { timeout: 5000 });
  await page.getByTestId('doc-save').click();
  // A refused save shows its error; a save taken clears the unsaved mark.
  await Promise.race([
    page.getByTestId('preview-unsaved').waitFor({ state: 'detached' }),
    page.locator('.ant-alert-error').first().waitFor(),
  ]);
  await settled.catch(() => undefined);
  page.off('response', seen);
  return statuses;
}

/** From the case page to the filing approval inside the app (no reload: the tab keeps what it holds). */
async function openFilingInApp(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '文书' }).click();
  await page.locator('[data-testid="documents"] [data-form="case-filing-approval"] button').click();
  await page.getByTestId('document-page').waitFor();
  await page.locator('[data-field="caseSummary"]').waitFor();
}

beforeAll(async () => {
  server = await startE2eServer();
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  // Facts an officer enters at filing (procedure facts come from documents later, never typed).
  caseId = (await seedCase(server.url, people, false, { facts: FACTS })).id;
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  const { agencyDecision: _, agencySignature: __, ...officerPart } = FILING_APPROVAL;
  const created = await officer.post<{ id: string }>(`/cases/${caseId}/documents`, {
    form: 'case-filing-approval',
    data: officerPart,
  });
  filingId = created.id;
  browser = await openBrowser(server.url);
  first = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('a second tab works in the same session', () => {
  step('a case URL pasted into a second tab opens the case, without signing in again', async () => {
    await login(first, PEOPLE.officer.username);
    await first.goto(`/cases/${caseId}`);
    await first.getByTestId('case-page').waitFor();
    // Marks the first tab's page: it must never reload in this test, or it would not hold the old token.
    await first.evaluate('window.yifaFirstTab = true');
    second = await browser.context.newPage();
    second.setDefaultTimeout(15_000);
    await second.goto(`/cases/${caseId}`);
    await second.getByTestId('case-page').waitFor();
    await expect(second.locator('#username').count()).resolves.toBe(0);
    await expect(second.getByTestId('user-menu').textContent()).resolves.toContain(PEOPLE.officer.displayName);
    await shot(second, 'desk-second-tab-case');
  });

  step('both tabs save', async () => {
    await openFilingInApp(first);
    expect(await saveSummary(first, '第一个标签页填写的案情摘要。')).toEqual([200]);
    await openFilingInApp(second);
    await expect(second.locator('[data-field="caseSummary"]').inputValue()).resolves.toBe(
      '第一个标签页填写的案情摘要。',
    );
    expect(await saveSummary(second, '第二个标签页填写的案情摘要。')).toEqual([200]);
  });

  step('signing in again in the second tab leaves the first tab saving', async () => {
    await login(second, PEOPLE.officer.username);
    await second.goto(`/cases/${caseId}`);
    await second.getByTestId('case-page').waitFor();
    // Back to the case and into the document again inside the app, to load the second tab's save.
    await first.goBack();
    await first.getByTestId('case-page').waitFor();
    await openFilingInApp(first);
    await expect(first.evaluate('window.yifaFirstTab')).resolves.toBe(true);
    // The old session's token is refused once; the tab reads the new session's and sends the save again.
    expect(await saveSummary(first, '重新登录后第一个标签页仍可保存。')).toEqual([403, 200]);
    await shot(first, 'desk-second-tab-first-saves');
  });

  step('when someone else signs in in the second tab, the first tab saves nothing and says why', async () => {
    await login(second, PEOPLE.second.username);
    expect(await saveSummary(first, '不应以他人身份保存。')).toEqual([403]);
    await first.getByText('另一个标签页已以其他用户登录').waitFor();
    await shot(first, 'desk-second-tab-other-user');
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    const doc = await officer.get<{ data: { caseSummary: string } }>(`/documents/${filingId}`);
    expect(doc.data.caseSummary).toBe('重新登录后第一个标签页仍可保存。');
  });
});
