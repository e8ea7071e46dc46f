/**
 * The officer's 普通程序 case from start to end in a real browser against a real platform:
 * 立案 on a Binhai matter, the documents filled in the generated forms, 法制审核 agreed by the
 * reviewer, the 行政处罚决定书 issued with its number and downloaded as a PDF whose text names
 * the number and the party, and a timeline with every step. Screenshots go to docs/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { DESK, flowSteps, login, openBrowser, PHONE, shot, shotBoth } from './support/browser.ts';
import { type E2eServer, PEOPLE, startE2eServer } from './support/server.ts';
import { act, check, date, fact, field, item, select, selectField, type } from './support/ui.ts';

const MATTER = '120116-SCJ-CF-0001-01';
const PARTY = { name: '天津滨海某某食品有限公司', code: '91120116MA05JXQ218', representative: '张某某' };

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let caseId = '';

const gotoCase = async () => {
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('case-page').waitFor();
};
const tab = (name: string) => page.getByRole('tab', { name }).click();

/** Opens (or creates) a document of the case from its documents tab. */
async function openDocument(form: string): Promise<void> {
  await gotoCase();
  await tab('文书');
  await page.locator(`[data-testid="documents"] [data-form="${form}"] button`).click();
  await page.getByTestId('document-page').waitFor();
  await page.locator('[data-field]').first().waitFor();
}

/**
 * Saves the draft; the server must take it, with every required field filled but those left for
 * another role's section (the agency head's approval of the 立案审批表).
 */
async function saveDocument(leftForOthers: string[] = []): Promise<void> {
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/documents/'));
  await page.getByTestId('doc-save').click();
  const res = await put;
  expect(res.status()).toBe(200);
  // The server's own check of the saved draft: nothing required is missing.
  expect(((await res.json()) as { missing: { field: string }[] }).missing.map((m) => m.field)).toEqual(leftForOthers);
  if (leftForOthers.length === 0) await page.getByTestId('doc-complete').waitFor();
}

/** Issues the open document (定稿 / 出具). */
async function issueDocument(): Promise<void> {
  await page.getByTestId('doc-issue').click();
  await page.getByTestId('issue-confirm').click();
  // Wait for the state, not a read of it right after the click (the answer takes its time).
  await page.locator('[data-testid="document-page"][data-status="issued"]').waitFor();
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

// The steps build on each other: after a failure the rest are skipped, with a screenshot of it.
const step = flowSteps(() => page);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('普通程序: from 立案 to the issued 行政处罚决定书', () => {
  step('signs in and shows the workbench', async () => {
    await page.goto('/');
    await page.locator('#username').waitFor();
    await shot(page, 'desk-login');
    await page.setViewportSize(PHONE);
    await shot(page, 'phone-login');
    await page.setViewportSize(DESK);
    await login(page, PEOPLE.officer.username);
    await page.getByTestId('workbench').waitFor();
    await expect(page.getByText('李明，您好').isVisible()).resolves.toBe(true);
  });

  step('opens a case on a Binhai matter: search, the matter with its basis and tiers, party, facts', async () => {
    await page.getByRole('menuitem', { name: '立案' }).click();
    await page.locator('input[data-testid=matter-search]').fill('食品 经营许可');
    await page.locator('input[data-testid=matter-search]').press('Enter');
    await page.locator(`[data-code="${MATTER}"]`).click();
    const card = page.getByTestId('matter-card');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('第一百二十二条');
    await card.getByText('《中华人民共和国食品安全法》第一百二十二条第一款').click();
    await expect(card.textContent()).resolves.toContain('未取得食品生产经营许可');
    await item(page, '单位名称').locator('input').fill(PARTY.name);
    await item(page, '统一社会信用代码').locator('input').fill('91120116MA05JXQ21X');
    await expect(item(page, '统一社会信用代码').locator('.ant-form-item-explain').textContent()).resolves.toContain(
      '校验位',
    );
    await item(page, '统一社会信用代码').locator('input').fill(PARTY.code);
    await item(page, '法定代表人（负责人）').locator('input').fill(PARTY.representative);
    await item(page, '联系电话').locator('input').fill('022-25201234');
    await item(page, '住所（住址）').locator('input').fill('天津市滨海新区新港街道某某路18号');
    await item(page, '违法行为发生日期').locator('input').fill('2026-06-01');
    await select(page, page.getByTestId('officers'), `${PEOPLE.second.displayName}（${PEOPLE.second.certificateNo}）`);
    await item(page, '货值金额').locator('input').fill('8000');
    await select(page, item(page, '危害后果').locator('.ant-select'), '一般');
    for (const f of ['有证据足以证明没有主观过错', '阻碍或者拒不配合执法人员依法执行职务', '初次违法', '及时改正'])
      await fact(page, f, '否');
    await item(page, '当事人一年内同类违法受处罚次数').locator('input').fill('0');
    await select(page, item(page, '拟处罚种类').locator('.ant-select'), '罚款');
    await item(page, '拟罚款金额').locator('input').fill('70000');
    await expect(page.getByTestId('matter-discretion').textContent()).resolves.toContain('65,000–85,000');
    // Lightest first, as benchmark tables are printed (the pack keeps 从重 first).
    await expect(
      page.getByTestId('matter-discretion').locator('tbody tr td:first-child').allTextContents(),
    ).resolves.toEqual(['从轻', '一般', '从重']);
    await shotBoth(page, 'open-case');
    await page.getByTestId('open-submit').click();
    await page.getByTestId('case-page').waitFor();
    caseId = page.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByTestId('case-number').textContent()).resolves.toMatch(/^津滨市监案〔\d{4}〕\d{4}号$/);
  });

  step('shows the refused action with its reason, and fills the filing approval form', async () => {
    await page
      .locator('[data-testid="actions"]')
      .getByText(/不能办理的操作及原因/)
      .click();
    await expect(page.locator('[data-refused="approve-filing"]').textContent()).resolves.toMatch(/agency-head|角色/);
    await shotBoth(page, 'case');
    await openDocument('case-filing-approval');
    await expect(field(page, 'caseNumber').inputValue()).resolves.toMatch(/津滨市监案/);
    await expect(field(page, 'partyName').inputValue()).resolves.toBe(PARTY.name);
    await selectField(page, 'caseSource', '监督检查发现');
    await date(page, 'discoveredAt', '2026-06-02');
    await type(
      page,
      'caseSummary',
      '执法人员在日常监督检查中发现当事人未取得食品经营许可销售预包装食品，涉嫌违反《食品安全法》第三十五条第一款。',
    );
    await type(page, 'officerSignature', '李明');
    // The A4 preview shows the edits before they are saved, and says they are not saved.
    const preview = page.frameLocator('[data-testid="live-preview"] iframe');
    await preview.getByText('日常监督检查中发现当事人未取得食品经营许可').first().waitFor();
    await page.getByTestId('preview-unsaved').waitFor();
    await shot(page, 'desk-document-unsaved');
    // The agency head's part (审批意见、签名) is theirs to fill.
    await saveDocument(['agencyDecision', 'agencySignature']);
    await page.getByTestId('preview-unsaved').waitFor({ state: 'detached' });
    await shot(page, 'desk-document-filing');
  });

  step('the agency head approves the filing from the task list', async () => {
    await login(page, PEOPLE.agency.username);
    const task = page.getByTestId('task').filter({ hasText: '批准立案' });
    await task.waitFor();
    await shotBoth(page, 'workbench');
    await task.getByRole('link').click();
    await page.getByTestId('case-page').waitFor();
    // The head fills their own part of the 立案审批表 — the approval, the opinion, the signature — then
    // approves: 批准立案 reads that entry (第五十四条第二款).
    await openDocument('case-filing-approval');
    await check(page, 'agencyDecision', '同意立案');
    await type(page, 'agencyOpinion', '同意立案调查，由李明、王强承办。');
    await type(page, 'agencySignature', '钱局长');
    await saveDocument();
    await shot(page, 'desk-document-filing-approved');
    await gotoCase();
    // The form says 同意立案, so 不予立案 is refused, citing the form's field.
    await page
      .locator('[data-testid="actions"]')
      .getByText(/不能办理的操作及原因/)
      .click();
    await expect(page.locator('[data-refused="reject-filing"]').textContent()).resolves.toContain(
      '立案审批表“机关负责人审批”栏为“同意立案”',
    );
    await act(page, 'approve-filing');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('investigation');
  });

  step('the officer weighs discretion, writes the investigation report and concludes the investigation', async () => {
    await login(page, PEOPLE.officer.username);
    await gotoCase();
    await tab('裁量');
    const panel = page.getByTestId('discretion');
    await expect(panel.getByTestId('tier').textContent()).resolves.toBe('一般');
    await expect(panel.textContent()).resolves.toContain('65,000–85,000');
    await expect(panel.locator('li[data-kind="conclusion"]').textContent()).resolves.toContain('一般');
    await shotBoth(page, 'discretion');
    await openDocument('investigation-report');
    await expect(field(page, 'discretionTier').inputValue()).resolves.toBe('一般');
    // Formal text as an officer writes it: the benchmark by its name, never its code.
    const explanation = await field(page, 'discretionExplanation').inputValue();
    expect(explanation).toContain('《未取得食品生产经营许可从事食品生产经营活动的裁量基准》');
    expect(explanation).not.toContain('DB-SPAQF-122-1');
    await type(
      page,
      'investigationCourse',
      '2026年6月1日执法人员对当事人经营场所进行现场检查，制作现场检查笔录，并对其负责人进行询问。',
    );
    await type(page, 'facts', '当事人未取得食品经营许可，自2026年5月起在其经营场所销售预包装食品，货值金额8000元。');
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'name', '现场检查笔录');
    await selectField(page, 'kind', '勘验笔录、现场笔录');
    await type(page, 'proves', '当事人经营场所及经营情况');
    await check(page, 'conclusion', '确有应受行政处罚的违法行为，建议给予行政处罚');
    await check(page, 'proposedPenalties', '罚款');
    await expect(field(page, 'proposedFine').inputValue()).resolves.toBe('70000');
    await type(page, 'officerSignatures', '李明、王强');
    await saveDocument();
    await shot(page, 'desk-document-report');
    // On a phone, save and issue stay at the foot of the screen under the long form.
    await page.setViewportSize(PHONE);
    await page.getByTestId('sticky-actions').getByTestId('doc-save').waitFor();
    await shot(page, 'phone-document-report');
    await page.setViewportSize(DESK);
    await page.getByTestId('sticky-actions').waitFor({ state: 'detached' });
    await gotoCase();
    await act(page, 'finish-investigation');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('case-review');
  });

  step('the head of the unit submits it for 法制审核', async () => {
    await login(page, PEOPLE.head.username);
    await gotoCase();
    await act(page, 'submit-legal-review');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('legal-review');
  });

  step(
    'the reviewer finds it in the queue, checks the summary and agrees once, filling the 法制审核意见书',
    async () => {
      await login(page, PEOPLE.reviewer.username);
      await page.getByRole('menuitem', { name: '法制审核' }).click();
      const item = page.getByTestId('review-item').first();
      await item.waitFor();
      await expect(item.textContent()).resolves.toContain('70,000');
      await shotBoth(page, 'review-queue');
      await item.getByRole('link').click();
      await page.getByTestId('review-page').waitFor();
      await expect(page.getByTestId('review-discretion').textContent()).resolves.toContain('一般');
      await page
        .getByTestId('opinion-form')
        .locator('label')
        .filter({ hasText: /^同意$/ })
        .click();
      await page.getByTestId('opinion-comment').fill('事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。');
      // The rest of the 法制审核意见书 on the same page: the opinion, checks and reviewer fill the others.
      const doc = page.getByTestId('review-document');
      await doc.locator('[data-field]').first().waitFor();
      await expect(doc.locator('[data-field="opinion"]').count()).resolves.toBe(0);
      await expect(doc.locator('[data-field="reviewerSignature"]').count()).resolves.toBe(0);
      await type(doc, 'submittingUnit', '执法稽查科');
      await check(doc, 'reviewGrounds', '达到本地重大执法决定标准');
      await shotBoth(page, 'review');
      const post = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/opinion'));
      await page.getByTestId('opinion-submit').click();
      expect((await post).status()).toBe(200);
      // One submit: the opinion is recorded, the document filled and 审核同意 taken.
      await page.locator('[data-testid="case-page"][data-state="notification"]').waitFor();
      await openDocument('legal-review-opinion');
      await expect(field(page, 'reviewer').inputValue()).resolves.toBe(PEOPLE.reviewer.displayName);
      await expect(field(page, 'reasons').inputValue()).resolves.toContain('事实清楚');
      await page.getByTestId('doc-complete').waitFor();
    },
  );

  step('the officer issues the advance notice and records that the party was told', async () => {
    await login(page, PEOPLE.officer.username);
    await openDocument('advance-notice');
    await type(page, 'facts', '当事人未取得食品经营许可销售预包装食品，货值金额8000元。');
    await type(page, 'evidenceSummary', '现场检查笔录、询问笔录、进货票据。');
    await check(page, 'proposedPenalties', '罚款');
    await type(page, 'contact', PEOPLE.officer.displayName);
    await type(page, 'contactPhone', '022-25201234');
    await saveDocument();
    await page.getByTestId('doc-issue').click();
    await page.getByTestId('issue-confirm').click();
    await expect(page.getByTestId('doc-number').textContent()).resolves.toMatch(/^津滨市监罚告〔\d{4}〕\d{4}号$/);
    // Served in person: the receipt, not a switch, records that the party was told and when.
    const today = new Date().toISOString().slice(0, 10);
    await openDocument('notice-service-receipt');
    await check(page, 'servedDocuments', '行政处罚事先告知书');
    await selectField(page, 'method', '直接送达');
    await date(page, 'servedAt', today);
    await type(page, 'recipientSignature', PARTY.representative);
    await type(page, 'serverSignatures', '李明、王强');
    await saveDocument();
    await issueDocument();
    // The party waives the statement period in writing, so the decision need not wait for it.
    await openDocument('rights-waiver');
    await check(page, 'waivedRights', '陈述、申辩权利');
    await date(page, 'signedAt', today);
    await type(page, 'partySignature', PARTY.representative);
    await saveDocument();
    await issueDocument();
    await gotoCase();
    await fact(page, '当事人申请听证', '否');
    await fact(page, '案件疑难复杂', '否');
    await page.getByTestId('procedure-save').click();
    await page.getByText('已保存').first().waitFor();
  });

  step('the agency head proceeds to the decision', async () => {
    await login(page, PEOPLE.agency.username);
    await gotoCase();
    await act(page, 'to-decision');
    await expect(page.getByTestId('case-page').getAttribute('data-state')).resolves.toBe('decision');
  });

  step('the officer drafts the 行政处罚决定书 and cannot issue it: the agency head signs it (签发)', async () => {
    await login(page, PEOPLE.officer.username);
    await openDocument('penalty-decision');
    // The party waived in writing: the decision says so, not that no statement was made in time.
    await expect(field(page, 'statementAdoption').inputValue()).resolves.toBe('当事人书面声明放弃陈述、申辩权利。');
    await type(page, 'investigationCourse', '本机关于2026年6月1日对当事人经营场所进行检查，经立案调查，现已调查终结。');
    await type(page, 'facts', '当事人未取得食品经营许可，自2026年5月起销售预包装食品，货值金额8000元。');
    await page.getByRole('button', { name: '添加一行' }).click();
    await type(page, 'name', '现场检查笔录');
    await type(page, 'proves', '当事人经营场所及经营情况');
    await check(page, 'penalties', '罚款');
    await expect(field(page, 'fine').inputValue()).resolves.toBe('70000');
    await expect(field(page, 'totalAmount').inputValue()).resolves.toBe('70000');
    await type(page, 'reconsiderationOrgan', '天津市滨海新区人民政府');
    await type(page, 'court', '天津市滨海新区人民法院');
    await saveDocument();
    // No 出具 for the officer (no dead button): the page says who issues it.
    await expect(page.getByTestId('doc-issue').count()).resolves.toBe(0);
    await expect(page.getByTestId('doc-issuer').textContent()).resolves.toContain('行政机关负责人');
    await shot(page, 'desk-document-decision-draft');
    await gotoCase();
    await tab('文书');
    await expect(
      page
        .locator('[data-testid="documents"] [data-form="penalty-decision"] [data-testid="awaits-issuer"]')
        .textContent(),
    ).resolves.toContain('行政机关负责人');
  });

  step('the agency head issues (签发) the 行政处罚决定书; its PDF names the number and the party', async () => {
    await login(page, PEOPLE.agency.username);
    await openDocument('penalty-decision');
    await page.getByTestId('doc-issuer').waitFor({ state: 'detached' });
    await page.getByTestId('doc-issue').click();
    await page.getByTestId('issue-confirm').click();
    await page.locator('[data-testid="document-page"][data-status="issued"]').waitFor();
    const number = (await page.getByTestId('doc-number').textContent()) ?? '';
    expect(number).toMatch(/^津滨市监罚〔\d{4}〕\d{4}号$/);
    await expect(page.getByTestId('document-page').getAttribute('data-status')).resolves.toBe('issued');
    await expect(page.getByTestId('doc-save').count()).resolves.toBe(0);
    await page.frameLocator('[data-testid="print-preview"] iframe').getByText(number).waitFor();
    await shotBoth(page, 'document-decision');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-pdf').click()]);
    const file = join(server.dir, 'decision.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(number);
    expect(text).toContain(PARTY.name);
    writeFileSync(join(server.dir, 'decision.txt'), text);
  });

  step('the agency head signs the decision out; the timeline shows every step', async () => {
    await login(page, PEOPLE.agency.username);
    await gotoCase();
    await act(page, 'issue-decision');
    await tab('全过程记录');
    const timeline = page.getByTestId('timeline');
    const events = await timeline
      .locator('[data-event]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
    expect(events[0]).toBe('case.open');
    for (const e of ['document.create', 'document.update', 'review.request', 'review.opinion', 'document.issue'])
      expect(events).toContain(e);
    const text = (await timeline.textContent()) ?? '';
    for (const step of ['批准立案', '调查终结', '提交法制审核', '审核同意', '作出处罚决定', '签发处罚决定书'])
      expect(text).toContain(step);
    expect(events.filter((e) => e === 'case.transition')).toHaveLength(6);
    await shotBoth(page, 'timeline');
    expect(browser.errors).toEqual([]);
  });

  step(
    'a correction of the issued decision asks for its reason, which the new version and the timeline show',
    async () => {
      await login(page, PEOPLE.officer.username);
      await openDocument('penalty-decision');
      await page.getByTestId('doc-correct').click();
      // No reason, no correction: the dialog's button stays disabled until one is written.
      await expect(page.getByTestId('correct-confirm').isDisabled()).resolves.toBe(true);
      const reason = '履行期限表述有误，更正为自收到本决定书之日起十五日内。';
      await page.getByTestId('correct-reason').fill(reason);
      await page.getByTestId('correct-confirm').click();
      await page.locator('[data-testid="document-page"][data-status="draft"]').waitFor();
      await expect(page.getByTestId('doc-correction-reason').textContent()).resolves.toContain(reason);
      await shot(page, 'desk-document-correction');
      await gotoCase();
      await tab('全过程记录');
      await expect(page.locator('[data-event="document.correct"]').textContent()).resolves.toContain(reason);
      expect(browser.errors).toEqual([]);
    },
  );
});
