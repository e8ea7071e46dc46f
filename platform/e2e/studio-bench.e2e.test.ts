/**
 * The studio's rule test bench and validation as you type (#14), as an implementer uses them: in
 * a working copy on the installed Binhai version, Binhai's benchmark for food trading without a
 * licence (DB-SPAQF-122-1) is opened; facts are entered in the bench and the violation date set —
 * the tier 一般 and its range 65,000–85,000 yuan show with the explanation. The bench is saved as
 * a golden case and the copy's golden tests pass. Then the benchmark is edited: a legal basis the
 * pack lacks is listed by the live validation (before any save) and marked at its field; the 2022
 * ordinary tier renamed in code and saved makes the saved golden case fail, with its explanation.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { flowSteps, openBrowser, SHOTS } from './support/browser.ts';
import { ensureStudioBuilt } from './support/build.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';
import { binhaiWorkingCopy } from './support/studio.ts';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let id: string;
const step = flowSteps(() => page);
const ITEM = '/studio/workspaces/{id}/items/discretion/DB-SPAQF-122-1';
const CASE = '测试台：无证经营货值八千元、一般后果 → 一般';

beforeAll(async () => {
  ensureStudioBuilt();
  server = await startE2eServer();
  browser = await openBrowser(server.url);
  page = browser.page;
  id = await binhaiWorkingCopy(server.url, 'tj-binhai-bench', '滨海新区测试台配置包');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const bench = () => page.getByTestId('rule-bench');
/** The input of a bench field (antd puts the test id on the input or on its wrapper). */
const inputOf = (testId: string): Locator =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=descendant-or-self::input').first();

/** Chooses a yes/no of the bench. */
const yesNo = (testId: string, text: '是' | '否') =>
  page.locator(`[data-testid="${testId}"] label`, { hasText: text }).click();

/** Chooses an option of a bench select by its text (the newest dropdown: each select opens its own). */
async function choose(testId: string, text: string) {
  await page.locator(`[data-testid="${testId}"]`).click();
  await page.locator(`.ant-select-item-option[title="${text}"]:visible`).last().click();
}

async function openItem() {
  await page.goto(ITEM.replace('{id}', id));
  // A discretion benchmark is a large form (three versions of tiers and conditions): slow on a busy machine.
  await page.getByTestId('item-editor').waitFor({ timeout: 100_000 });
  await bench().waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="bench-facts"] [data-testid="bench-fact-goodsValue"]').waitFor({ timeout: 60_000 });
}

describe.sequential('the studio: the rule test bench and live validation', () => {
  step(
    'the implementer opens a Binhai benchmark in a working copy: the bench asks for the facts it reads',
    async () => {
      await page.goto('/studio/');
      await page.getByTestId('username').fill(PEOPLE.implementer.username);
      await page.getByTestId('password').fill(PASSWORD);
      await page.getByTestId('sign-in').click();
      await page.getByTestId('nav-workspaces').waitFor();
      await openItem();
      const facts = await page.locator('[data-testid="bench-facts"] [data-testid^="bench-fact-"]').count();
      expect(facts).toBe(11);
      await expect(bench().textContent()).resolves.toContain('货值金额');
    },
  );

  step('enters facts and the violation date: 一般, 65,000–85,000 yuan, with the explanation', async () => {
    await inputOf('bench-violation-date').fill('2026-03-01');
    await inputOf('bench-fact-goodsValue').fill('8000');
    await inputOf('bench-fact-partyPriorPenalties12m').fill('0');
    await choose('bench-fact-harmConsequence', '一般');
    for (const fact of [
      'noSubjectiveFault',
      'minorViolation',
      'firstViolation',
      'correctedPromptly',
      'obstructedEnforcement',
      'eliminatedHarm',
      'coerced',
      'cooperated',
    ])
      await yesNo(`bench-fact-${fact}`, '否');
    await page.getByTestId('bench-run').click();
    await page.getByTestId('bench-tier').getByText('一般').waitFor();
    await expect(page.getByTestId('bench-fine').textContent()).resolves.toBe('65,000 – 85,000 元');
    const lines = page.locator('[data-testid="bench-explanation"] li');
    expect(await lines.count()).toBeGreaterThan(3);
    await expect(page.getByTestId('bench-explanation').textContent()).resolves.toContain('一般');
    await bench().screenshot({ path: join(SHOTS, 'studio-rule-bench.png') });
  });

  step('saves the bench as a golden case, and the golden tests pass', async () => {
    await page.getByTestId('bench-save-golden').click();
    await inputOf('bench-golden-name').fill(CASE);
    await page.getByTestId('bench-golden-ok').click();
    await page.getByTestId('bench-saved').waitFor();
    await expect(page.getByTestId('bench-saved').textContent()).resolves.toContain('studio-bench');
    await page.getByTestId('back').click();
    await page.locator('[data-tab="tests"]').click();
    await page.getByTestId('run-tests').click();
    await page.getByTestId('tests-summary').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('tests-summary').getAttribute('data-failed')).resolves.toBe('0');
    await page.getByTestId('tests-passed').waitFor();
  });

  step('a basis the pack lacks, typed and not saved: live validation lists it and marks the field', async () => {
    await openItem();
    const basis = page.getByTestId('item-form').locator('[data-field="basis"] input').first();
    await basis.click();
    await basis.fill('NO-SUCH-BASIS');
    await basis.press('Enter');
    await page.getByTestId('unsaved').waitFor();
    const own = page.locator('[data-testid="live-issue"][data-own="yes"]', { hasText: 'NO-SUCH-BASIS' });
    await own.first().waitFor();
    await page
      .getByTestId('item-form')
      .locator('.ant-formily-item-error-help', { hasText: 'NO-SUCH-BASIS' })
      .first()
      .waitFor();
    await expect(page.getByTestId('live-summary').textContent()).resolves.toMatch(/本条目 [1-9]/);
    // The card at the top of the window, the form's basis field with its mark below it.
    await page.getByTestId('live-validation').evaluate((card) => card.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'studio-live-validation.png') });
  });

  step('the basis taken out again before any save: the live validation no longer lists it', async () => {
    const basis = page.getByTestId('item-form').locator('[data-field="basis"] input').first();
    const own = page.locator('[data-testid="live-issue"][data-own="yes"]', { hasText: 'NO-SUCH-BASIS' });
    await basis.click();
    await basis.press('Backspace');
    await own.first().waitFor({ state: 'detached', timeout: 60_000 });
    await expect(page.getByTestId('live-summary').textContent()).resolves.not.toContain('NO-SUCH-BASIS');
  });

  step("the 2022 ordinary tier's code changed and saved: the golden case fails, with its explanation", async () => {
    // versions.*.tiers.*.code: three versions of three tiers; the 2022 version's ordinary tier is the last.
    const code = page.getByTestId('item-form').locator('[data-field="versions.*.tiers.*.code"] input').nth(8);
    await expect(code.inputValue()).resolves.toBe('general');
    await code.fill('ordinary');
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor({ timeout: 60_000 });
    await page.getByTestId('back').click();
    await page.locator('[data-tab="tests"]').click();
    await page.getByTestId('run-tests').click();
    const failure = page.locator(`[data-test-failure="${CASE}"]`);
    await failure.waitFor({ timeout: 90_000 });
    await expect(failure.textContent()).resolves.toContain('general');
    await expect(failure.textContent()).resolves.toContain('ordinary');
    expect(Number(await page.getByTestId('tests-summary').getAttribute('data-failed'))).toBeGreaterThan(0);
  });

  step('no page error and nothing the Content-Security-Policy refused', async () => {
    expect(browser.errors).toEqual([]);
  });
});
