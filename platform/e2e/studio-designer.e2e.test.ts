/**
 * The studio's document-form designer (#14), as an implementer uses it: a working copy on the
 * installed Binhai version, the national 送达回证 opened — its fields listed beside the officer's
 * form previewed from the same definition. A field's label changed is saved as that one keyed
 * element; then a new field is added, named twice (refused at the field in zh), labelled, shown
 * only when 送达方式 is 邮寄送达 and printed: in the preview it appears only once that choice is
 * made, a sample value typed in it shows on the A4 sheet, and the save writes the field as one
 * keyed element placed after its neighbour (with the rules and print lists, which are not keyed).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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
const DOC = '/studio/workspaces/{id}/items/document/service-receipt';

beforeAll(async () => {
  ensureStudioBuilt();
  server = await startE2eServer();
  browser = await openBrowser(server.url);
  page = browser.page;
  id = await binhaiWorkingCopy(server.url, 'tj-binhai-forms', '滨海新区文书测试配置包');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const designer = () => page.getByTestId('form-designer');
/** What a desk screen shows with the designer at its top: the field list beside the preview. */
async function deskShot(name: string) {
  await designer().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
const preview = () => page.getByTestId('designer-preview');
const row = (name: string) => designer().locator(`[data-designer-field="${name}"]`);

describe.sequential('the studio: designing a document form', () => {
  step('the implementer opens the national 送达回证 in a working copy: fields beside the officer form', async () => {
    await page.goto('/studio/');
    await page.getByTestId('username').fill(PEOPLE.implementer.username);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('nav-workspaces').waitFor();
    await page.goto(DOC.replace('{id}', id));
    // The item editor's and the designer's chunks load on opening (slow on a busy machine).
    await designer().waitFor({ timeout: 110_000 });
    await row('method').waitFor();
    await expect(designer().locator('[data-designer-field]').count()).resolves.toBe(17);
    // The officer's form: 送达方式 is there, the fields shown only for 邮寄送达 are not yet.
    await preview().getByText('送达方式').first().waitFor();
    await expect(preview().getByText('邮件号码').count()).resolves.toBe(0);
  });

  step("one field's English label changed is saved as that one keyed element", async () => {
    await row('note').click();
    await page.getByTestId('designer-title-en').fill('Notes');
    await page.getByTestId('unsaved').waitFor();
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    const patch = JSON.parse((await page.getByTestId('patch').textContent()) ?? '{}');
    expect(patch).toEqual({ fields: [{ name: 'note', titleEn: 'Notes' }] });
  });

  step('a new field: a name used twice and an empty label are refused at the field, in Chinese', async () => {
    await row('method').click();
    await page.getByTestId('designer-add-field').click({ noWaitAfter: true });
    await row('field1').waitFor();
    await page.getByTestId('designer-preview-card').getByTestId('preview-blocked').waitFor();
    await row('field1').locator('[data-designer-problem="title"]', { hasText: '字段标题不能为空' }).waitFor();
    await page.getByTestId('designer-name').fill('method');
    await page
      .getByTestId('designer-field-editor')
      .locator('[data-field-problem="name"]', { hasText: '字段名“method”重复' })
      .waitFor();
    await page.getByTestId('designer-name').fill('courier');
    await page.getByTestId('designer-title').fill('快递公司');
    await page.getByTestId('designer-title-en').fill('Courier');
    await expect(designer().locator('[data-designer-problem]').count()).resolves.toBe(0);
    // Placed right after 送达方式, the field selected.
    const names = await designer()
      .locator('[data-designer-field]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-designer-field')));
    expect(names.slice(names.indexOf('method'), names.indexOf('method') + 2)).toEqual(['method', 'courier']);
  });

  step('the new field is shown only when 送达方式 is 邮寄送达, and printed', async () => {
    const when = page.locator('[data-designer-condition="show"]');
    await when.locator('[data-condition-empty]').click();
    const fact = when.locator('[data-condition-fact]').first();
    await fact.getByPlaceholder('事实').fill('method');
    await fact.getByPlaceholder('值').fill('邮寄送达');
    // Each edit rebuilds the generated form below: on a busy machine the page is slow to answer,
    // so the click does not wait for it (the switch's state is waited for instead).
    await page.getByTestId('designer-printed').click({ noWaitAfter: true });
    await page.locator('[data-testid="designer-printed"][aria-checked="true"]').waitFor();
    await fact.locator('input[value="邮寄送达"]').waitFor();
  });

  step('in the preview the new field appears only once 邮寄送达 is chosen, and takes a sample value', async () => {
    // The officer's form hides the new field until the choice is made.
    await preview().getByText('送达方式').first().waitFor();
    await expect(preview().getByText('快递公司').count()).resolves.toBe(0);
    const method = preview().locator('.ant-formily-item', { hasText: '送达方式' }).locator('.ant-select').first();
    await method.click();
    await page.locator('.ant-select-item-option', { hasText: '邮寄送达' }).click();
    await preview().getByText('快递公司').waitFor();
    await preview().locator('.ant-formily-item', { hasText: '快递公司' }).locator('input').fill('顺丰速运');
    await deskShot('studio-form-designer');
  });

  step('the A4 tab prints the sample value on the sheet', async () => {
    await page.getByTestId('preview-tab-a4').click();
    const sheet = page.getByTestId('designer-a4').frameLocator('iframe');
    await sheet.getByText('顺丰速运').waitFor();
    await sheet.getByText('送达回证').first().waitFor();
    await deskShot('studio-form-designer-a4');
  });

  step('saved as the smallest override: the new field one keyed element after 送达方式', async () => {
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(0);
    const patch = JSON.parse((await page.getByTestId('patch').textContent()) ?? '{}') as Record<string, unknown>;
    // The label saved before is still there; the new field is one element placed by its neighbour.
    expect(patch.fields).toEqual([
      { name: 'courier', title: '快递公司', titleEn: 'Courier', type: 'string', $after: 'method' },
      { name: 'note', titleEn: 'Notes' },
    ]);
    // Rules and print blocks are not keyed arrays: written whole, with the one new rule and line.
    expect(Object.keys(patch).sort()).toEqual(['fields', 'print', 'rules']);
    const rules = patch.rules as { fields: string[]; effect: string; when: unknown }[];
    expect(rules.filter((r) => r.fields.includes('courier'))).toEqual([
      {
        effect: 'show',
        fields: ['courier'],
        when: { all: [{ fact: 'method', operator: 'equal', value: '邮寄送达' }] },
      },
    ]);
    const blocks = (patch.print as { blocks: { field?: string }[] }).blocks;
    expect(blocks.filter((b) => b.field === 'courier')).toEqual([{ kind: 'field', field: 'courier' }]);
  });

  step('no page error and nothing the Content-Security-Policy refused', async () => {
    expect(browser.errors).toEqual([]);
  });
});
