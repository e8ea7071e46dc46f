/**
 * 公示 (#16) in the browser: a penalty decision issued to a person is published by the department
 * head from the case page, within its time limit; it appears on the public pages (no sign-in) with
 * the person's 身份证号 masked and no phone or address; a reconsideration linked to it revokes it,
 * the head withdraws the disclosure naming that case, and the public page then says 已撤回 with
 * the reason and none of the content.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { cases, documents, type StoredPrintContext } from '../src/db/schema.ts';
import { localDate } from '../src/time.ts';
import { apiAs, FACTS } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { select } from './support/ui.ts';

const NUMBER = '津滨市监罚〔2026〕0031号';
const ID = '11010519491231002X';
const PHONE = '13812345678';
const ADDRESS = '天津市滨海新区塘沽街道某某路8号';
let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';
let caseNumber = '';
let publicId = '';
let reconsideration = { id: '', number: '' };
const today = localDate(new Date());

const step = flowSteps(() => page);
/** A public page as anyone fetches it: no cookie, no session. */
const anonymous = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  server = await startE2eServer();
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  const colleagues = await officer.get<{ items: { id: string }[] }>('/colleagues');
  const opened = await officer.post<{ id: string; number: string }>('/cases', {
    matter: '120116-SCJ-CF-0001-01',
    party: { kind: 'person', name: '张某某', idNumber: ID, phone: PHONE, address: ADDRESS },
    violationDate: '2026-06-01',
    officers: colleagues.items.map((c) => c.id),
    facts: FACTS,
  });
  caseId = opened.id;
  caseNumber = opened.number;
  // The steps to 送达 are the officer flow's; here the decision is issued today and the case
  // stands in 送达, as they leave it.
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  await db.insert(documents).values({
    id: randomUUID(),
    caseId,
    formCode: 'penalty-decision',
    version: 1,
    status: 'issued',
    number: NUMBER,
    data: {
      facts: '当事人未取得食品经营许可，在其住所销售预包装食品。',
      penalties: ['罚款'],
      fine: 70000,
      penaltyBasis: ['SPAQF-122-1'],
      orgName: '天津市滨海新区市场监督管理局',
      decidedAt: today,
    },
    formHash: 'e2e',
    createdBy: 'e2e',
    issuedAt: new Date().toISOString(),
    printContext: {
      citations: { 'SPAQF-122-1': '《中华人民共和国食品安全法》第一百二十二条第一款' },
    } as unknown as StoredPrintContext,
  });
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  const now = new Date().toISOString();
  await db
    .update(cases)
    .set({ state: 'service', stateEntered: { ...row?.stateEntered, decision: now, service: now } })
    .where(eq(cases.id, caseId));
  db.$client.close();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('公示: publish, the public pages, withdrawal after a revocation', () => {
  step('the department head sees the decision awaiting disclosure, with its due day, and publishes it', async () => {
    await login(page, PEOPLE.head.username);
    await page.goto('/disclosures');
    await page.getByTestId('disclosures-page').getByText(caseNumber).first().waitFor();
    await shot(page, 'public-officer-list');
    await page.goto(`/cases/${caseId}`);
    const card = page.locator('[data-testid="disclosure"][data-disclosure="pending"]');
    await card.waitFor();
    await expect(card.textContent()).resolves.toMatch(/应于 \d{4}-\d{2}-\d{2} 前公示/);
    await card.getByTestId('disclosure-publish').click();
    await page.locator('#disclosure-confirm').click();
    await page.locator('[data-testid="disclosure"][data-disclosure="published"]').waitFor();
    await expect(page.getByTestId('disclosure').textContent()).resolves.toContain(NUMBER);
    await shot(page, 'public-officer-case');
  });

  step('the public list and the decision’s page show it without sign-in, the person’s ID masked', async () => {
    const list = await anonymous('/public/');
    expect(list.status).toBe(200);
    expect(list.text).toContain(NUMBER);
    publicId = /href="\/public\/decisions\/([0-9a-f-]{36})"/.exec(list.text)?.[1] ?? '';
    const detail = await anonymous(`/public/decisions/${publicId}`);
    expect(detail.text).toContain('张某某（身份证号 110105********002X）');
    for (const secret of [ID, PHONE, '某某路8号']) expect(detail.text).not.toContain(secret);
    await page.context().clearCookies();
    await page.goto('/public/');
    await page.getByRole('link', { name: NUMBER }).waitFor();
    await shot(page, 'public-list');
    await page.getByRole('link', { name: NUMBER }).click();
    await page.getByText('110105********002X').waitFor();
    await shot(page, 'public-decision');
  });

  step('a reconsideration linked to the decision revokes it, and the withdrawal is due', async () => {
    const officer = await apiAs(server.url, PEOPLE.officer.username);
    reconsideration = await officer.post<{ id: string; number: string }>('/cases', {
      matter: 'legal-reconsideration',
      party: { kind: 'person', name: '张某某', idNumber: ID },
      facts: { respondent: '天津市滨海新区市场监督管理局', actType: '行政处罚', actNumber: NUMBER, knownDate: today },
      linkedCase: caseId,
    });
    const { version } = await officer.get<{ version: number }>(`/cases/${reconsideration.id}`);
    await officer.patch(`/cases/${reconsideration.id}/facts`, { version, facts: { outcome: '撤销' } });
    // Its officer is warned (the rule notifies the case officers, legal affairs and the supervisor).
    const alerts = await officer.get<{ items: { code: string; case: { id: string } }[] }>('/alerts');
    expect(alerts.items.filter((a) => a.code === 'revoked-decision-disclosure').map((a) => a.case.id)).toEqual([
      reconsideration.id,
    ]);
  });

  step(
    'the head withdraws the disclosure, naming the reconsideration; the public page says 已撤回 and why',
    async () => {
      await login(page, PEOPLE.head.username);
      await page.goto(`/cases/${caseId}`);
      const card = page.locator('[data-testid="disclosure"][data-disclosure="published"]');
      await card.waitFor();
      await card.getByTestId('disclosure-withdraw').click();
      await card.getByTestId('disclosure-reason').fill('行政复议决定撤销该行政处罚决定');
      await select(page, card.getByTestId('disclosure-cause'), reconsideration.number);
      await card.getByTestId('disclosure-submit').click();
      await page.locator('[data-testid="disclosure"][data-disclosure="withdrawn"]').waitFor();
      await shot(page, 'public-officer-withdrawn');
      const officer = await apiAs(server.url, PEOPLE.officer.username);
      const alerts = await officer.get<{ items: { code: string }[] }>('/alerts');
      expect(alerts.items.filter((a) => a.code === 'revoked-decision-disclosure')).toEqual([]);
      expect((await anonymous('/public/')).text).not.toContain(NUMBER);
      const withdrawn = await anonymous(`/public/decisions/${publicId}`);
      expect(withdrawn.text).toContain('已撤回');
      expect(withdrawn.text).toContain('行政复议决定撤销该行政处罚决定');
      expect(withdrawn.text).not.toContain('张某某');
      await page.context().clearCookies();
      await page.goto(`/public/decisions/${publicId}`);
      await page.getByText('已撤回').first().waitFor();
      await shot(page, 'public-withdrawn');
    },
  );
});
