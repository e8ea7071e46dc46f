/**
 * The supervisor's walk of #15's "Done means", for what the other supervision walks do not show
 * (supervision, alerts, assessment and file-review .e2e.test.ts show the drill-down, the alert
 * handled with a note, a score's explanation down to its cases, the sampling and the scoring form):
 * the centre's supervisor (区司法局) reads the first screen — records by kind, 履职率, 参与率,
 * 人均办案率 and the case files 案卷评查 sampled, each measured — draws a round, assigns its files
 * to a reviewer who scores one; the figures count what was committed since the page opened on
 * 刷新 (a new case, the files sampled and reviewed) without leaving the page; the supervision
 * screens on a phone; a department head of the 区市场监管局 with sector supervision sees own and
 * the zones' market bureaus only and is refused the 区生态环境局's case in the app and by the API.
 * Screenshots: docs/screenshots/{desk,phone}-supervision-*.png.
 */
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openDb } from '../src/db/client.ts';
import { cases } from '../src/db/schema.ts';
import { createUser } from '../src/users.ts';
import { apiAs, seedCase } from './support/api.ts';
import { DESK, flowSteps, login, openBrowser, PHONE, shot } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startE2eServer } from './support/server.ts';
import { date, select, type } from './support/ui.ts';

const SUPERVISOR = { username: 'lu.supervisor', displayName: '陆监督', orgCode: '120116-SFJ', roles: ['supervisor'] };
const REVIEWER = { username: 'xu.reviewer', displayName: '徐评查', orgCode: '120116-SFJ', roles: ['file-reviewer'] };
const SECTOR_HEAD = {
  username: 'qin.sector',
  displayName: '秦行业',
  orgCode: '120116-SCJ',
  roles: ['department-head', 'sector-supervisor'],
};
const STJ_OFFICERS = [
  { username: 'bai.officer', displayName: '白杨', orgCode: '120116-STJ', roles: ['officer'], certificateNo: 'STJ7' },
  { username: 'cao.officer', displayName: '曹宁', orgCode: '120116-STJ', roles: ['officer'], certificateNo: 'STJ8' },
];
const SCJ = '120116-SCJ';
const STJ = '120116-STJ';
const YEAR = new Date().getUTCFullYear();
const people = { officer: PEOPLE.officer.username, agency: PEOPLE.agency.username };

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let stjCase: { id: string; number: string };
let roundId = '';

const step = flowSteps(() => page);
const row = (key: string) => page.locator(`[data-testid="statistics-row"][data-key="${key}"]`);
const atLevel = (level: string) => page.locator(`[data-testid="statistics"][data-level="${level}"]`).waitFor();
const figure = (code: string) => page.getByTestId(`figure-${code}`);

/** The status and body of a GET by a user, refusals included. */
async function statusOf(username: string, path: string): Promise<{ status: number; body: unknown }> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { cookie } });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  server = await startE2eServer();
  const db = await openDb(`file:${join(server.dir, 'yifa.db')}`);
  for (const u of [SUPERVISOR, REVIEWER, SECTOR_HEAD]) await createUser(db, { ...u, password: PASSWORD });
  for (const u of STJ_OFFICERS) await createUser(db, { ...u, password: PASSWORD, certificateValidUntil: '2030-12-31' });
  // Two cases of the 区市场监管局 closed this year (the walk to 结案 is the officer flows' test).
  const closed = [await seedCase(server.url, people, true), await seedCase(server.url, people, true)];
  await db
    .update(cases)
    .set({ state: 'closed', closedAt: new Date().toISOString() })
    .where(
      inArray(
        cases.id,
        closed.map((c) => c.id),
      ),
    );
  db.$client.close();
  // One case of the 区生态环境局, opened by its two officers: outside the department head's scope.
  const bai = await apiAs(server.url, 'bai.officer');
  const colleagues = await bai.get<{ items: { id: string }[] }>('/colleagues');
  stjCase = await bai.post<{ id: string; number: string }>('/cases', {
    matter: '120116-STJ-CF-0001-01',
    party: { kind: 'person', name: '张某', idNumber: '11010519491231002X' },
    violationDate: `${YEAR}-06-01`,
    officers: colleagues.items.map((c) => c.id),
    facts: {},
  });
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('the supervisor’s walk', () => {
  step('the first screen: records by kind, the three rates and the files sampled, measured', async () => {
    await login(page, SUPERVISOR.username);
    await page.getByRole('menuitem', { name: '执法监督' }).click();
    await atLevel('district');
    await figure('cases')
      .filter({ hasText: /执法记录\s*3/ })
      .waitFor();
    await page.getByTestId('records-by-kind').filter({ hasText: '行政处罚' }).waitFor();
    for (const rate of ['performanceRate', 'participationRate', 'casesPerOfficer'])
      await figure(rate).filter({ hasText: /\d/ }).waitFor();
    // Nothing sampled yet: a count of zero, not a typed figure.
    await figure('sampledFiles')
      .filter({ hasText: /抽查案卷\s*0/ })
      .waitFor();
    await expect(page.getByTestId('statistics-as-of').textContent()).resolves.toContain('含截至此刻已提交的全部记录');
  });

  step('draws a round of every subject in scope and assigns its files to a reviewer, who scores one', async () => {
    await page.getByRole('menuitem', { name: '案卷评查' }).click();
    await page.getByTestId('round-form').waitFor();
    await page.getByTestId('round-name').fill(`${YEAR}年度案卷评查（监督员走查）`);
    await date(page, 'periodFrom', `${YEAR}-01-01`);
    await date(page, 'periodTo', `${YEAR}-12-31`);
    await select(page, page.getByTestId('round-kind'), '按件数');
    await type(page, 'value', 5);
    await page.getByTestId('round-draw').click();
    await page.getByTestId('round-seed').waitFor();
    const files = page.getByTestId('round-files').locator('tbody tr.ant-table-row');
    await files.nth(1).waitFor();
    expect(await files.count()).toBe(2);
    roundId = page.url().split('/').pop() as string;
    await page.getByTestId('round-files').locator('thead .ant-checkbox-input').check();
    await page.getByTestId('assign-reviewer').click();
    await page.keyboard.type(REVIEWER.displayName);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: REVIEWER.displayName })
      .click();
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('assignee-2').filter({ hasText: REVIEWER.displayName }).waitFor();
    // The reviewer finishes one file with no deduction (100, passed); the form is the file-review walk's.
    const reviewer = await apiAs(server.url, REVIEWER.username);
    const round = await reviewer.get<{ files: { id: string; version: number }[] }>(`/file-review/rounds/${roundId}`);
    expect(round.files).toHaveLength(2);
    const first = round.files[0] as { id: string; version: number };
    await reviewer.post(`/file-review/files/${first.id}/score`, { version: first.version, marks: [], finish: true });
  });

  step('刷新 counts what was committed since the page opened: a new case, the files sampled and reviewed', async () => {
    await page.getByRole('menuitem', { name: '执法监督' }).click();
    await atLevel('district');
    await figure('cases')
      .filter({ hasText: /执法记录\s*3/ })
      .waitFor();
    // A case opened by the officer while the supervisor reads the page.
    await seedCase(server.url, people, false);
    await page.getByTestId('statistics-refresh').click();
    await figure('cases')
      .filter({ hasText: /执法记录\s*4/ })
      .waitFor();
    await figure('sampledFiles')
      .filter({ hasText: /抽查案卷\s*2/ })
      .waitFor();
    await expect(figure('sampledFiles').textContent()).resolves.toContain('已评 1 · 合格 1');
    await shot(page, 'desk-supervision-first-screen');
    await page.setViewportSize(PHONE);
    await figure('sampledFiles').waitFor();
    await shot(page, 'phone-supervision-first-screen');
    // Drilled to the 区市场监管局, the figure is that subject's.
    await row('120116-GOV').click();
    await atLevel('subject');
    await row(SCJ).click();
    await atLevel('unit');
    await figure('sampledFiles')
      .filter({ hasText: /抽查案卷\s*2/ })
      .waitFor();
    await shot(page, 'phone-supervision-subject');
  });

  step('on a phone: the round, a finished file and the assessment', async () => {
    await page.goto(`/file-review/rounds/${roundId}`);
    await page.getByTestId('round-files').locator('tbody tr.ant-table-row').nth(1).waitFor();
    await page.getByTestId('round-results').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'phone-supervision-file-review-round');
    await page.getByTestId('score-1').click();
    await page.getByTestId('file-review-score').waitFor();
    await page.getByTestId('file-state').filter({ hasText: '已完成' }).waitFor();
    await shot(page, 'phone-supervision-file-review-file');
    await page.goto('/assessment');
    await page.getByTestId('assessment').waitFor();
    await page.getByTestId('run').click();
    await page.getByTestId(`score-${SCJ}`).waitFor();
    await shot(page, 'phone-supervision-assessment');
    await page.setViewportSize(DESK);
  });

  step('a department head sees own and the zones’ market bureaus, and is refused the 区生态环境局', async () => {
    await login(page, SECTOR_HEAD.username);
    await page.goto('/supervision');
    await atLevel('district');
    await page.getByTestId('statistics-group-by').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '按执法主体' }).click();
    await atLevel('subject');
    await row(SCJ).waitFor();
    await row('120116-TEDA-SCJ').waitFor();
    await expect(row(STJ).count()).resolves.toBe(0);
    // Records of own bureau only (the 区生态环境局's case is not counted); its two sampled files.
    await figure('cases')
      .filter({ hasText: /执法记录\s*3/ })
      .waitFor();
    await figure('sampledFiles')
      .filter({ hasText: /抽查案卷\s*2/ })
      .waitFor();
    await shot(page, 'desk-supervision-department-head');
    // The 区生态环境局's case by its address: refused in the app …
    await page.goto(`/cases/${stjCase.id}`);
    await page.locator('.ant-result-404').waitFor();
    await expect(page.getByTestId('case-page').count()).resolves.toBe(0);
    await shot(page, 'desk-supervision-department-head-refused');
    // … and by the API: the case is not found, a filter on that subject is refused naming it (8f079dd:
    // it answered zero rows before), and its sampled files count nothing.
    expect((await statusOf(SECTOR_HEAD.username, `/cases/${stjCase.id}`)).status).toBe(404);
    const list = await statusOf(SECTOR_HEAD.username, `/statistics/cases?subject=${STJ}`);
    expect(list).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', details: { problems: [{ code: 'out-of-scope', path: '/subject' }] } } },
    });
    const sampled = await statusOf(SECTOR_HEAD.username, `/file-review/summary?org=${STJ}`);
    expect(sampled).toMatchObject({ status: 200, body: { sampled: 0 } });
    // The centre's supervisor reads the same case.
    expect((await statusOf(SUPERVISOR.username, `/cases/${stjCase.id}`)).status).toBe(200);
  });
});
