/**
 * A case in 执行 as the officer sees it: the decision's fine and its electronic payment code, the
 * payment deadline passed and the 加处罚款 counted, the window to apply to the court, no stale
 * deadline of an earlier step; a payment recorded stops the surcharge and is in the case log.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { addCalendarDays } from '@yifa/engine';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { cases, documents } from '../src/db/schema.ts';
import { localDate } from '../src/time.ts';
import { seedCase } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';

const CODE = '非税收入电子缴款码 1201160000000012345';
let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';
const today = localDate(new Date());
/** Served 20 days ago: 5 days past the 15 to pay, so 15 % of the fine is added. */
const served = addCalendarDays(today, -20);

const step = flowSteps(() => page);

beforeAll(async () => {
  server = await startE2eServer();
  caseId = (await seedCase(server.url, { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username })).id;
  // The steps from 调查取证 to 送达 are the officer flow's; here the case stands in 执行, as they leave it:
  // the 90-day deadline to decide was missed on the way (an earlier step's, stale here).
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  await db.insert(documents).values({
    id: randomUUID(),
    caseId,
    formCode: 'penalty-decision',
    version: 1,
    status: 'issued',
    number: '津滨市监罚〔2026〕0007号',
    data: { penalties: ['罚款'], fine: 70000, paymentAccount: CODE },
    formHash: 'e2e',
    createdBy: 'e2e',
    issuedAt: `${addCalendarDays(served, -3)}T02:00:00.000Z`,
  });
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  await db
    .update(cases)
    .set({
      state: 'execution',
      stateEntered: {
        ...row?.stateEntered,
        investigation: `${addCalendarDays(served, -120)}T02:00:00.000Z`,
        service: `${addCalendarDays(served, -2)}T02:00:00.000Z`,
        execution: `${served}T02:00:00.000Z`,
      },
    })
    .where(eq(cases.id, caseId));
  db.$client.close();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('执行: payment, 加处罚款 and the court application window', () => {
  step('shows the decision, the payment code, the surcharge and the court window, and no stale deadline', async () => {
    await login(page, PEOPLE.officer.username);
    await page.goto(`/cases/${caseId}`);
    const card = page.getByTestId('execution');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('津滨市监罚〔2026〕0007号');
    await expect(card.getByTestId('payment-code').textContent()).resolves.toBe(CODE);
    await expect(card.textContent()).resolves.toContain('已逾期 5 日');
    await expect(card.getByTestId('surcharge').textContent()).resolves.toBe('10,500 元');
    await expect(card.getByTestId('outstanding').textContent()).resolves.toBe('80,500 元');
    await expect(card.getByTestId('court-window').textContent()).resolves.toContain('行政强制法第五十三条');
    // The 90-day deadline to decide stopped, missed, at 送达: it is not counted down here.
    await expect(page.getByTestId('deadlines').count()).resolves.toBe(0);
    await shot(page, 'desk-execution');
  });

  step('records a payment: the surcharge stops on the day paid, and what is owed drops', async () => {
    const card = page.getByTestId('execution');
    await card
      .locator('input[data-testid="payment-amount"], [data-testid="payment-amount"] input')
      .first()
      .fill('70000');
    const paidOn = addCalendarDays(served, 17);
    const date = card.locator('[data-field="paidOn"] input, input[data-field="paidOn"]').first();
    await date.fill(paidOn);
    await date.press('Tab');
    await card.getByLabel('电子缴款码或票据号').fill('1201160000000012345');
    await card.getByTestId('payment-record').click();
    await card.getByTestId('payment').waitFor();
    // Paid 2 days late: 6 % of 70,000 元.
    await expect(card.getByTestId('surcharge').textContent()).resolves.toBe('4,200 元');
    await expect(card.getByTestId('outstanding').textContent()).resolves.toBe('4,200 元');
    await shot(page, 'desk-execution-paid');
  });
});
