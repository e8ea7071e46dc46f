/**
 * 双随机、一公开 in the browser: the department head imports the register of market entities from
 * an .xlsx (a sheet with a bad credit code is refused row by row and saves nothing; the corrected
 * one is saved), sees their risk classes, makes an inspection plan, draws it — the seed and the
 * algorithm shown, two officers per entity — verifies the draw from the audit record, and opens
 * its inspections as cases of the inspection workflow.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { creditCode } from '../src/demo/ids.ts';
import { writeEntitySheet } from '../src/inspection-plans/entities-xlsx.ts';
import { binhaiBundle } from '../test/harness.ts';
import { apiAs, FACTS } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startSeededServer } from './support/server.ts';
import { select } from './support/ui.ts';

const PLAN = '2027年度食品经营者双随机抽查';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const rows = Array.from({ length: 40 }, (_, i) => ({
  creditCode: creditCode('92', '120116', `L${String(i + 1).padStart(7, '0')}`),
  name: `天津滨海新区某某${i + 1}号食品店`,
  address: `天津市滨海新区塘沽街道某某路${i + 1}号`,
  sector: '市场监管',
  org: '120116-SCJ',
}));

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

const step = flowSteps(() => page);
/** The success messages fade by themselves: shots are taken without them. */
const toastsGone = () => page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });

async function upload(buffer: Uint8Array, name: string) {
  await page.getByTestId('entities-file').setInputFiles({ name, mimeType: XLSX, buffer: Buffer.from(buffer) });
  await page.getByTestId('import-report').waitFor();
}

beforeAll(async () => {
  server = await startSeededServer(
    [binhaiBundle()],
    [
      ...Object.values(PEOPLE),
      { username: 'liu.officer', displayName: '刘洋', roles: ['officer'], certificateNo: '12011620260003' },
      { username: 'chen.officer', displayName: '陈静', roles: ['officer'], certificateNo: '12011620260004' },
    ],
  );
  // Penalty cases this year: two against the first entity (class D), one against the second (class C).
  const officer = await apiAs(server.url, PEOPLE.officer.username);
  const colleagues = await officer.get<{ items: { id: string }[] }>('/colleagues');
  const open = (n: number, confirmedDuplicates?: string[]) =>
    officer.post<{ id: string }>('/cases', {
      matter: '120116-SCJ-CF-0001-01',
      party: { kind: 'organisation', name: rows[n]?.name, idNumber: rows[n]?.creditCode, address: rows[n]?.address },
      violationDate: '2026-06-01',
      officers: colleagues.items.map((c) => c.id),
      facts: FACTS,
      ...(confirmedDuplicates ? { confirmedDuplicates } : {}),
    });
  const first = await open(0);
  await open(0, [first.id]);
  await open(1);
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('双随机、一公开: an inspection plan drawn and its cases opened', () => {
  step('the head imports a register with a wrong credit code: each bad row named, nothing saved', async () => {
    await login(page, PEOPLE.head.username);
    await page.getByRole('menuitem', { name: '市场主体库' }).click();
    await page.getByTestId('entities-page').waitFor();
    const bad = rows.map((r, i) =>
      i === 3 ? { ...r, creditCode: `${r.creditCode.slice(0, 17)}${r.creditCode.endsWith('0') ? '1' : '0'}` } : r,
    );
    await upload(await writeEntitySheet(bad), '检查对象名录-有误.xlsx');
    const rejected = page.locator('[data-testid="import-row"][data-action="reject"]');
    await rejected.waitFor();
    await expect(rejected.textContent()).resolves.toContain('统一社会信用代码：统一社会信用代码校验位不正确');
    await expect(rejected.textContent()).resolves.toContain('第 5 行');
    expect(await page.getByTestId('entities-apply').count()).toBe(0);
    await shot(page, 'random-inspection-import-errors');
    const api = await apiAs(server.url, PEOPLE.head.username);
    expect((await api.get<{ total: number }>('/entities')).total).toBe(0);
  });

  step('imports the corrected register and sees every entity with its risk class', async () => {
    await upload(await writeEntitySheet(rows), '检查对象名录.xlsx');
    await page.getByTestId('entities-apply').click();
    await page.getByTestId('entity-row').nth(19).waitFor();
    await page.getByText('共 40 户').waitFor();
    // By the cases against them: the first has two penalty cases this year (D), the second one (C), the rest none (B).
    const classOf = (n: number) =>
      page
        .getByTestId('entity-row')
        .filter({ hasText: rows[n]?.creditCode as string })
        .getByTestId('risk-class')
        .getAttribute('data-class');
    await expect(classOf(0)).resolves.toBe('D');
    await expect(classOf(1)).resolves.toBe('C');
    await expect(classOf(2)).resolves.toBe('B');
    await shot(page, 'random-inspection-entities');
  });

  step('makes a plan for 2027', async () => {
    await page.getByRole('menuitem', { name: '抽查计划' }).click();
    await page.getByTestId('plan-form').waitFor();
    await page.getByTestId('plan-name').fill(PLAN);
    await select(page, page.getByTestId('plan-sector'), '市场监管');
    await select(page, page.getByTestId('plan-matter'), '双随机抽查');
    for (const [id, day] of [
      ['periodFrom', '2027-01-01'],
      ['periodTo', '2027-12-31'],
    ] as const) {
      await page.locator(`#${id}`).fill(day);
      await page.locator(`#${id}`).press('Enter');
    }
    await page.getByTestId('plan-create').click();
    await page.locator('[data-testid="plan-page"][data-state="draft"]').waitFor();
  });

  step('draws it: the seed and algorithm shown, two officers for each entity drawn', async () => {
    await page.getByTestId('plan-draw').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid="plan-page"][data-state="drawn"]').waitFor();
    await expect(page.getByTestId('plan-seed').textContent()).resolves.toMatch(/^\d+$/);
    // A whole year: D 1 × 20 % → 1, C 1 × 10 % → 1, B 38 × 5 % → ceil(1.9) = 2.
    await expect(page.getByTestId('plan-inspection').count()).resolves.toBe(4);
    const drawn = await page.getByTestId('plan-inspection').allTextContents();
    expect(drawn[0]).toContain(rows[0]?.name);
    expect(drawn[1]).toContain(rows[1]?.name);
    const officers = ['李明', '王强', '刘洋', '陈静'];
    for (const text of drawn) expect(officers.filter((o) => text.includes(o))).toHaveLength(2);
    await page.getByTestId('plan-verify').click();
    await page.locator('[data-testid="plan-verified"][data-same="true"]').waitFor();
    await toastsGone();
    await shot(page, 'random-inspection-drawn');
  });

  step('opens the inspections as cases and reaches one', async () => {
    await page.getByTestId('plan-open').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid="plan-page"][data-state="opened"]').waitFor();
    await page.getByTestId('plan-case').first().waitFor();
    await page.getByTestId('plan-results').waitFor();
    await toastsGone();
    await shot(page, 'random-inspection-opened');
    await page.getByTestId('plan-case').first().click();
    await page.getByTestId('case-page').waitFor();
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('assigned');
  });

  step('the plan is public (一公开) without sign-in: drawn, its results to follow', async () => {
    const visitor = await page.context().browser()?.newContext({ baseURL: server.url });
    if (!visitor) throw new Error('no browser to open a visitor’s page');
    const pub = await visitor.newPage();
    try {
      await pub.goto('/public/inspections');
      await pub.getByRole('link', { name: PLAN }).click();
      await pub.getByRole('heading', { name: PLAN }).waitFor();
      await pub.getByText('另有 4 户检查尚未结束').waitFor();
      // No officer's name on the public page.
      for (const o of ['李明', '王强', '刘洋', '陈静']) expect(await pub.getByText(o).count()).toBe(0);
      await shot(pub, 'public-inspections');
    } finally {
      await visitor.close();
    }
  });
});
