/**
 * The studio at /studio (#14), as an implementer uses it: signed in with the platform's session,
 * the active pack's kinds with counts, a search across every kind, and an item that Binhai
 * overrides shown with its layer of origin and each overridden field beside the national value;
 * in Chinese, then in English. A user without pack.author is refused. Then a working copy: started
 * on the installed Binhai version, a parameter changed in the generated form and saved as a
 * one-field override (the Monaco view saying the same), reverted to base, validated, diffed, its
 * golden tests run, and published as 0.1.0. The manifest's base range refused when no installed
 * version satisfies it, then moved to Binhai 1.1.0 (installed beside 1.0.0), and English names required; the published 0.1.0 explored read-only beside
 * the active pack, and a pack started on it.
 */
import { join } from 'node:path';
import { bundlePack, loadPackChain, resolveLayers } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { binhaiBundle } from '../test/harness.ts';
import { apiAs } from './support/api.ts';
import { flowSteps, openBrowser, SHOTS, shot } from './support/browser.ts';
import { ensureStudioBuilt } from './support/build.ts';
import { type E2eServer, PASSWORD, PEOPLE, startSeededServer } from './support/server.ts';
import { confirmPopconfirm } from './support/ui.ts';

/**
 * Picks a state in the graph's dialog and waits until the select shows it. On the CI run of a
 * clean clone at d2bc205 and twice here on a loaded machine the click on 到环节's option left the
 * select empty (the dialog then said 必填), cause not found: the pick is checked and, if it did
 * not take, made again (at most three times) rather than sending a dialog with an empty field.
 */
async function pickState(select: string, option: string, shown: string): Promise<void> {
  const control = page.getByTestId(select);
  for (let attempt = 1; ; attempt++) {
    await control.click();
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-option="${option}"]`).click();
    const took = await control
      .locator('.ant-select-selection-item', { hasText: shown })
      .waitFor({ timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
    if (took) return;
    if (attempt === 3) throw new Error(`${select}: ${option} was picked three times and not shown`);
  }
}

/** What 恢复为基础值 sends: the item's override deleted. */
const REVERT = { method: 'DELETE', path: /\/items\/[^/]+\/[^/]+\/override$/ };

/** Binhai's folders as version 1.1.0 (the same items): a second installed version of the base. */
function binhaiNext(): string {
  const { chain } = loadPackChain(join(PACKS_DIR, 'tj-binhai'), { packsRoot: PACKS_DIR });
  const top = chain.at(-1);
  if (!top) throw new Error('tj-binhai has no chain');
  const next = [...chain.slice(0, -1), { ...top, manifest: { ...top.manifest, version: '1.1.0' } }];
  return bundlePack(resolveLayers(next).pack).text;
}

let server: E2eServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const step = flowSteps(() => page);

async function signIn(username: string) {
  await page.context().clearCookies();
  await page.goto('/studio/');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-in').click();
}

beforeAll(async () => {
  ensureStudioBuilt();
  // Binhai 1.0.0 active, and a 1.1.0 of the same content installed beside it: the manifest's base
  // range moves a copy onto it.
  server = await startSeededServer([binhaiBundle(), binhaiNext()], Object.values(PEOPLE));
  browser = await openBrowser(server.url);
  page = browser.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('the studio: an implementer explores the active pack', () => {
  step('an officer signed in to the studio is refused: no pack.author', async () => {
    await signIn(PEOPLE.officer.username);
    await page.getByTestId('no-permission').waitFor();
    await expect(page.getByTestId('no-permission').textContent()).resolves.toContain('pack.author');
    await expect(page.getByTestId('kind-list').count()).resolves.toBe(0);
  });

  step('the implementer sees the active pack, its layers and every kind with its count', async () => {
    await signIn(PEOPLE.implementer.username);
    await page.getByTestId('kind-list').waitFor();
    await expect(page.getByTestId('pack').textContent()).resolves.toContain('tj-binhai@1.0.0');
    const row = page.locator('[data-testid="kind-list"] tr', { has: page.locator('[data-kind="role"]') });
    await expect(row.locator('[data-kind="role"]').textContent()).resolves.toBe('角色');
    // cn-national's roles, the implementer's among them.
    expect(Number(await row.locator('[data-count]').textContent())).toBeGreaterThanOrEqual(11);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await shot(page, 'desk-studio-kinds');
  });

  step('a kind lists its items with their layer of origin', async () => {
    await page.locator('[data-kind="condition"]').click();
    await page.getByTestId('kind-items').waitFor();
    const row = page.locator('[data-testid="kind-items"] tr', {
      has: page.locator('[data-item="condition/needs-legal-review"]'),
    });
    await expect(row.textContent()).resolves.toContain('cn-national');
    await expect(row.textContent()).resolves.toContain('已被覆盖');
  });

  step('a search by name finds items across kinds', async () => {
    await page.getByTestId('search').locator('input').fill('法制审核');
    await page.getByTestId('search').locator('input').press('Enter');
    await page.getByTestId('search-results').waitFor();
    await page.locator('[data-item="condition/needs-legal-review"]').waitFor();
    const kinds = await page
      .locator('[data-testid="search-results"] [data-item]')
      .evaluateAll((links) => links.map((a) => (a.getAttribute('data-item') ?? '').split('/')[0]));
    expect(new Set(kinds).size).toBeGreaterThan(1);
    await expect(page.getByTestId('total').textContent()).resolves.toMatch(/共 \d+ 条/);
    await shot(page, 'desk-studio-search');
  });

  step('the item shows its layer of origin and what Binhai overrides beside the national value', async () => {
    await page.locator('[data-item="condition/needs-legal-review"]').click();
    await page.getByTestId('item-page').waitFor();
    await expect(page.getByTestId('origin').getAttribute('data-pack')).resolves.toBe('cn-national');
    const binhai = page.locator('[data-override="tj-binhai"]');
    const nameRow = binhai.locator('tr', { has: page.locator('code', { hasText: /^\/name$/ }) });
    await expect(nameRow.locator('[data-base]').textContent()).resolves.toBe('应当进行法制审核');
    await expect(nameRow.locator('[data-value]').textContent()).resolves.toBe(
      '应当进行法制审核（滨海新区：普通程序必经）',
    );
    await expect(page.getByTestId('item-json').textContent()).resolves.toContain('needs-legal-review');
    expect(page.url()).toContain('/studio/items/condition/needs-legal-review');
    await shot(page, 'desk-studio-item');
  });

  step('in English: the same page, the kinds by their English names; the choice survives a reload', async () => {
    await page.getByTestId('language').click();
    await page.getByText('Layer of origin', { exact: true }).first().waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.reload();
    await page.getByTestId('item-page').waitFor();
    await expect(page.getByTestId('origin').textContent()).resolves.toContain('Added by');
    await shot(page, 'desk-studio-item-en');
    await page.goto('/studio/');
    await page.locator('[data-kind="role"]').waitFor();
    await expect(page.locator('[data-kind="role"]').textContent()).resolves.toBe('Role');
  });

  step('no page error and nothing the Content-Security-Policy refused', async () => {
    expect(browser.errors).toEqual([]);
  });
});

/** The text of the Monaco view (its lines, non-breaking spaces as spaces). */
async function monacoText(): Promise<string> {
  const text = await page.getByTestId('monaco').locator('.view-lines').textContent();
  return (text ?? '').replace(/\u00a0/g, ' ');
}

const PARAM = 'parameter/case-source-extension-days';

describe.sequential('the studio: an implementer edits, tests and publishes a working copy', () => {
  const step = flowSteps(() => page);

  step('starts a working copy of a city pack on the installed Binhai version', async () => {
    await page.goto('/studio/');
    await page.getByTestId('language').waitFor();
    // The steps above left the studio in English; the implementer works in Chinese.
    if ((await page.locator('html').getAttribute('lang')) === 'en') {
      await page.getByTestId('language').click();
      await page.locator('html[lang="zh-CN"]').waitFor();
    }
    await page.getByTestId('nav-workspaces').click();
    await page.getByTestId('workspaces').waitFor();
    await page.getByTestId('new-workspace').waitFor();
    await page.getByTestId('base-version').click();
    await page.locator('.ant-select-item-option', { hasText: 'tj-binhai@1.0.0' }).click();
    await page.getByTestId('pack-id').fill('tj-binhai-e2e');
    await page.getByTestId('pack-name').fill('滨海新区测试街道配置包');
    await page.getByTestId('region-code').fill('120116');
    await page.getByTestId('region-name').fill('天津市滨海新区');
    await page.getByTestId('region-level').click();
    await page.locator('.ant-select-item-option', { hasText: '区级' }).click();
    await shot(page, 'studio-workspace-new');
    await page.getByTestId('create-workspace').click();
    await page.getByTestId('workspace').waitFor();
    await expect(page.getByTestId('workspace-name').textContent()).resolves.toContain('tj-binhai-e2e');
    expect(page.url()).toMatch(/\/studio\/workspaces\/[^/]+\/items/);
    await page.locator(`[data-ws-item="${PARAM}"]`).waitFor();
    await shot(page, 'studio-workspace-items');
  });

  step('opens a parameter: the form generated from its schema beside the Monaco view', async () => {
    await page.locator(`[data-ws-item="${PARAM}"]`).click();
    await page.getByTestId('item-editor').waitFor();
    await expect(page.getByTestId('ws-item').locator('[data-origin]').getAttribute('data-origin')).resolves.toBe(
      'base',
    );
    await page.locator('[data-testid="monaco"][data-ready="yes"]').waitFor();
    await expect(monacoText()).resolves.toContain('value: 15');
  });

  step('changes one value in the form and saves it as a one-field override', async () => {
    const value = page.getByTestId('item-form').locator('[data-scalar-value]').first();
    await expect(value.inputValue()).resolves.toBe('15');
    await value.fill('20');
    await page.getByTestId('unsaved').waitFor();
    // The Monaco view edits the same value: the form's change is there before the save.
    await page
      .getByTestId('monaco')
      .locator('.view-line', { hasText: /value:\s20/ })
      .waitFor();
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    const patch = JSON.parse((await page.getByTestId('patch').textContent()) ?? 'null') as Record<string, unknown>;
    const { code: _code, ...fields } = patch;
    expect(fields).toEqual({ value: 20 });
    await expect(page.getByTestId('base-value').textContent()).resolves.toContain('"value": 15');
    await expect(monacoText()).resolves.toContain('value: 20');
    await shot(page, 'studio-item-editor');
  });

  step('reverts the parameter to its base value', async () => {
    await page.getByTestId('revert').click();
    await confirmPopconfirm(page, REVERT);
    await page.getByTestId('reverted').waitFor();
    await page.getByTestId('override').getByText('本工作副本没有覆盖此条目').waitFor();
    await page.locator('[data-testid="monaco"][data-ready="yes"]').waitFor();
    await page
      .getByTestId('monaco')
      .locator('.view-line', { hasText: /value:\s15/ })
      .waitFor();
    await expect(page.getByTestId('item-form').locator('[data-scalar-value]').first().inputValue()).resolves.toBe('15');
  });

  step('saves a change again and sees the validation panel and the diff against the base', async () => {
    await page.getByTestId('item-form').locator('[data-scalar-value]').first().fill('25');
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    await page.getByTestId('back').click();
    await page.locator('[data-tab="validate"]').click();
    await page.getByTestId('validation-summary').waitFor();
    await shot(page, 'studio-validation');
    await page.locator('[data-tab="diff"]').click();
    const item = page.locator(`[data-diff-item="${PARAM}"]`);
    await item.waitFor();
    await expect(item.locator('[data-diff-field]').allTextContents()).resolves.toEqual(['/value']);
    await expect(item.locator('[data-after]').textContent()).resolves.toBe('25');
    await shot(page, 'studio-diff');
  });

  step('runs the golden tests: every case passes', async () => {
    await page.locator('[data-tab="tests"]').click();
    await page.getByTestId('run-tests').click();
    await page.getByTestId('tests-summary').waitFor();
    await expect(page.getByTestId('tests-summary').getAttribute('data-failed')).resolves.toBe('0');
    await page.getByTestId('tests-passed').waitFor();
    await shot(page, 'studio-tests');
  });

  step('publishes 0.1.0 and is told the system administrator activates it', async () => {
    await page.locator('[data-tab="publish"]').click();
    await page.getByTestId('publish-version').fill('0.1.0');
    await page.getByTestId('publish-note').fill('滨海新区测试：案源核查延长期限 25 个工作日');
    await page.getByTestId('publish-submit').click();
    await page.getByTestId('publish-report').waitFor();
    await expect(page.getByTestId('publish-report').textContent()).resolves.toContain('系统管理员');
    await shot(page, 'studio-publish');
  });

  step('someone saves the copy meanwhile: the save is refused, the page says so and reloads', async () => {
    const id = /\/studio\/workspaces\/([^/]+)\//.exec(page.url())?.[1] as string;
    await page.goto(`/studio/workspaces/${id}/items/${PARAM}`);
    await page.getByTestId('item-editor').waitFor();
    // Another tab of the implementer's saves 30 first.
    const other = await apiAs(server.url, PEOPLE.implementer.username);
    const path = `/studio/workspaces/${id}/items/${PARAM}`;
    const { value } = await other.get<{ value: Record<string, unknown> }>(path);
    const { revision } = await other.get<{ revision: number }>(`/studio/workspaces/${id}`);
    await other.put(path, { value: { ...value, value: 30 }, revision });
    await page.getByTestId('item-form').locator('[data-scalar-value]').first().fill('35');
    await page.getByTestId('save').click();
    await page.getByTestId('stale').waitFor();
    await expect(page.getByTestId('stale').textContent()).resolves.toContain('其他人保存');
    // The browser logs the refused request; it is the refusal this step asked for, not a page error.
    const conflict = browser.errors.findIndex((e) => e.includes('409 (Conflict)'));
    expect(conflict).toBeGreaterThanOrEqual(0);
    browser.errors.splice(conflict, 1);
    await page.getByTestId('stale').getByRole('button').click();
    await page.getByTestId('stale').waitFor({ state: 'detached' });
    await page
      .getByTestId('monaco')
      .locator('.view-line', { hasText: /value:\s30/ })
      .waitFor();
    await expect(page.getByTestId('item-form').locator('[data-scalar-value]').first().inputValue()).resolves.toBe('30');
  });

  step('a legal basis the pack does not hold: validation lists it and links to the field', async () => {
    const basis = page.getByTestId('item-form').locator('[data-field="basis"] input').first();
    await basis.click();
    await basis.fill('NO-SUCH-BASIS');
    await basis.press('Enter');
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    await page.getByTestId('back').click();
    await page.locator('[data-tab="validate"]').click();
    const issue = page.locator(`[data-issue-item="${PARAM}"]`).first();
    await issue.waitFor();
    await expect(page.getByTestId('validation').textContent()).resolves.toContain('NO-SUCH-BASIS');
    await shot(page, 'studio-validation-issue');
    await issue.click();
    await page.getByTestId('item-editor').waitFor();
    expect(page.url()).toContain('field=');
    await page.getByTestId('item-form').locator('.ant-formily-item-error-help').first().waitFor();
    await page.getByTestId('revert').click();
    await confirmPopconfirm(page, REVERT);
    await page.getByTestId('reverted').waitFor();
  });

  step('in English: the working copy and the item editor', async () => {
    await page.getByTestId('language').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByTestId('save').getByText('Save', { exact: true }).waitFor();
    await page.getByTestId('item-form').getByText('By organisation', { exact: true }).first().waitFor();
    await shot(page, 'studio-item-editor-en');
    await page.getByTestId('back').click();
    await page.locator('[data-tab="diff"]').click();
    await page.getByText('Against the base', { exact: true }).waitFor();
    await page.getByTestId('language').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
  });

  step('adds a named condition with the condition builder', async () => {
    const field = (path: string) => page.getByTestId('item-form').locator(`[data-field="${path}"]`).first();
    await page.locator('[data-tab="items"]').click();
    await page.locator('[data-ws-kind="condition"]').click();
    await page.getByTestId('new-item').click();
    // A code the copy already has is refused before anything opens.
    await page.getByTestId('new-item-code').fill('needs-legal-review');
    await page.getByTestId('new-item-start').click();
    await expect(page.getByTestId('new-item-error').textContent()).resolves.toContain('needs-legal-review');
    await page.getByTestId('new-item-code').fill('e2e-large-fine');
    await page.getByTestId('new-item-start').click();
    await page.getByTestId('item-editor').waitFor();
    expect(page.url()).toContain('new=1');
    await field('name').locator('input').fill('拟罚款超过十万元（测试）');
    await field('nameEn').locator('textarea').fill('Proposed fine over 100,000 (test)');
    await page.locator('[data-condition-empty]').click();
    const test = page.locator('[data-condition-fact]').first();
    await test.getByPlaceholder('事实', { exact: true }).fill('proposedFine');
    await test.locator('.ant-select').nth(1).click();
    await page.locator('.ant-select-item-option[title="greaterThan"]').click();
    await test.getByPlaceholder('值', { exact: true }).fill('100000');
    await page
      .getByTestId('monaco')
      .locator('.view-line', { hasText: /fact:\s+proposedFine/ })
      .waitFor();
    await page
      .getByTestId('monaco')
      .locator('.view-line', { hasText: /value:\s+100000/ })
      .waitFor();
    await shot(page, 'studio-condition-builder');
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    await page.locator('[data-origin="added"]').waitFor();
    expect(page.url()).not.toContain('new=1');
    await page.getByTestId('back').click();
    await page.locator('[data-ws-item="condition/e2e-large-fine"]').waitFor();
  });

  step('draws a workflow as a graph and adds a state and an action to it there', async () => {
    const graph = page.getByTestId('workflow-graph');
    const modal = page.locator('.ant-modal:visible');
    await page.locator('[data-tab="items"]').click();
    await page.locator('[data-ws-kind="workflow"]').click();
    await page.locator('[data-ws-item="workflow/penalty-summary"]').click();
    await page.getByTestId('item-editor').waitFor();
    // The six states of the national 简易程序, the start marked.
    await graph.locator('.react-flow__node', { hasText: '▶' }).waitFor();
    await expect(graph.locator('.react-flow__node').count()).resolves.toBe(6);
    await expect(graph.locator('.react-flow__edge').count()).resolves.toBeGreaterThanOrEqual(5);
    // A state code already used is refused in the dialog, in Chinese, and nothing changes.
    await page.getByTestId('graph-add-state').click();
    await page.getByTestId('graph-code').fill('decision');
    await page.getByTestId('graph-name').fill('重复的环节');
    await modal.locator('.ant-btn-primary').click();
    await modal.getByText('环节编码“decision”已被使用').waitFor();
    await page.getByTestId('graph-code').fill('e2e-check');
    await page.getByTestId('graph-name').fill('复核（测试）');
    await modal.locator('.ant-btn-primary').click();
    await graph.locator('.react-flow__node', { hasText: '复核（测试）' }).waitFor();
    await page.getByTestId('unsaved').waitFor();
    // Nothing reaches the new state yet and nothing leaves it: both said above the graph.
    await graph.locator('.react-flow__node.graph-unreachable', { hasText: '复核（测试）' }).waitFor();
    await expect(page.getByTestId('graph-flags').textContent()).resolves.toContain('“复核（测试）”从开始环节无法到达');
    // An action from 现场调查确认 to it, chosen in the dialog.
    await page.getByTestId('graph-add-transition').click();
    await pickState('graph-from', 'from-on-site', '现场调查确认');
    await pickState('graph-to', 'to-e2e-check', '复核（测试）');
    await page.getByTestId('graph-code').fill('to-e2e-check');
    await page.getByTestId('graph-name').fill('提交复核（测试）');
    await page.getByTestId('graph-name-en').fill('Submit for checking (test)');
    await modal.locator('.ant-btn-primary').click();
    await graph.locator('.react-flow__edge', { hasText: '提交复核（测试）' }).waitFor();
    // Reached now, but still a dead end: no action leaves it.
    await graph.locator('.react-flow__node.graph-dead-end', { hasText: '复核（测试）' }).waitFor();
    await expect(page.getByTestId('graph-flags').textContent()).resolves.toContain('没有任何操作离开它');
    // (The YAML view holds the same value; Monaco draws only the lines in view, and the new
    // action is at the end of a long list, so the saved override below is what is checked.)
    // The page below is the long generated form: the picture is of the graph and what is selected.
    await graph.locator('.react-flow__edge', { hasText: '提交复核（测试）' }).click();
    await page.getByTestId('graph-selected-transition').waitFor();
    // The action's settings beside the graph: who may take it, typed as a code.
    const settings = page.getByTestId('graph-transition-settings');
    await settings.waitFor();
    const roles = page.getByTestId('graph-transition-roles');
    await roles.click();
    await page.keyboard.type('agency-head');
    await page.keyboard.press('Enter');
    await roles.locator('.ant-select-selection-item', { hasText: 'agency-head' }).waitFor();
    await page.getByTestId('graph-transition-reasonRequired').click();
    await expect(page.getByTestId('graph-transition-reasonRequired').getAttribute('aria-checked')).resolves.toBe(
      'true',
    );
    await graph.screenshot({ path: join(SHOTS, 'studio-workflow-graph.png') });
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    // Saved as the smallest override: the new state and action, keyed, not the whole workflow —
    // the action with the role and the reason set on the graph.
    const patch = (await page.getByTestId('patch').textContent()) ?? '';
    expect(patch).toContain('e2e-check');
    expect(patch).toContain('to-e2e-check');
    expect(patch).toContain('agency-head');
    expect(patch).toContain('reasonRequired');
    expect(patch).not.toContain('not-penalised');
  });

  step(
    'the manifest: a base range no installed version satisfies is refused at its field; a new range rebases the copy; English names required',
    async () => {
      await page.getByTestId('back').click();
      await page.locator('[data-tab="manifest"]').click();
      await page.getByTestId('manifest').waitFor();
      const range = page.getByTestId('manifest-extends-range');
      await expect(range.inputValue()).resolves.toBe('^1.0.0');
      await range.fill('^2.0.0');
      await page.getByTestId('manifest-require-english').check();
      await page.getByTestId('manifest-save').click();
      const error = page.getByTestId('manifest-error');
      await error.waitFor();
      await expect(error.textContent()).resolves.toContain(
        '没有已安装的 tj-binhai 版本满足 ^2.0.0（已安装：1.0.0、1.1.0）',
      );
      await expect(error.textContent()).resolves.toContain('/extends/version');
      await shot(page, 'studio-manifest-refused');
      // The browser logs the refused request; it is the refusal this step asked for, not a page error.
      const refused = browser.errors.findIndex((e) => e.includes('422 (Unprocessable Entity)'));
      expect(refused).toBeGreaterThanOrEqual(0);
      browser.errors.splice(refused, 1);
      await range.fill('^1.1.0');
      await page.getByTestId('manifest-save').click();
      await page.getByTestId('manifest-saved').waitFor();
      const rebased = page.getByTestId('manifest-rebased');
      await expect(rebased.textContent()).resolves.toContain('已换到基础包 tj-binhai@1.1.0（原为 tj-binhai@1.0.0）');
      // 1.1.0 holds the same items: every override still applies. The one new error is the English
      // names the same save required (the workflow state added on the graph has none).
      await expect(rebased.textContent()).resolves.toContain('这次保存后新出现 1 个错误');
      await expect(rebased.locator('[data-issue="names.english-missing"]').textContent()).resolves.toContain(
        'penalty-summary',
      );
      await expect(rebased.locator('[data-issue="layer.override-missing"]').count()).resolves.toBe(0);
      await expect(page.getByTestId('manifest-require-english').isChecked()).resolves.toBe(true);
      await page.getByTestId('manifest-extends').getByText('tj-binhai ^1.1.0').waitFor();
      await page.getByTestId('workspace').getByText('tj-binhai@1.1.0').first().waitFor();
      await shot(page, 'studio-manifest');
    },
  );

  step('explores the published 0.1.0, not the active pack, read-only, and starts a pack on it', async () => {
    await page.getByTestId('nav-explore').click();
    await page.getByTestId('kind-list').waitFor();
    await page.locator('[data-testid="pack-header"][data-active="yes"]').waitFor();
    await page.getByTestId('explore-version').click();
    await page.locator('.ant-select-item-option', { hasText: 'tj-binhai-e2e@0.1.0' }).click();
    await page.locator('[data-testid="pack-header"][data-active="no"]').waitFor();
    await page.getByTestId('read-only').waitFor();
    await expect(page.getByTestId('pack').textContent()).resolves.toContain('tj-binhai-e2e@0.1.0');
    expect(page.url()).toMatch(/\/studio\/\?v=sha256/);
    await shot(page, 'studio-explore-version');
    // The copy's override as published: the parameter from the layer of the version explored, 25.
    await page.locator('[data-kind="parameter"]').click();
    await page.getByTestId('kind-items').waitFor();
    await page.locator(`[data-item="${PARAM}"]`).click();
    const override = page.locator('[data-override="tj-binhai-e2e"]');
    await override.waitFor();
    await expect(override.locator('[data-value]').first().textContent()).resolves.toBe('25');
    // Its base value from the installed Binhai (the version before its layer), not from a folder.
    await expect(override.locator('[data-base]').first().textContent()).resolves.toBe('15');
    await shot(page, 'studio-explore-version-item');
    expect(page.url()).toContain('v=sha256');
    await page.getByTestId('explore-start').click();
    await page.getByTestId('new-workspace').waitFor();
    await expect(page.getByTestId('base-version').textContent()).resolves.toContain('tj-binhai-e2e@0.1.0');
  });

  step('no page error and nothing the Content-Security-Policy refused', async () => {
    expect(browser.errors).toEqual([]);
  });
});
