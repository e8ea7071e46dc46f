/**
 * The single walk of #14, through screens only (no file edited, no code): in a province's copy
 * (河北省's pack active for the whole copy) an implementer starts a city pack for 保定市 on the
 * installed province version in the studio, edits its manifest, adds 竞秀区's government and market
 * regulator (统一社会信用代码, the bureau's own number prefix), a new matter with its authority
 * item, discretion benchmark, a fact of its own and its own inspection record made in the
 * document-form designer (a field added, seen in the preview), overrides one parameter in the form
 * and the condition of one workflow guard in the condition builder (当事人要求听证 also for a
 * proposed licence suspension: the rule bench refuses it before the edit and allows it after;
 * each save the smallest override), removes a base item and restores it, saves bench answers as
 * golden cases, runs the golden tests, publishes 0.1.0 with a note and downloads the pack's folder
 * as a .zip. The system administrator reads the dry-run report for 保定市's subtree and activates it
 * there. An officer of 竞秀区's market regulator then opens a case on the new matter — the new fact
 * on the form, the bureau's prefix in the case number, the city's inspection record with its new
 * field — while an officer of 石家庄市 still works under the province's pack. The audit chain holds
 * the publish and the activation. Screenshots docs/screenshots/studio-walk-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiAs } from './support/api.ts';
import { flowSteps, login, openBrowser, SHOTS, shot } from './support/browser.ts';
import { ensureStudioBuilt } from './support/build.ts';
import { type E2eServer, PASSWORD, startSeededServer } from './support/server.ts';
import { item as formItem, select } from './support/ui.ts';

/** The people of the province's copy; 竞秀区's market regulator exists only once the city's pack is active. */
const PEOPLE = {
  implementer: { username: 'he.impl', displayName: '韩实施', roles: ['implementer'], orgCode: '130000-SFT' },
  admin: { username: 'he.admin', displayName: '冯管理', roles: ['system-admin'], orgCode: '130000-GOV' },
  auditor: { username: 'he.auditor', displayName: '何审计', roles: ['audit-admin'], orgCode: '130000-GOV' },
  city: {
    username: 'jx.officer',
    displayName: '贾执法',
    roles: ['officer'],
    orgCode: '130602-SCJ',
    certificateNo: '13060220260001',
  },
  city2: {
    username: 'jx.officer2',
    displayName: '焦执法',
    roles: ['officer'],
    orgCode: '130602-SCJ',
    certificateNo: '13060220260002',
  },
  other: {
    username: 'sjz.officer',
    displayName: '史执法',
    roles: ['officer'],
    orgCode: '130100-SCJ',
    certificateNo: '13010020260001',
  },
} as const;

const PACK = 'he-baoding';
const MATTER = '130600-SCJ-CF-0001-01';
const AUTHORITY = '130600-SCJ-CF-0001';
const BENCHMARK = 'DB-BD-SPAQF-122-1';
const PREFIX = '冀竞秀市监';
/** Where the organisations' names and codes come from: invented for the test (the credit codes' check digits are right). */
const INVENTED = '浏览器测试编写的示例机构：名称、编号前缀和统一社会信用代码（校验位按 GB 32100-2015 计算）均为虚构';
const NOTE = '保定市首版：竞秀区执法主体、无证食品经营事项及其裁量基准';
const NEW_FACT = { name: 'storeCount', label: '经营场所数量', labelEn: 'Number of business premises' };
/** The new matter's own inspection record, made in the document-form designer from the national one, and its new field. */
const FORM = 'bd-food-inspection-record';
const FORM_NAME = '无证食品经营现场检查笔录（保定市）';
const FORM_FIELD = {
  name: 'licenceDisplayed',
  title: '经营场所是否悬挂食品经营许可证',
  titleEn: 'Food business licence displayed at the premises',
};
/**
 * The city's guard: 当事人要求听证 (from 告知) also where a licence suspension or a restriction of
 * business is proposed — 保定市 counts them among 第六十三条第一款第（五）项's 其他较重的行政处罚 —
 * besides the national 应当告知听证权利 (needs-hearing-notice). Chosen because no golden case the
 * city inherits contradicts it: every case that expects request-hearing refused gives the proposed
 * penalties, none of them these two; the 黄金测试 step below runs them all on the city's pack, none
 * failing. (A threshold on a fact those cases do not give, such as proposedConfiscation, left 7 of
 * them undecidable when tried with `yifa pack test`.)
 */
const HEAVIER = {
  fact: 'proposedPenalties',
  operator: 'containsAny',
  value: ['suspend-licence', 'restrict-business'],
  label: '拟暂扣许可证件或者限制开展生产经营活动（本市列为较重的行政处罚）',
  labelEn: 'Suspension of a licence or restriction of business activities is proposed (heavier penalties in this city)',
};

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const step = flowSteps(() => page);

beforeAll(async () => {
  ensureStudioBuilt();
  const report = validatePackDir(join(PACKS_DIR, 'he-hebei'));
  if (!report.ok) throw new Error(`he-hebei does not validate: ${report.issues[0]?.message.en}`);
  server = await startSeededServer([bundlePack(report.pack).text], Object.values(PEOPLE));
  browser = await openBrowser(server.url);
  page = browser.page;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The generated form's input (or text area) of a field path (`facts.*.label`; the last element with last). */
const input = (path: string, last = false): Locator => {
  const fields = page.getByTestId('item-form').locator(`[data-field="${path}"]`);
  return (last ? fields.last() : fields.first()).locator('input, textarea').first();
};

/** Finds an item of a kind in the working copy's list and opens it. */
/** From an item's page, back to the copy's tabs. */
async function toTabs() {
  if ((await page.getByTestId('ws-item').count()) > 0) await page.getByTestId('back').click();
}

async function openItem(kind: string, code: string, timeout = 30_000) {
  // A document opens on its designer; its generated form is folded away until asked for.
  const ready = kind === 'document' ? 'form-designer' : 'item-editor';
  await toTabs();
  await page.locator('[data-tab="items"]').click();
  await page.locator(`[data-ws-kind="${kind}"]`).click();
  // antd's Input.Search puts the test id on its input.
  const search = page.locator('input[data-testid="ws-search"], [data-testid="ws-search"] input').first();
  await search.fill(code);
  await search.press('Enter');
  await page.locator(`[data-ws-item="${kind}/${code}"]`).click({ timeout });
  await page.getByTestId(ready).waitFor({ timeout });
}

/** 复制为新条目 on the open item: the editor on its copy under the new code. */
async function copyAs(code: string, timeout = 30_000, ready = 'item-editor') {
  await page.getByTestId('copy-item').click();
  await page.getByTestId('copy-item-code').fill(code);
  await page.getByTestId('copy-item-start').click();
  await page.getByTestId(ready).waitFor({ timeout });
  await expect(page.getByTestId('ws-item').textContent()).resolves.toContain(code);
}

/** A desk-size picture of what is in view around `at` (a long generated form would make a full-page shot metres tall). */
async function viewShot(name: string, at: Locator) {
  await at.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The input of a rule-bench control (antd puts the test id on the input or on its wrapper). */
const benchInput = (testId: string) =>
  page.locator(`[data-testid="${testId}"]`).locator('xpath=descendant-or-self::input').first();

/** Types each value into a rule-bench tags select (a list fact), then closes its dropdown. */
async function benchTags(testId: string, values: readonly string[]) {
  const control = page.getByTestId(testId);
  for (const v of values) {
    await control.locator('input').first().fill(v);
    await control.locator('input').first().press('Enter');
    await control.locator(`.ant-select-selection-item[title="${v}"]`).waitFor();
  }
  await page.keyboard.press('Escape');
}

/** Saves the item and waits for the platform's answer. */
async function save(timeout = 30_000) {
  await page.getByTestId('save').click();
  await page.getByTestId('saved').waitFor({ timeout });
}

describe.sequential('studio → publish → activate for a city → officer (#14)', () => {
  step('the implementer starts 保定市’s pack on the installed province version', async () => {
    await page.goto('/studio/');
    await page.getByTestId('username').fill(PEOPLE.implementer.username);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('nav-workspaces').click();
    await page.getByTestId('new-workspace').waitFor();
    await page.getByTestId('base-version').click();
    await page.locator('.ant-select-item-option', { hasText: 'he-hebei@1.0.0' }).click();
    await page.getByTestId('pack-id').fill(PACK);
    await page.getByTestId('pack-name').fill('保定市行政执法配置包');
    await page.getByTestId('pack-name-en').fill('Baoding City enforcement pack');
    await page.getByTestId('region-code').fill('130600');
    await page.getByTestId('region-name').fill('河北省保定市');
    await page.getByTestId('region-level').click();
    await page.locator('.ant-select-item-option', { hasText: '市级' }).click();
    await shot(page, 'studio-walk-new');
    await page.getByTestId('create-workspace').click();
    await page.getByTestId('workspace').waitFor();
    await expect(page.getByTestId('workspace-name').textContent()).resolves.toContain(PACK);
  });

  step('writes the manifest’s description on the 配置包信息 tab', async () => {
    await page.locator('[data-tab="manifest"]').click();
    await page.getByTestId('manifest').waitFor();
    await expect(page.getByTestId('manifest-extends').textContent()).resolves.toBe('he-hebei ^1.0.0');
    await page
      .getByTestId('manifest-description')
      .fill('保定市在河北省包之上的市级配置：竞秀区的执法主体、本市市场监管权责事项及其裁量基准。');
    await page.getByTestId('manifest-save').click();
    await page.getByTestId('manifest-saved').waitFor();
    await shot(page, 'studio-walk-manifest');
  });

  step('adds 竞秀区’s government and market regulator, each with its 统一社会信用代码', async () => {
    await openItem('organisation', '130624-GOV');
    await copyAs('130602-GOV');
    await input('name').fill('保定市竞秀区人民政府');
    await input('shortName').fill('竞秀区政府');
    await input('divisionCode').fill('130602');
    await input('creditCode').fill('11130602000012345M');
    await input('source.ref').fill(INVENTED);
    await save();
    await page.locator('[data-origin="added"]').waitFor();

    await openItem('organisation', '130624-SCJ');
    await copyAs('130602-SCJ');
    await input('name').fill('保定市竞秀区市场监督管理局');
    await input('shortName').fill('竞秀区市场监管局');
    await input('parent').fill('130602-GOV');
    await input('numberingPrefix').fill(PREFIX);
    await input('creditCode').fill('11130602MB1234567P');
    await input('source.ref').fill(INVENTED);
    await shot(page, 'studio-walk-organisation');
    await save();
    await page.locator('[data-origin="added"]').waitFor();
  });

  step('adds the city’s authority item', async () => {
    await openItem('authority-item', '130000-SCJ-CF-0001');
    await copyAs(AUTHORITY);
    await input('name').fill('对未取得食品经营许可从事食品经营活动的处罚（保定市）');
    await save();
  });

  step(
    'adds the city’s discretion benchmark (a large form: slow on a busy machine)',
    async () => {
      await openItem('discretion', 'DB-SPAQF-122-1', 100_000);
      await copyAs(BENCHMARK, 100_000);
      await input('name').fill('未取得食品生产经营许可从事食品生产经营活动的裁量基准（保定市）');
      await input('nameEn').fill('Benchmark for food business without a licence (Baoding)');
      await save();
      await page.locator('[data-origin="added"]').waitFor({ timeout: 60_000 });
    },
    240_000,
  );

  step(
    'writes a golden case from the rule bench: 一般, 260,000–340,000 yuan, saved as a case',
    async () => {
      const bench = page.getByTestId('rule-bench');
      await bench.waitFor({ timeout: 100_000 });
      await page
        .locator('[data-testid="bench-facts"] [data-testid="bench-fact-goodsValue"]')
        .waitFor({ timeout: 60_000 });
      await benchInput('bench-violation-date').fill('2026-05-06');
      // Every fact the benchmark reads: the goods' value, no earlier penalty, ordinary harm, and no to
      // each circumstance but cooperation.
      const asked = await page
        .locator('[data-testid="bench-facts"] [data-testid^="bench-fact-"]')
        .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('bench-fact-'.length)));
      expect(asked).toContain('goodsValue');
      for (const fact of asked) {
        const id = `bench-fact-${fact}`;
        if (fact === 'goodsValue') await benchInput(id).fill('20000');
        else if (fact === 'partyPriorPenalties12m') await benchInput(id).fill('0');
        else if (fact === 'harmConsequence') {
          await page.locator(`[data-testid="${id}"]`).click();
          await page.locator('.ant-select-item-option[title="一般"]:visible').last().click();
        } else
          await page.locator(`[data-testid="${id}"] label`, { hasText: fact === 'cooperated' ? '是' : '否' }).click();
      }
      await page.getByTestId('bench-run').click();
      await page.getByTestId('bench-tier').getByText('一般').waitFor();
      await expect(page.getByTestId('bench-fine').textContent()).resolves.toBe('260,000 – 340,000 元');
      await page.getByTestId('bench-save-golden').click();
      await benchInput('bench-golden-name').fill('保定市场监管：货值二万元、一般情节 → 一般，26万元至34万元');
      await page.getByTestId('bench-golden-ok').click();
      await page.getByTestId('bench-saved').waitFor();
      // Saved as a case of the copy's golden tests (the studio-bench suite, a test item of this pack).
      await expect(page.getByTestId('bench-saved').textContent()).resolves.toContain('studio-bench');
      await viewShot('studio-walk-golden', bench);
    },
    240_000,
  );

  step(
    'makes the new matter’s inspection record in the document-form designer: a field added, seen in the preview',
    async () => {
      await openItem('document', 'on-site-inspection-record', 100_000);
      await copyAs(FORM, 100_000, 'form-designer');
      const designer = page.getByTestId('form-designer');
      const row = (name: string) => designer.locator(`[data-designer-field="${name}"]`);
      // The new field right after 检查（勘验）地点: a yes / no the officer must answer, printed on the sheet.
      await row('place').click();
      await page.getByTestId('designer-add-field').click({ noWaitAfter: true });
      await row('field1').waitFor();
      await page.getByTestId('designer-name').fill(FORM_FIELD.name);
      await row(FORM_FIELD.name).waitFor();
      await select(page, page.getByTestId('designer-type'), '是/否');
      await page.getByTestId('designer-title').fill(FORM_FIELD.title);
      await page.getByTestId('designer-title-en').fill(FORM_FIELD.titleEn);
      await page.getByTestId('designer-required').click({ noWaitAfter: true });
      await page.locator('[data-testid="designer-required"][aria-checked="true"]').waitFor();
      await page.getByTestId('designer-printed').click({ noWaitAfter: true });
      await page.locator('[data-testid="designer-printed"][aria-checked="true"]').waitFor();
      await expect(designer.locator('[data-designer-problem]').count()).resolves.toBe(0);
      const names = await designer
        .locator('[data-designer-field]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-designer-field')));
      expect(names.slice(names.indexOf('place'), names.indexOf('place') + 2)).toEqual(['place', FORM_FIELD.name]);
      // The officer's form, previewed from the edited definition, asks it.
      await page.getByTestId('designer-preview').getByText(FORM_FIELD.title).waitFor({ timeout: 60_000 });
      await designer.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SHOTS, 'studio-walk-designer.png') });
      // Its name, in the generated form under the designer (opened on request).
      await page.getByTestId('document-form-yaml').locator('.ant-collapse-header').click();
      await page.getByTestId('item-editor').waitFor({ timeout: 100_000 });
      await input('name').fill(FORM_NAME);
      await input('nameEn').fill('On-site inspection record, food business without a licence (Baoding)');
      await save(100_000);
      await page.locator('[data-origin="added"]').waitFor({ timeout: 60_000 });
    },
    240_000,
  );

  step(
    'adds the new matter with a fact of its own for the officer’s form',
    async () => {
      await openItem('matter', '130000-SCJ-CF-0001-01', 100_000);
      await copyAs(MATTER, 100_000);
      await input('name').fill('未取得食品经营许可从事食品经营活动（保定市）');
      await input('nameEn').fill('Trading food without a food business licence (Baoding)');
      await input('authorityItem').fill(AUTHORITY);
      await input('discretion').fill(BENCHMARK);
      // The matter's documents: the city's inspection record in place of the national one.
      const documents = page.getByTestId('item-form').locator('[data-field="documents"]').first();
      await documents
        .locator('.ant-select-selection-item[title="on-site-inspection-record"] .ant-select-selection-item-remove')
        .click();
      await documents
        .locator('.ant-select-selection-item[title="on-site-inspection-record"]')
        .waitFor({ state: 'detached' });
      await documents.locator('input').first().fill(FORM);
      await documents.locator('input').first().press('Enter');
      await documents.locator(`.ant-select-selection-item[title="${FORM}"]`).waitFor();
      const facts = page.getByTestId('item-form').locator('[data-field="facts"]').first();
      await facts.getByRole('button', { name: '添加一项' }).last().click();
      await input('facts.*.name', true).fill(NEW_FACT.name);
      await input('facts.*.label', true).fill(NEW_FACT.label);
      await input('facts.*.labelEn', true).fill(NEW_FACT.labelEn);
      await select(page, page.getByTestId('item-form').locator('[data-field="facts.*.type"]').last(), 'number');
      await viewShot(
        'studio-walk-matter',
        page.getByTestId('item-form').locator('[data-field="facts.*.labelEn"]').last(),
      );
      await save();
      await page.locator('[data-origin="added"]').waitFor();
    },
    240_000,
  );

  step('overrides a parameter in the form: one field', async () => {
    await openItem('parameter', 'case-source-extension-days');
    await page.getByTestId('item-form').locator('[data-scalar-value]').first().fill('20');
    await save();
    const patch = JSON.parse((await page.getByTestId('patch').textContent()) ?? 'null') as Record<string, unknown>;
    const { code: _code, ...fields } = patch;
    expect(fields).toEqual({ value: 20 });
  });

  step(
    'opens 普通程序, the national ordinary procedure (its graph and long form take a while)',
    async () => {
      await openItem('workflow', 'penalty-ordinary', 220_000);
    },
    240_000,
  );

  step(
    'in the rule bench the province’s guard refuses 当事人要求听证 when a licence suspension is proposed',
    async () => {
      const bench = page.getByTestId('rule-bench');
      await bench.waitFor({ timeout: 100_000 });
      await page.getByTestId('bench-fact-proposedPenalties').waitFor({ timeout: 60_000 });
      await select(page, page.getByTestId('bench-state'), '告知 (notification)');
      await select(page, page.getByTestId('bench-roles'), '执法人员');
      await page.keyboard.press('Escape');
      // A company, 3,000 元 (under Hebei's 5,000 元 for a hearing), a fine and a licence suspension,
      // the hearing notice issued.
      await select(page, page.getByTestId('bench-fact-partyKind'), 'organisation');
      await benchInput('bench-fact-proposedFine').fill('3000');
      await benchTags('bench-fact-proposedPenalties', ['fine', 'suspend-licence']);
      await benchTags('bench-fact-documentsIssued', ['hearing-notice']);
      await page.getByTestId('bench-run').click();
      const hearing = bench.locator('tr[data-row-key="request-hearing"]');
      await hearing.getByText('拒绝').waitFor({ timeout: 60_000 });
      await expect(hearing.textContent()).resolves.toContain('第六十三条');
      await viewShot('studio-walk-guard-before', hearing);
    },
    240_000,
  );

  step(
    'changes that guard’s condition in the builder; the bench allows it at once; the save is that transition only',
    async () => {
      const card = page
        .locator('.ant-formily-array-cards-item')
        .filter({ has: page.locator('[data-element-key="from=notification, action=request-hearing"]') });
      const when = card.locator('[data-field="transitions.*.when"]').first();
      await when.locator('[data-condition-named="needs-hearing-notice"]').waitFor({ timeout: 60_000 });
      await when.scrollIntoViewIfNeeded();
      // 命名条件 → 任一满足: the named condition stays, as the first way; a second one is added.
      await select(page, when.locator('[data-condition-shape="condition"]').first(), '任一满足（any）');
      await when.locator('[data-condition-shape="any"]').waitFor();
      await when.locator('[data-condition-named="needs-hearing-notice"]').waitFor();
      await when.getByRole('button', { name: '添加条件' }).click();
      const added = when.locator('[data-condition-fact=""]');
      await added.getByPlaceholder('事实').fill(HEAVIER.fact);
      const row = when.locator(`[data-condition-fact="${HEAVIER.fact}"]`);
      await select(page, row.locator('[data-condition-operator]'), HEAVIER.operator);
      await row.getByPlaceholder('值').fill(JSON.stringify(HEAVIER.value));
      await row.getByPlaceholder('标签（解释中的名称）').fill(HEAVIER.label);
      await row.getByPlaceholder('英文标签').fill(HEAVIER.labelEn);
      await viewShot('studio-walk-guard', when);
      // The bench evaluates the edited workflow again: the city's guard lets the party ask for a hearing.
      const hearing = page.getByTestId('rule-bench').locator('tr[data-row-key="request-hearing"]');
      await hearing.getByText('准予').waitFor({ timeout: 100_000 });
      await save(100_000);
      const patch = JSON.parse((await page.getByTestId('patch').textContent()) ?? 'null') as Record<string, unknown>;
      const { code: _code, ...fields } = patch;
      // One keyed transition, its when only: the named condition's key deleted, the any in its place.
      expect(fields).toEqual({
        transitions: [
          {
            from: 'notification',
            action: 'request-hearing',
            when: { condition: null, any: [{ condition: 'needs-hearing-notice' }, HEAVIER] },
          },
        ],
      });
    },
    400_000,
  );

  step('saves the bench’s answer as a golden case of the city’s guard', async () => {
    const bench = page.getByTestId('rule-bench');
    await bench.locator('tr[data-row-key="request-hearing"]').getByText('准予').waitFor({ timeout: 60_000 });
    await page.getByTestId('bench-save-golden').click();
    await benchInput('bench-golden-name').fill('保定市：对公司拟罚款三千元并暂扣许可证件 → 当事人可以要求听证');
    await page.getByTestId('bench-golden-ok').click();
    await page.getByTestId('bench-saved').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('bench-saved').textContent()).resolves.toContain('studio-bench');
    await viewShot('studio-walk-guard-bench', bench);
  });

  step('removes a base item with its reason, sees it in the manifest, and restores it', async () => {
    await openItem('organisation', '130624-Z-LQG');
    await page.getByTestId('remove-item').click();
    await page.getByTestId('remove-item-confirm').click();
    await page.getByTestId('remove-item-error').waitFor();
    await page.getByTestId('remove-item-reason').fill('测试：本市平台暂不设该镇');
    await page.getByTestId('remove-item-confirm').click();
    await page.getByTestId('ws-items').waitFor();
    await page.locator('[data-tab="manifest"]').click();
    const removed = page.locator('[data-removed="organisation/130624-Z-LQG"]');
    await removed.waitFor();
    await shot(page, 'studio-walk-removed');
    await removed.getByTestId('restore-item').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('manifest-saved').waitFor();
    await removed.waitFor({ state: 'detached' });
  });

  step('runs the golden tests (all pass, the bench’s case among them) and publishes 0.1.0 with a note', async () => {
    await toTabs();
    await page.locator('[data-tab="tests"]').click();
    await page.getByTestId('run-tests').click();
    await page.getByTestId('tests-summary').waitFor();
    await expect(page.getByTestId('tests-summary').getAttribute('data-failed')).resolves.toBe('0');
    await page.locator('[data-tab="publish"]').click();
    await page.getByTestId('publish-version').fill('0.1.0');
    await page.getByTestId('publish-note').fill(NOTE);
    await page.getByTestId('publish-submit').click();
    await page.getByTestId('publish-report').waitFor();
    await expect(page.getByTestId('publish-report').textContent()).resolves.toContain('系统管理员');
    await shot(page, 'studio-walk-publish');
  });

  step(
    'downloads the city pack as a folder (.zip in the layout of packs/) with its manifest and organisations',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-zip').click()]);
      expect(download.suggestedFilename()).toBe(`${PACK}.zip`);
      const path = await download.path();
      const files = unzipSync(new Uint8Array(readFileSync(path)));
      expect(Object.keys(files)).toContain(`${PACK}/pack.yaml`);
      const texts = Object.values(files).map((bytes) => strFromU8(bytes));
      expect(texts.some((t) => t.includes(PREFIX))).toBe(true);
    },
  );

  step('the system administrator reads the dry run for 保定市 and activates it for its subtree', async () => {
    await login(page, PEOPLE.admin.username);
    await page.getByRole('menuitem', { name: '配置包' }).click();
    await page.getByTestId('packs-page').waitFor();
    const row = page.locator(`tr[data-pack="${PACK}@0.1.0"]`);
    await expect(row.textContent()).resolves.toContain('未启用');
    await row.getByTestId('pack-preview').click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByTestId('pack-summary').waitFor();
    // The scope is found by typing: the province's copy offers every organisation both packs hold.
    await drawer.locator('[data-testid="pack-scope"]').click();
    await page.keyboard.type('130600-GOV');
    await page.locator('.ant-select-item-option').filter({ hasText: '130600-GOV' }).click();
    await drawer.getByText('he-hebei@1.0.0').waitFor();
    await expect(drawer.getByTestId('pack-refused').count()).resolves.toBe(0);
    // Added: two organisations, the authority item, the benchmark, the inspection record, the matter and the
    // bench's golden tests; changed: the parameter and the workflow.
    await expect(drawer.getByTestId('pack-summary').textContent()).resolves.toBe('7 / 2 / 0');
    await drawer.getByText(MATTER).waitFor();
    await drawer.getByText('studio-bench').waitFor();
    await shot(page, 'studio-walk-report');
    await drawer.getByTestId('pack-activate').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await drawer.getByTestId('pack-activated').waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.locator('tr[data-activation="130600-GOV"]').waitFor();
    await shot(page, 'studio-walk-activated');
  });

  step('an officer of 竞秀区 opens a case on the new matter: the new fact, the bureau’s prefix', async () => {
    await login(page, PEOPLE.city.username);
    const active = await page.request.get('/api/v1/packs/active');
    expect(await active.json()).toMatchObject({ id: PACK, version: '0.1.0', org: '130600-GOV' });
    await page.getByRole('menuitem', { name: '立案' }).click();
    await page.locator('input[data-testid=matter-search]').fill(MATTER);
    await page.locator('input[data-testid=matter-search]').press('Enter');
    await page.locator(`[data-testid="matter-option"][data-code="${MATTER}"]`).click();
    await page.getByTestId('matter-card').waitFor();
    await formItem(page, NEW_FACT.label).waitFor();
    await formItem(page, '单位名称').locator('input').fill('保定竞秀某某食品店');
    await formItem(page, '统一社会信用代码').locator('input').fill('92130602MA0G12345N');
    await select(page, page.getByTestId('officers'), `${PEOPLE.city2.displayName}（${PEOPLE.city2.certificateNo}）`);
    await formItem(page, '货值金额').locator('input').fill('20000');
    await formItem(page, NEW_FACT.label).locator('input').fill('2');
    await formItem(page, '违法行为发生日期').locator('input').fill('2026-06-01');
    await shot(page, 'studio-walk-officer-open');
    await page.getByTestId('open-submit').click();
    await page.getByTestId('case-page').waitFor();
    const id = page.url().split('/cases/')[1] ?? '';
    const officer = await apiAs(server.url, PEOPLE.city.username);
    const opened = await officer.get<{ number: string; matterCode?: string }>(`/cases/${id}`);
    expect(opened.number).toContain(PREFIX);
    await page.getByText(opened.number).first().waitFor();
    await shot(page, 'studio-walk-officer-case');
  });

  step('the officer fills the city’s inspection record: the field only that form has', async () => {
    await page.getByRole('tab', { name: '文书' }).click();
    const documents = page.getByTestId('documents');
    // The matter lists the city's record in place of the national one.
    await documents.locator(`[data-form="${FORM}"]`).getByText(FORM_NAME).waitFor();
    await expect(documents.locator('[data-form="on-site-inspection-record"]').count()).resolves.toBe(0);
    await documents.locator(`[data-form="${FORM}"] button`).click();
    await page.getByTestId('document-page').waitFor();
    const field = page.locator(`[data-field="${FORM_FIELD.name}"]`).first();
    await field.waitFor();
    await page.getByText(FORM_FIELD.title).first().waitFor();
    await field.scrollIntoViewIfNeeded();
    await shot(page, 'studio-walk-officer-form');
  });

  step('an officer of 石家庄市 still works under the province’s pack, without the new matter', async () => {
    await login(page, PEOPLE.other.username);
    const active = await page.request.get('/api/v1/packs/active');
    expect(await active.json()).toMatchObject({ id: 'he-hebei', org: null });
    expect((await page.request.get(`/api/v1/matters/${MATTER}`)).status()).toBe(404);
  });

  step('the audit chain holds the publish and the activation', async () => {
    const auditor = await apiAs(server.url, PEOPLE.auditor.username);
    // The publish names its version and note; the activation the pack and the subtree.
    const expected = { 'studio.publish': ['0.1.0', NOTE], 'pack.activate': [PACK, '130600-GOV'] };
    for (const [action, words] of Object.entries(expected)) {
      const found = await auditor.get<{ items: unknown[] }>(`/admin/audit/events?action=${action}`);
      // (The copy's own activation of the province's pack when it was set up is the other pack.activate.)
      const ours = found.items.map((e) => JSON.stringify(e)).filter((e) => e.includes(words[0] as string));
      expect(ours, action).toHaveLength(1);
      for (const word of words) expect(ours[0], action).toContain(word);
    }
  });

  step('no page error and nothing the Content-Security-Policy refused', async () => {
    expect(browser.errors).toEqual([]);
  });
});
