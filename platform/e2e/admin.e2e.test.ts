/**
 * 三员分立 in the browser, as a provincial copy starts: the system administrator creates an officer
 * (without roles); the security administrator gives the officer the role and the 执法证, and to
 * the legal reviewer, refused an opinion without it, the 法律职业资格; the officer signs in and
 * opens a case; the qualified reviewer gives the 法制审核 opinion. Each administrator lands on
 * their own screen, sees only their own screens, and is refused the other's actions on screen and
 * on the server. Screenshots go to docs/screenshots/admin-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { binhaiBundle } from '../test/harness.ts';
import { AGENCY_PART, apiAs, FACTS, OFFICER_PART } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PASSWORD, PEOPLE, startSeededServer } from './support/server.ts';
import { check, item, select, type } from './support/ui.ts';

const SYS = { username: 'sys.admin', displayName: '系统管理员甲', roles: ['system-admin'], orgCode: '120116-SFJ' };
const SEC = { username: 'sec.admin', displayName: '安全管理员乙', roles: ['security-admin'], orgCode: '120116-SFJ' };
/** A legal reviewer installed without the 法律职业资格 (as `yifa user add` without the flag leaves one). */
const REVIEWER = { username: 'sun.reviewer', displayName: '孙法制', roles: ['legal-reviewer'] };
const OFFICER = { username: 'chen.officer', displayName: '陈执法', certificate: '12011620260088' };
const SCJ = '天津市滨海新区市场监督管理局（120116-SCJ）';
const MATTER = '120116-SCJ-CF-0001-01';

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';

const step = flowSteps(() => page);

/** Signs in over HTTP and sends one request, answering its status and error code (refusals are expected). */
async function attempt(username: string, method: string, path: string, body?: unknown) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      cookie,
      'x-csrf-token': csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await res.json()) as { error?: { code: string; details?: { permission?: string } } };
  return { status: res.status, code: answer.error?.code, permission: answer.error?.details?.permission };
}

/** The accounts table's row of a user. */
const row = (username: string) => page.locator(`tr[data-username="${username}"]`);

/** Searches the accounts table for a user and waits for the row. */
async function find(username: string) {
  const search = page.locator('input[data-testid="accounts-search"]');
  await search.fill(username);
  await search.press('Enter');
  await row(username).waitFor();
}

/** Clicks a row's button that asks first, then OK in its confirmation. */
async function confirmRow(username: string, testId: string) {
  await row(username).getByTestId(testId).click();
  await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('confirm-ok').click();
}

/** The reviewer opens the first review of the queue and enters an 同意 opinion with the document's own fields. */
async function enterOpinion() {
  await page.getByRole('menuitem', { name: '法制审核' }).click();
  await page.getByTestId('review-item').first().getByRole('link').click();
  await page.getByTestId('review-page').waitFor();
  await page
    .getByTestId('opinion-form')
    .locator('label')
    .filter({ hasText: /^同意$/ })
    .click();
  await page.getByTestId('opinion-comment').fill('事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。');
  const doc = page.getByTestId('review-document');
  await doc.locator('[data-field="reviewGrounds"]').waitFor();
  await type(doc, 'submittingUnit', '执法稽查科');
  await check(doc, 'reviewGrounds', '达到本地重大执法决定标准');
}

/** The menu items of the header, in order. */
const nav = () => page.locator('.ant-layout-header .ant-menu-item').allTextContents();

beforeAll(async () => {
  server = await startSeededServer([binhaiBundle()], [SYS, SEC, REVIEWER, PEOPLE.second, PEOPLE.head, PEOPLE.agency]);
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('三员分立: the system and security administrators in the browser', () => {
  step('the system administrator lands on 账号管理 and sees only his screens', async () => {
    await login(page, SYS.username);
    await page.getByTestId('accounts-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/accounts');
    const items = await nav();
    expect(items).toContain('账号管理');
    expect(items).toContain('配置包');
    for (const other of ['角色与证件', '安全策略', '审计日志', '工作台']) expect(items).not.toContain(other);
    await row(SEC.username).waitFor();
    await shot(page, 'admin-accounts');
  });

  step('creates the officer without roles; a weak password and a taken name are refused on their fields', async () => {
    await page.getByTestId('account-create').click();
    const dialog = page.getByTestId('account-create-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('account-username').fill(OFFICER.username);
    await dialog.getByTestId('account-name').fill(OFFICER.displayName);
    // 110 organisations: typed to find, as an administrator does.
    await dialog.getByTestId('account-org').click();
    await page.keyboard.type('120116-SCJ');
    await page
      .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${SCJ}"]`)
      .click();
    await dialog.getByTestId('account-password').fill('short');
    await page.getByTestId('account-create-dialog-ok').click();
    await dialog.locator('.ant-form-item-explain-error', { hasText: '密码至少 10 位' }).waitFor();
    await shot(page, 'admin-accounts-create-refused');
    await dialog.getByTestId('account-password').fill(PASSWORD);
    await dialog.getByTestId('account-username').fill(SEC.username);
    await page.getByTestId('account-create-dialog-ok').click();
    await dialog
      .getByTestId('error-alert')
      .filter({ hasText: `用户名 ${SEC.username} 已存在` })
      .waitFor();
    await dialog.getByTestId('account-username').fill(OFFICER.username);
    await page.getByTestId('account-create-dialog-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await find(OFFICER.username);
    await expect(row(OFFICER.username).textContent()).resolves.toContain('无角色');
    await expect(row(OFFICER.username).textContent()).resolves.toContain('天津市滨海新区市场监督管理局');
  });

  step('is refused the security administrator’s work on screen and on the server', async () => {
    // No role, certificate, lock or password button on his rows.
    for (const id of ['account-roles', 'account-certificate', 'account-lock', 'account-reset'])
      await expect(row(OFFICER.username).getByTestId(id).count()).resolves.toBe(0);
    await page.goto('/admin/roles');
    await page.getByTestId('admin-refused').filter({ hasText: '安全管理员' }).waitFor();
    await page.goto('/admin/security-policy');
    await page.getByTestId('admin-refused').waitFor();
    await shot(page, 'admin-refused-system');
    const refusals = [
      await attempt(SYS.username, 'PUT', `/admin/accounts/${OFFICER.username}/roles`, { roles: ['officer'] }),
      await attempt(SYS.username, 'PUT', `/admin/accounts/${SYS.username}/roles`, {
        roles: ['system-admin', 'officer'],
      }),
      await attempt(SYS.username, 'PUT', `/admin/accounts/${OFFICER.username}/certificate`, {
        number: OFFICER.certificate,
        validUntil: '2030-12-31',
      }),
      await attempt(SYS.username, 'PUT', `/admin/accounts/${REVIEWER.username}/legal-qualification`, { held: true }),
      await attempt(SYS.username, 'GET', '/admin/security-policy'),
    ];
    expect(refusals.map((r) => [r.status, r.permission])).toEqual([
      [403, 'role.assign'],
      [403, 'role.assign'],
      [403, 'user.certify'],
      [403, 'user.certify'],
      [403, 'security.configure'],
    ]);
  });

  step('the security administrator lands on 角色与证件 and gives the officer the role and the 执法证', async () => {
    await login(page, SEC.username);
    await page.getByTestId('roles-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/roles');
    const items = await nav();
    expect(items).toEqual(expect.arrayContaining(['角色与证件', '安全策略']));
    for (const other of ['账号管理', '配置包', '审计日志', '工作台', '立案']) expect(items).not.toContain(other);
    await find(OFFICER.username);
    await row(OFFICER.username).getByTestId('account-roles').click();
    const roles = page.getByTestId('roles-dialog');
    // On the CI run of a clean clone at 7dd4289 the click landed while the dialog opened and
    // ticked nothing (saving then said nothing changed): the tick is checked, and made again.
    for (let attempt = 1; ; attempt++) {
      await roles.getByTestId('role-officer').click();
      const ticked = await roles
        .locator('[data-testid="role-officer"]:checked')
        .waitFor({ timeout: 5000 })
        .then(
          () => true,
          () => false,
        );
      if (ticked) break;
      if (attempt === 3) throw new Error('执法人员 was clicked three times and is not ticked');
    }
    await page.getByTestId('roles-dialog-ok').click();
    await roles.waitFor({ state: 'hidden' });
    await row(OFFICER.username).filter({ hasText: '执法人员' }).waitFor();

    await row(OFFICER.username).getByTestId('account-certificate').click();
    const certificate = page.getByTestId('certificate-dialog');
    await certificate.getByTestId('certificate-number').fill(OFFICER.certificate);
    await certificate.getByTestId('certificate-valid-until').fill('2030-02-30');
    await page.getByTestId('certificate-dialog-ok').click();
    await certificate.locator('.ant-form-item-explain-error', { hasText: '不是有效日期' }).waitFor();
    await certificate.getByTestId('certificate-valid-until').fill('2030-12-31');
    await page.getByTestId('certificate-dialog-ok').click();
    await certificate.waitFor({ state: 'hidden' });
    await row(OFFICER.username).getByTestId('certificate-cell').filter({ hasText: OFFICER.certificate }).waitFor();
    await shot(page, 'admin-roles');
  });

  step('cannot change his own roles, and is refused the system administrator’s work', async () => {
    await find(SEC.username);
    // His own row has no buttons; the server refuses it all the same.
    await expect(row(SEC.username).getByTestId('account-roles').count()).resolves.toBe(0);
    const own = await attempt(SEC.username, 'PUT', `/admin/accounts/${SEC.username}/roles`, {
      roles: ['system-admin'],
    });
    expect([own.status, own.code]).toEqual([403, 'forbidden']);
    await page.goto('/admin/accounts');
    await page.getByTestId('admin-refused').filter({ hasText: '系统管理员' }).waitFor();
    await shot(page, 'admin-refused-security');
    const refusals = [
      await attempt(SEC.username, 'POST', '/admin/accounts', {
        username: 'x.officer',
        displayName: 'X',
        orgCode: '120116-SCJ',
        password: PASSWORD,
      }),
      await attempt(SEC.username, 'POST', `/admin/accounts/${OFFICER.username}/disable`),
      await attempt(SEC.username, 'PUT', `/admin/accounts/${OFFICER.username}/organisation`, { orgCode: '120116-STJ' }),
      await attempt(SEC.username, 'GET', '/cases'),
    ];
    expect(refusals.map((r) => [r.status, r.permission])).toEqual([
      [403, 'user.manage'],
      [403, 'user.manage'],
      [403, 'user.manage'],
      [403, 'case.read'],
    ]);
  });

  step('sets the password policy on 安全策略', async () => {
    await page.getByRole('menuitem', { name: '安全策略' }).click();
    await page.getByTestId('policy-page').waitFor();
    await page.getByTestId('policy-source').filter({ hasText: '默认策略' }).waitFor();
    await page.getByTestId('policy-minLength').fill('4');
    await page.getByTestId('policy-save').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('policy-minLength').fill('12');
    await page.getByTestId('policy-save').click();
    await page.getByTestId('policy-source').filter({ hasText: SEC.username }).waitFor();
    await shot(page, 'admin-policy');
  });

  step('the officer signs in and opens a case with a colleague', async () => {
    await login(page, OFFICER.username);
    await page.getByTestId('workbench').waitFor();
    await page.getByRole('menuitem', { name: '立案' }).click();
    const search = page.locator('input[data-testid=matter-search]');
    await search.fill('食品 经营许可');
    await search.press('Enter');
    await page.locator(`[data-code="${MATTER}"]`).click();
    await page.getByTestId('matter-card').waitFor();
    await item(page, '单位名称').locator('input').fill('天津滨海某某超市有限公司');
    await item(page, '统一社会信用代码').locator('input').fill('91120116MA05JXQ218');
    await item(page, '法定代表人（负责人）').locator('input').fill('刘某某');
    await item(page, '住所（住址）').locator('input').fill('天津市滨海新区新港街道某某路18号');
    await item(page, '违法行为发生日期').locator('input').fill('2026-06-01');
    await select(page, page.getByTestId('officers'), `${PEOPLE.second.displayName}（${PEOPLE.second.certificateNo}）`);
    await item(page, '货值金额').locator('input').fill(String(FACTS.goodsValue));
    await select(page, item(page, '危害后果').locator('.ant-select'), '一般');
    for (const f of ['有证据足以证明没有主观过错', '阻碍或者拒不配合执法人员依法执行职务', '初次违法', '及时改正'])
      await item(page, f).locator('label.ant-radio-button-wrapper').filter({ hasText: '否' }).click();
    await item(page, '当事人一年内同类违法受处罚次数').locator('input').fill('0');
    await select(page, item(page, '拟处罚种类').locator('.ant-select'), '罚款');
    await item(page, '拟罚款金额').locator('input').fill(String(FACTS.proposedFine));
    await page.getByTestId('open-submit').click();
    await page.getByTestId('case-page').waitFor();
    caseId = page.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
  });

  step('the reviewer without the 法律职业资格 is refused the 法制审核 opinion', async () => {
    // Filing approved, investigated and submitted for review over HTTP, as the other walks do.
    const officer = await apiAs(server.url, OFFICER.username);
    const agency = await apiAs(server.url, PEOPLE.agency.username);
    const filing = await officer.post<{ id: string; data: Record<string, unknown>; updatedAt: string }>(
      `/cases/${caseId}/documents`,
      { form: 'case-filing-approval', data: { ...OFFICER_PART, officerSignature: OFFICER.displayName } },
    );
    await agency.put(`/documents/${filing.id}`, {
      data: { ...filing.data, ...AGENCY_PART },
      updatedAt: filing.updatedAt,
    });
    const at = async () => (await officer.get<{ version: number }>(`/cases/${caseId}`)).version;
    await agency.post(`/cases/${caseId}/transitions`, { action: 'approve-filing', version: await at() });
    await officer.post(`/cases/${caseId}/documents`, {
      form: 'investigation-report',
      data: {
        investigationCourse: '执法人员现场检查并询问当事人，调取了进货台账。',
        facts: '当事人未取得食品经营许可销售预包装食品，货值金额8000元。',
        evidence: [{ name: '现场检查笔录', kind: '勘验笔录、现场笔录', proves: '未取得许可经营' }],
        conclusion: '确有应受行政处罚的违法行为，建议给予行政处罚',
        proposedPenalties: ['罚款'],
        proposedFine: FACTS.proposedFine,
        officerSignatures: `${OFFICER.displayName}、${PEOPLE.second.displayName}`,
      },
    });
    await officer.post(`/cases/${caseId}/transitions`, { action: 'finish-investigation', version: await at() });
    const head = await apiAs(server.url, PEOPLE.head.username);
    await head.post(`/cases/${caseId}/transitions`, { action: 'submit-legal-review', version: await at() });

    await login(page, REVIEWER.username);
    await enterOpinion();
    await page.getByTestId('opinion-submit').click();
    await page.locator('[data-testid="error-alert"][data-code="legal-qualification-required"]').waitFor();
    await shot(page, 'admin-review-refused-unqualified');
  });

  step('the security administrator records the 法律职业资格; the reviewer gives the opinion', async () => {
    await login(page, SEC.username);
    await find(REVIEWER.username);
    await confirmRow(REVIEWER.username, 'account-qualification');
    await row(REVIEWER.username).filter({ hasText: '已取得' }).waitFor();
    await shot(page, 'admin-roles-qualified');

    await login(page, REVIEWER.username);
    await enterOpinion();
    const post = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/opinion'));
    await page.getByTestId('opinion-submit').click();
    expect((await post).status()).toBe(200);
    await page.locator('[data-testid="case-page"][data-state="notification"]').waitFor();
    // The refusals this walk asked for (weak password, taken name, bad date, policy out of bounds,
    // the unqualified opinion) are the only failed requests; nothing else went wrong in the page.
    const refused = /^Failed to load resource: the server responded with a status of (403|409|422)\b/;
    expect(browser.errors.filter((e) => !refused.test(e))).toEqual([]);
    expect(browser.errors.filter((e) => refused.test(e))).toHaveLength(5);
  });

  step('the screens read in English', async () => {
    await login(page, SEC.username);
    await page.getByTestId('roles-page').waitFor();
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).click();
    await page.getByRole('heading', { name: 'Roles and certificates' }).waitFor();
    expect(await nav()).toEqual(expect.arrayContaining(['Roles and certificates', 'Security policy']));
    await find(REVIEWER.username);
    await row(REVIEWER.username).filter({ hasText: 'Held' }).waitFor();
    await expect(row(REVIEWER.username).textContent()).resolves.toContain('Revoke legal qualification');
    await shot(page, 'admin-roles-en');
    await page.getByRole('menuitem', { name: 'Security policy' }).click();
    await page.getByTestId('policy-source').filter({ hasText: 'Set by sec.admin' }).waitFor();
  });
});
