/**
 * The app in English, walked as each role uses it: the officer (workbench, 立案 with a matter
 * chosen, every tab of a case, its documents and the on-site inspection), the agency head, the
 * head of the unit, the legal reviewer (queue and review) and the supervisor. Every screen's
 * visible text must hold no Chinese character but for what people typed and official Chinese
 * identifiers (marked `lang="zh"`), no English word glued to Chinese, no "1 persons", and — in
 * Chinese too — no internal code (`case-filing-approval`, `hearingNotified`, hashes) outside a
 * details part opened on purpose. The language chosen survives a reload, `<html lang>` in step.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { createUser } from '../src/users.ts';
import { apiAs, FACTS, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { audit } from './support/language.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';

const SUPERVISOR = { username: 'sun.li', displayName: '孙丽', orgCode: '120116-SFJ', roles: ['supervisor'] };

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
/** A case in 法制审核 whose proposed fine lies outside its tier (an alert explains it). */
let reviewed: { id: string; number: string };
/** The review of that case, once the reviewer opened it. */
let reviewId = '';
/** A case waiting for the agency head's approval of its filing. */
let filing: { id: string; number: string };
/** Everything seen, by screen; the last step fails when anything is here. */
const seen: string[] = [];

const step = flowSteps(() => page);
const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };

async function look(lang: 'zh' | 'en', screen: string, name?: string): Promise<void> {
  await page
    .locator('.ant-spin-spinning, .ant-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  seen.push(...(await audit(page, lang, screen)));
  if (name) await shot(page, name);
}

/** The case page and each of its tabs. */
async function lookAtCase(lang: 'zh' | 'en', id: string, who: string, name?: string): Promise<void> {
  await page.goto(`/cases/${id}`);
  await page.getByTestId('case-page').waitFor();
  await page.getByTestId('case-header').waitFor();
  await look(lang, `${who} case overview`, name);
  const tabs = page.getByTestId('case-page').getByRole('tab');
  const n = await tabs.count();
  for (let i = 1; i < n; i++) {
    await tabs.nth(i).click();
    await page.locator('.ant-tabs-tabpane-active').waitFor();
    await look(lang, `${who} case tab ${i}`);
  }
}

/** A document of a case, opened from its documents tab. */
async function lookAtDocument(lang: 'zh' | 'en', id: string, form: string, name?: string): Promise<void> {
  await page.goto(`/cases/${id}`);
  await page.getByTestId('case-page').getByRole('tab').nth(2).click();
  await page.locator(`[data-testid="documents"] [data-form="${form}"] button`).click();
  await page.getByTestId('document-page').waitFor();
  await page.locator('[data-field]').first().waitFor();
  await look(lang, `document ${form}`, name);
}

/** A case with a proposed fine of 95,000 元 (the 一般 tier is 65,000–85,000 元), investigated: now in 案件审核. */
async function investigatedCase() {
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  const opened = await seedCase(server.url, people, true, { facts: { ...FACTS, proposedFine: 95000 } });
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
  db.$client.close();
  reviewed = await investigatedCase();
  filing = await seedCase(server.url, people, false);
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('the app in English, and no internal code in either language', () => {
  step('English chosen on the sign-in page stays after a reload, <html lang> in step', async () => {
    await page.goto('/');
    await page.locator('#username').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await look('en', 'sign-in');
  });

  step('the officer: workbench, 立案 with a matter chosen', async () => {
    await login(page, PEOPLE.officer.username);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByTestId('alert-feed').waitFor();
    await look('en', 'officer workbench', 'desk-en-workbench');
    await page.goto('/cases/new');
    const search = page.locator('input[data-testid=matter-search]');
    await search.fill('食品');
    await search.press('Enter');
    await page.locator('[data-code="120116-SCJ-CF-0001-01"]').click();
    await page.getByTestId('matter-card').waitFor();
    await look('en', 'officer open case', 'desk-en-open-case');
  });

  step('the officer: a case in every tab, its documents and the on-site inspection', async () => {
    await lookAtCase('en', reviewed.id, 'officer', 'desk-en-case');
    await lookAtDocument('en', reviewed.id, 'investigation-report', 'desk-en-document');
    await lookAtDocument('en', reviewed.id, 'case-filing-approval');
    await page.goto(`/cases/${reviewed.id}/inspection`);
    await page.locator('[data-field]').first().waitFor();
    await look('en', 'officer inspection');
  });

  step('the agency head: pending filing approval', async () => {
    await login(page, PEOPLE.agency.username);
    await page.getByTestId('user-menu').waitFor();
    await look('en', 'agency workbench');
    await lookAtCase('en', filing.id, 'agency');
  });

  step('the head of the unit submits the case for 法制审核', async () => {
    await login(page, PEOPLE.head.username);
    await look('en', 'head workbench');
    await lookAtCase('en', reviewed.id, 'head');
    const head = await apiAs(server.url, PEOPLE.head.username);
    const { version } = await head.get<{ version: number }>(`/cases/${reviewed.id}`);
    await head.post(`/cases/${reviewed.id}/transitions`, { action: 'submit-legal-review', version });
  });

  step('the reviewer: the queue and the review', async () => {
    await login(page, PEOPLE.reviewer.username);
    await page.goto('/reviews');
    const item = page.getByTestId('review-item').first();
    await item.waitFor();
    await look('en', 'review queue');
    await item.getByRole('link').click();
    await page.getByTestId('review-page').waitFor();
    await look('en', 'review', 'desk-en-review');
  });

  step('after the reviewer agrees, the case shows the opinion apart from the reviewer’s name', async () => {
    reviewId = new URL(page.url()).pathname.split('/').pop() as string;
    const reviewer = await apiAs(server.url, PEOPLE.reviewer.username);
    await reviewer.post(`/reviews/${reviewId}/opinion`, {
      opinion: 'agree',
      checklist: {
        subjectLawful: true,
        procedureLawful: true,
        factsClear: true,
        lawCorrectDiscretionProper: true,
        documentsComplete: true,
        crimeReferral: false,
        other: false,
      },
      comment: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。',
      document: { reviewGrounds: ['达到本地重大执法决定标准'], materials: ['拟作出的处罚决定文本', '证据材料'] },
    });
    await login(page, PEOPLE.officer.username);
    await lookAtCase('en', reviewed.id, 'officer after review');
    await page.goto(`/cases/${reviewed.id}`);
    await expect(page.getByTestId('case-reviews').textContent()).resolves.toMatch(/Agree\s/);
  });

  step('the supervisor: the supervision screen', async () => {
    await login(page, SUPERVISOR.username);
    await page.goto('/supervision');
    await page.getByTestId('supervision').waitFor();
    await look('en', 'supervision', 'desk-en-supervision');
  });

  step('in Chinese, no internal code either', async () => {
    await page.locator('.ant-segmented-item').filter({ hasText: '中' }).click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
    await page.getByRole('menuitem', { name: '执法监督' }).waitFor();
    await look('zh', 'supervision');
    await login(page, PEOPLE.officer.username);
    await look('zh', 'officer workbench');
    await lookAtCase('zh', reviewed.id, 'officer');
    await lookAtDocument('zh', reviewed.id, 'investigation-report');
    await login(page, PEOPLE.reviewer.username);
    // Decided now: no longer in the pending queue, still at its address.
    await page.goto(`/reviews/${reviewId}`);
    await page.getByTestId('review-page').waitFor();
    await look('zh', 'review');
  });

  step('nothing Chinese in English, nothing internal in either', async () => {
    expect(seen).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
