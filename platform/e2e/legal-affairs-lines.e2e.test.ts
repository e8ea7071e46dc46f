/**
 * The legal-affairs lines the seed lists beside 复议 and 应诉, run on the same screens (#16): a
 * 立法征询 from the request letter to the consolidated reply — registered, sent to the departments,
 * their opinions gathered row by row, the reply drafted by the 法制机构 and issued by the head of
 * the justice bureau — with the reply-date alert raised while it is open and gone once it is sent;
 * then a case of each other new line (行政应议, 信息报送, 文件审核) opened and shown.
 * Screenshots: docs/screenshots/legal-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { binhaiBundle } from '../test/harness.ts';
import { apiAs } from './support/api.ts';
import { flowSteps, login, openBrowser, shot } from './support/browser.ts';
import { type E2eServer, PEOPLE, startSeededServer } from './support/server.ts';
import { act, check, field, item, select, type } from './support/ui.ts';

/** The justice bureau's 法制机构 and its head, who signs what the bureau sends out. */
const LEGAL = PEOPLE.legal;
const HEAD = { username: 'wu.sfj', displayName: '吴局长', roles: ['agency-head'], orgCode: '120116-SFJ' } as const;
const REQUESTER = { name: '天津市滨海新区人大常委会法制工作委员会', code: '11120116MB16279309' };
const DRAFT = '天津市滨海新区优化营商环境若干规定（草案）';
/** The applicant of the reconsideration the bureau answers, the recipient of its report, the unit whose draft it reviews. */
const APPLICANT = { name: '天津滨海某某商贸有限公司', code: '91120116MA07KTQ35W' };
const GOVERNMENT = { name: '天津市滨海新区人民政府', code: '11120116MB1583260K' };
const DRAFTING_UNIT = { name: '天津市滨海新区市场监督管理局', code: '11120116MB0219847G' };

/** A day in China time, `days` from today: the platform counts legal days there. */
const day = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';

const gotoCase = async (id = caseId) => {
  await page.goto(`/cases/${id}`);
  await page.getByTestId('case-page').waitFor();
};

/** Opens (or creates) a document of the case from its documents tab. */
async function openDocument(form: string): Promise<void> {
  await gotoCase();
  await page.getByRole('tab', { name: '文书' }).click();
  await page.locator(`[data-testid="documents"] [data-form="${form}"] button`).click();
  await page.getByTestId('document-page').waitFor();
  await page.locator('[data-field]').first().waitFor();
}

/** Saves the draft: the server takes it with nothing required missing. */
async function saveDocument(): Promise<void> {
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/documents/'));
  await page.getByTestId('doc-save').click();
  const res = await put;
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { missing: { field: string }[] }).missing).toEqual([]);
  await page.getByTestId('doc-complete').waitFor();
}

/** Types a date into the nth date field of that name (a table's rows have one each). */
async function tableDate(name: string, value: string, nth: number): Promise<void> {
  const el = field(page, name, nth);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

beforeAll(async () => {
  server = await startSeededServer([binhaiBundle()], [LEGAL, HEAD]);
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const step = flowSteps(() => page);

describe.sequential('立法征询: from the request letter to the consolidated reply', () => {
  step('the 立案 screen lists the legal-affairs lines, the new ones among them', async () => {
    await login(page, LEGAL.username);
    await page.getByRole('menuitem', { name: '立案' }).click();
    await page.locator('input[data-testid=matter-search]').fill('legal-');
    await page.locator('input[data-testid=matter-search]').press('Enter');
    for (const code of [
      'legal-legislative-consultation',
      'legal-reconsideration-response',
      'legal-information-report',
      'legal-normative-document-legality-review',
      'legal-normative-document-review',
      'legal-reconsideration',
    ])
      await page.locator(`[data-code="${code}"]`).waitFor();
    await shot(page, 'legal-lines-matters');
  });

  step('opens a 立法征询 with the requesting body, the draft and the reply date', async () => {
    await page.locator('[data-code="legal-legislative-consultation"]').click();
    await page.getByTestId('matter-card').waitFor();
    await expect(page.getByTestId('officers').count()).resolves.toBe(0);
    await item(page, '单位名称').locator('input').fill(REQUESTER.name);
    await item(page, '统一社会信用代码').locator('input').fill(REQUESTER.code);
    await item(page, '征求意见机关').locator('input').fill(REQUESTER.name);
    await item(page, '草案名称').locator('input').fill(DRAFT);
    await select(page, item(page, '草案类别').locator('.ant-select'), '地方性法规');
    await item(page, '收函日期').locator('input').fill(day(-3));
    await item(page, '反馈截止日期').locator('input').fill(day(2));
    await item(page, '分送征求意见的部门数').locator('input').fill('2');
    await page.getByTestId('open-submit').click();
    await page.getByTestId('case-page').waitFor();
    caseId = page.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByTestId('case-header').textContent()).resolves.toContain('法制业务');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('received');
    await expect(item(page, '草案名称').locator('input').inputValue()).resolves.toBe(DRAFT);
  });

  step('the reply date two days away raises the yellow alert on the workbench', async () => {
    await page.goto('/');
    const alert = page.getByTestId('alert-feed').locator('[data-code="legislative-consultation-overdue"]');
    await alert.waitFor();
    await expect(alert.getAttribute('data-level')).resolves.toBe('yellow');
    await expect(alert.textContent()).resolves.toContain(DRAFT);
  });

  step('registers the letter and sends it to the departments', async () => {
    await openDocument('consultation-request-letter');
    await expect(field(page, 'draftTitle').inputValue()).resolves.toBe(DRAFT);
    await type(page, 'letterNumber', '滨人法工函〔2026〕31号');
    await type(page, 'requirements', '请重点研究第十二条至第十八条涉企检查的规定，书面反馈意见。');
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'unit', '区市场监督管理局', 0);
    await type(page, 'reason', '涉企检查、信用监管', 0);
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'unit', '区生态环境局', 1);
    await type(page, 'registrar', LEGAL.displayName);
    await saveDocument();
    await gotoCase();
    await act(page, 'distribute');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('distributed');
  });

  step('records each department’s opinion as a row and moves on to the consolidation', async () => {
    await openDocument('department-opinions');
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'unit', '区市场监督管理局', 0);
    await tableDate('sentAt', day(-2), 0);
    await tableDate('repliedAt', day(-1), 0);
    await check(page, 'position', '有修改意见', 0);
    await type(page, 'opinion', '第十五条：建议明确“无事不扰”的适用范围，增加双随机抽查的衔接规定。', 0);
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'unit', '区生态环境局', 1);
    await tableDate('sentAt', day(-2), 1);
    await tableDate('repliedAt', day(-1), 1);
    await check(page, 'position', '无修改意见', 1);
    await type(page, 'compiler', LEGAL.displayName);
    await saveDocument();
    await shot(page, 'legal-consultation-opinions');
    await gotoCase();
    await act(page, 'opinions-collected');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('consolidating');
  });

  step('drafts the consolidated reply and submits it to the head', async () => {
    await openDocument('consultation-reply');
    await expect(field(page, 'requestingBody').inputValue()).resolves.toBe(REQUESTER.name);
    await type(page, 'letterNumber', '滨人法工函〔2026〕31号');
    await check(page, 'overall', '提出修改意见');
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'article', '第十五条', 0);
    await type(page, 'suggestion', '明确“无事不扰”的适用范围，并与双随机、一公开抽查相衔接。', 0);
    await type(page, 'reason', '区市场监督管理局意见：避免与上位法规定的检查职责冲突。', 0);
    await type(page, 'contact', '周杰 022-25201234');
    await saveDocument();
    // The head issues it: the 法制机构 is told who does, and is not offered 出具.
    await expect(page.getByTestId('doc-issue').count()).resolves.toBe(0);
    await gotoCase();
    await act(page, 'submit-approval');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('approval');
  });

  step('the head of the bureau issues the reply and sends it; the case ends replied', async () => {
    await login(page, HEAD.username);
    await openDocument('consultation-reply');
    await page.getByTestId('doc-issue').click();
    await page.getByTestId('issue-confirm').click();
    await page.locator('[data-testid="document-page"][data-status="issued"]').waitFor();
    await expect(page.getByTestId('document-page').textContent()).resolves.toMatch(/征复〔\d{4}〕\d{3}号/);
    await shot(page, 'legal-consultation-reply');
    await gotoCase();
    await act(page, 'send-reply');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('replied');
    await shot(page, 'legal-consultation-case');
  });

  step('once replied, the alert is no longer open', async () => {
    type Board = { items: { code: string; case: { id: string } | null; closed: { why: string } | null }[] };
    const legal = await apiAs(server.url, LEGAL.username);
    const ours = (b: Board) =>
      b.items.filter((a) => a.code === 'legislative-consultation-overdue' && a.case?.id === caseId);
    expect(ours(await legal.get<Board>('/alerts'))).toEqual([]);
    const closed = ours(await legal.get<Board>('/alerts?status=closed'));
    expect(closed.map((a) => a.closed?.why)).toEqual(['case-closed']);
  });
});

describe.sequential('行政应议, 信息报送 and 文件审核 on the same screens', () => {
  /** Opens a case over HTTP as the 法制机构; `party` is whom the case concerns (申请人, 报送对象, 起草单位). */
  const open = async (matter: string, party: { name: string; code: string }, facts: Record<string, unknown>) => {
    const legal = await apiAs(server.url, LEGAL.username);
    return legal.post<{ id: string; number: string }>('/cases', {
      matter,
      party: { kind: 'organisation', name: party.name, idNumber: party.code },
      facts,
    });
  };

  step('行政应议: the reply deadline of the summary procedure, in working days', async () => {
    const opened = await open('legal-reconsideration-response', APPLICANT, {
      reconsiderationOrgan: '天津市滨海新区人民政府',
      reconsiderationCaseNumber: '滨政复〔2026〕88号',
      actType: '行政处罚',
      actNumber: '津滨司罚〔2026〕0012号',
      procedure: '简易程序',
      copyReceivedAt: day(0),
    });
    await login(page, LEGAL.username);
    await gotoCase(opened.id);
    // The summary procedure is chosen by the fact the case records; the ordinary one is refused.
    await act(page, 'start-reply-simple');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('replying-simple');
    await expect(page.getByTestId('case-page').textContent()).resolves.toContain('简易程序收到申请书副本之日起五日内');
    await shot(page, 'legal-response-case');
  });

  step('信息报送: the annual report with its due date', async () => {
    const opened = await open('legal-information-report', GOVERNMENT, {
      reportType: '法治政府建设年度报告',
      period: '2026年度',
      recipient: '中共天津市滨海新区委员会、天津市滨海新区人民政府',
      dueDate: `${Number(day(0).slice(0, 4)) + 1}-03-01`,
    });
    await gotoCase(opened.id);
    await expect(page.getByTestId('procedure-facts').textContent()).resolves.toContain('法治政府建设年度报告');
    await shot(page, 'legal-report-case');
  });

  step('文件审核: a draft without its consultation record is refused review, with the reason', async () => {
    const opened = await open('legal-normative-document-legality-review', DRAFTING_UNIT, {
      draftingUnit: '天津市滨海新区市场监督管理局',
      draftTitle: '滨海新区市场主体信用分级分类监管办法（送审稿）',
      submittedAt: day(0),
      draftSubmitted: true,
      basisListed: true,
      consultationRecord: false,
    });
    await gotoCase(opened.id);
    await page
      .locator('[data-testid="actions"]')
      .getByText(/不能办理的操作及原因/)
      .click();
    await expect(page.locator('[data-refused="accept-review"]').textContent()).resolves.toContain('征求意见');
    await shot(page, 'legal-legality-review-case');
  });

  step('the workbench lists the new lines’ cases', async () => {
    await page.goto('/');
    await page.getByTestId('workbench').waitFor();
    await shot(page, 'legal-lines-workbench');
  });
});
