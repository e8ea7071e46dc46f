/**
 * The officer's phone (390 px): every picker — the 立案 page's matter search, date and selects, a
 * record's date-time, select and switch fields — opens on screen, nothing past the right edge;
 * the confirmations an officer gives on site (出示执法证件, 告知回避) start unset; and 我的待办
 * names each user's next step and leads to where it is done.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs, OFFICER_PART, seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, PHONE, SHOTS, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { field } from './support/ui.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';
let inspectionId = '';
let inquiryId = '';
/** A case just opened (the 立案审批表 not begun), and one whose officers' part of it is filled. */
let opened = '';
let toApprove = '';
let toApproveForm = '';

const step = flowSteps(() => page);

/**
 * The popup antd shows for a picker (a select's list, a date panel), open and in its final place:
 * while it animates in, its classes carry -enter / -appear.
 */
const SETTLED = ':not([class*="-enter"]):not([class*="-appear"]):not([class*="-leave"])';
const openPopup = (p: Page) =>
  p
    .locator(
      `.ant-select-dropdown:not(.ant-select-dropdown-hidden)${SETTLED}, .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)${SETTLED}`,
    )
    .last();

/** Asserts the element's box lies within the phone's width (and starts on screen). */
async function onScreen(what: string, el: Locator): Promise<void> {
  const box = await el.boundingBox();
  expect(box, what).not.toBeNull();
  if (!box) return;
  expect(box.x, `${what}: left edge ${box.x}`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge ${box.x + box.width} of ${PHONE.width}`).toBeLessThanOrEqual(
    PHONE.width,
  );
}

/** Opens a picker by clicking its control, checks its popup is on screen, and closes it. */
async function pick(what: string, control: Locator, shotName?: string): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  await control.click();
  const popup = openPopup(page);
  await popup.waitFor();
  await onScreen(what, popup);
  if (shotName) await page.screenshot({ path: join(SHOTS, `${shotName}.png`) });
  await page.keyboard.press('Escape');
  await popup.waitFor({ state: 'hidden' });
}

/** The page has no horizontal scroll at the phone's width. */
async function noSideways(what: string): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width, `${what}: page ${width} px wide`).toBeLessThanOrEqual(PHONE.width);
}

beforeAll(async () => {
  server = await startE2eServer();
  caseId = (await seedCase(server.url, { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username })).id;
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  inspectionId = (
    await officer.post<{ id: string }>(`/cases/${caseId}/documents`, { form: 'on-site-inspection-record', data: {} })
  ).id;
  inquiryId = (await officer.post<{ id: string }>(`/cases/${caseId}/documents`, { form: 'inquiry-record', data: {} }))
    .id;
  const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };
  opened = (await seedCase(server.url, people, false)).id;
  toApprove = (await seedCase(server.url, people, false)).id;
  toApproveForm = (
    await officer.post<{ id: string }>(`/cases/${toApprove}/documents`, {
      form: 'case-filing-approval',
      data: OFFICER_PART,
    })
  ).id;
  browser = await openBrowser(server.url);
  page = browser.page;
  await page.setViewportSize(PHONE);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('the phone (390 px)', () => {
  step('the 立案 page: the matter search and every picker open on screen', async () => {
    await login(page, PEOPLE.officer.username);
    await page.goto('/cases/new');
    const search = page.locator('input[data-testid="matter-search"], [data-testid="matter-search"] input').first();
    await search.fill('食品');
    await search.press('Enter');
    const matter = page.locator('[data-testid="matter-option"][data-allowed="true"]').first();
    await matter.waitFor();
    for (const option of await page.getByTestId('matter-option').all()) await onScreen('matter option', option);
    await noSideways('matter search');
    await shot(page, 'phone-matter-picker');
    await matter.click();
    await page.getByTestId('open-submit').waitFor();
    await noSideways('立案 form');
    await pick('violation date picker', page.locator('.ant-picker').first(), 'phone-picker-date');
    await pick('officers select', page.getByTestId('officers'), 'phone-picker-officers');
    const selects = page.locator('form .ant-select:not([data-testid="officers"])');
    for (let i = 0; i < (await selects.count()); i++) await pick(`fact select ${i + 1}`, selects.nth(i));
  });

  step('a record: date-time and select pickers open on screen', async () => {
    await page.goto(`/documents/${inquiryId}`);
    await field(page, 'relation').waitFor();
    await noSideways('询问笔录');
    // The date and the time of a date-time field have a picker each on a phone.
    await pick('inquiry start date', field(page, 'startedAt'), 'phone-picker-datetime');
    await pick('inquiry start time', page.locator('[data-field-time="startedAt"]'), 'phone-picker-time');
    await pick('relation select', field(page, 'relation'), 'phone-picker-select');
    await pick('gender select', field(page, 'intervieweeGender'));
  });

  step('the case page: every select and date picker of each tab opens on screen', async () => {
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('case-page').waitFor();
    let opened = 0;
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      const panel = page.locator('.ant-tabs-tabpane-active');
      await panel.waitFor();
      await noSideways(`case page, tab ${await tab.textContent()}`);
      const pickers = panel.locator('.ant-select:not(.ant-select-disabled), .ant-picker:not(.ant-picker-disabled)');
      for (let i = 0; i < (await pickers.count()); i++) {
        const control = pickers.nth(i);
        if (!(await control.isVisible())) continue;
        await pick(`case page, ${await tab.textContent()}, picker ${i + 1}`, control);
        opened += 1;
      }
    }
    // The discretion panel's facts at least (危害后果 and the like) are pickers.
    expect(opened).toBeGreaterThan(0);
  });

  step('出示执法证件 and 告知回避 start unset on both records', async () => {
    for (const [id, names] of [
      [inspectionId, ['identityShown', 'avoidanceInformed']],
      [inquiryId, ['identityShown', 'rightsInformed']],
    ] as const) {
      await page.goto(`/documents/${id}`);
      for (const name of names) {
        const sw = field(page, name);
        await sw.waitFor();
        await expect(sw.getAttribute('aria-checked'), name).resolves.toBe('false');
      }
      await noSideways(`record ${id}`);
    }
    await shot(page, 'phone-confirmations-unset');
  });

  step("我的待办: each user's next step by name, leading to where it is done; never 撤销", async () => {
    await page.goto('/');
    const tasks = page.getByTestId('tasks');
    const task = (id: string) => tasks.locator(`[data-testid="task"][data-case="${id}"]`);
    // The officer: the 立案审批表 of the case just opened, the 调查终结报告 of the one under investigation.
    await task(opened).locator('[data-step="fill"]', { hasText: '填写《立案审批表》' }).waitFor();
    await task(caseId).locator('[data-step="fill"]', { hasText: '填写《案件调查终结报告》' }).waitFor();
    // Filled by the officers, the approval is the head's now, not theirs.
    await expect(task(toApprove).count()).resolves.toBe(0);
    await expect(tasks.getByText(/撤销/).count()).resolves.toBe(0);
    await noSideways('workbench');
    await shot(page, 'phone-tasks-officer');
    await task(opened).locator('[data-step="fill"]').click();
    await page.getByTestId('case-page').waitFor();

    await login(page, PEOPLE.agency.username);
    const approve = task(toApprove).locator('[data-step="approve"][data-action="approve-filing"]');
    await approve.waitFor();
    await expect(approve.textContent()).resolves.toBe('批准立案');
    await expect(task(opened).count()).resolves.toBe(0);
    await expect(tasks.getByText(/撤销/).count()).resolves.toBe(0);
    await shot(page, 'phone-tasks-agency');
    // The approval is done on the form, where the head fills their own part.
    await approve.click();
    await page.getByTestId('document-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/documents/${toApproveForm}`);
  });
});
