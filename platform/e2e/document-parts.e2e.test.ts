/**
 * The document page shows each user what they may fill: on the 立案审批表 the agency head edits the
 * approval and sees the officers' part read-only, with a note whose part it is (the server's
 * document view says which fields the user may edit); the officer sees the approval read-only;
 * and a correction's new version opens as saved, not 未保存, until something is edited.
 * Screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { cases } from '../src/db/schema.ts';
import { apiAs, OFFICER_PART, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { type } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let filingDoc = '';
let filingCase = '';
let decisionDoc = '';

const step = flowSteps(() => page);

/** What the officers wrote in the 行政处罚决定书 before the agency head issued it. */
const DECISION = {
  investigationCourse: '本机关于2026年6月1日对当事人经营场所进行检查，经立案调查，现已调查终结。',
  facts: '当事人未取得食品经营许可，自2026年5月起销售预包装食品，货值金额8000元。',
  evidence: [{ name: '现场检查笔录', proves: '当事人经营场所及经营情况' }],
  penalties: ['罚款'],
  fine: 70000,
  reconsiderationOrgan: '天津市滨海新区人民政府',
  court: '天津市滨海新区人民法院',
};

beforeAll(async () => {
  server = await startE2eServer();
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  // A case waiting on its 立案审批: the officers' part of the form is filled, the approval is not.
  const filing = await seedCase(server.url, people, false);
  filingCase = filing.id;
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  filingDoc = (
    await officer.post<{ id: string }>(`/cases/${filing.id}/documents`, {
      form: 'case-filing-approval',
      data: OFFICER_PART,
    })
  ).id;
  // A case at its decision: the officers draft the 决定书 (the server pre-fills it), the head issues it.
  const decided = await seedCase(server.url, people);
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  await db.update(cases).set({ state: 'decision' }).where(eq(cases.id, decided.id));
  db.$client.close();
  const draft = await officer.post<{ id: string; data: Record<string, unknown>; updatedAt: string }>(
    `/cases/${decided.id}/documents`,
    { form: 'penalty-decision', data: DECISION },
  );
  decisionDoc = draft.id;
  browser = await openBrowser(server.url);
  page = browser.page;
  // The officer saves it from the page, as officers do, and the agency head issues it (签发).
  await login(page, PEOPLE.officer.username);
  await page.goto(`/documents/${decisionDoc}`);
  await page.getByTestId('document-page').waitFor();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/documents/${decisionDoc}`)),
    page.getByTestId('doc-save').click(),
  ]);
  const agency = await apiAs(server.url, PEOPLE.agency.username);
  await agency.post(`/documents/${decisionDoc}/issue`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A field's input or textarea. */
const control = (name: string) =>
  page.locator(`[data-field="${name}"]`).locator('xpath=self::input|self::textarea|.//input|.//textarea').first();
/** Whether a field of the form can be typed into (not disabled or read-only). */
const typeable = (name: string) => control(name).isEditable();

describe.sequential('each user fills their own part; a correction opens saved', () => {
  step("the agency head fills the approval; the officers' part is read-only, saying whose it is", async () => {
    await login(page, PEOPLE.agency.username);
    await page.goto(`/documents/${filingDoc}`);
    await page.locator('[data-testid="document-page"][data-status="draft"]').waitFor();
    await page.getByText('“承办人填写”由执法人员填写，您不能修改').waitFor();
    // The officers' part: shown with its values, not for typing.
    await expect(control('caseSummary').inputValue()).resolves.toBe(OFFICER_PART.caseSummary);
    await expect(typeable('caseSummary')).resolves.toBe(false);
    await expect(typeable('officerSignature')).resolves.toBe(false);
    // The head's own part: editable.
    await expect(typeable('agencySignature')).resolves.toBe(true);
    await type(page, 'agencySignature', '钱局长');
    await page.getByLabel('同意立案').check();
    await expect(page.getByTestId('doc-save').count()).resolves.toBe(1);
    await shot(page, 'desk-document-filing-parts');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/documents/${filingDoc}`)),
      page.getByTestId('doc-save').click(),
    ]);
    expect(saved.status()).toBe(200);
  });

  step("the officer sees the head's approval read-only, and the own part editable", async () => {
    await login(page, PEOPLE.officer.username);
    await page.goto(`/documents/${filingDoc}`);
    await page.locator('[data-testid="document-page"][data-status="draft"]').waitFor();
    await page.getByText('“机关负责人审批”由行政机关负责人填写，您不能修改').waitFor();
    await expect(control('agencySignature').inputValue()).resolves.toBe('钱局长');
    await expect(typeable('agencySignature')).resolves.toBe(false);
    await expect(typeable('caseSummary')).resolves.toBe(true);
  });

  step('outside its step the form is shown, every field disabled, saying why; nothing to save', async () => {
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    const { version } = await officer.get<{ version: number }>(`/cases/${filingCase}`);
    const agency = await apiAs(server.url, PEOPLE.agency.username);
    await agency.post(`/cases/${filingCase}/transitions`, { action: 'approve-filing', version });
    await page.goto(`/documents/${filingDoc}`);
    await page.getByTestId('doc-not-editable').waitFor();
    await expect(page.getByTestId('doc-not-editable').textContent()).resolves.toContain(
      '立案审批表只能在“立案审批”环节填写和出具，本案现处于“调查取证”环节',
    );
    await expect(typeable('caseSummary')).resolves.toBe(false);
    await expect(page.getByTestId('doc-save').count()).resolves.toBe(0);
  });

  step('a correction of the issued decision opens its new version as saved (no 未保存)', async () => {
    await login(page, PEOPLE.officer.username);
    await page.goto(`/documents/${decisionDoc}`);
    await page.locator('[data-testid="document-page"][data-status="issued"]').waitFor();
    await page.getByTestId('doc-correct').click();
    await page.getByTestId('correct-reason').fill('履行期限表述有误，更正为自收到本决定书之日起十五日内。');
    await page.getByTestId('correct-confirm').click();
    await page.locator('[data-testid="document-page"][data-status="draft"]').waitFor();
    await page.getByTestId('doc-correction-reason').waitFor();

    // The preview is of the saved version: nothing edited, nothing unsaved.
    await page.getByTestId('live-preview').waitFor();
    await expect(page.getByTestId('live-preview').getAttribute('data-unsaved')).resolves.toBe('false');
    await expect(page.getByTestId('preview-unsaved').count()).resolves.toBe(0);
    // An edit is unsaved until saved.
    await type(page, 'paymentMethod', '当事人应当自收到本决定书之日起十五日内缴纳罚款。');
    await page.locator('[data-testid="live-preview"][data-unsaved="true"]').waitFor();
    await page.getByTestId('doc-save').click();
    await page.locator('[data-testid="live-preview"][data-unsaved="false"]').waitFor();
  });
});
