/**
 * Filling the app's screens as an officer does: document form fields by their pack field name
 * (DocumentForm marks each control with `data-field`), antd selects, radios, checkboxes, dates.
 */
import type { Locator, Page } from 'playwright-core';

/** The control of a document field (the first, or the nth in a table). */
export const field = (page: Page | Locator, name: string, nth = 0) => page.locator(`[data-field="${name}"]`).nth(nth);

/** Types into a text or number field (its input or textarea). */
export async function type(page: Page | Locator, name: string, value: string | number, nth = 0): Promise<void> {
  const el = field(page, name, nth);
  const tag = await el.evaluate((e) => e.tagName);
  const target = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await target.fill(String(value));
}

/** Picks an option of an antd select field (single or multiple), by its title or, for an option labelled with markup, its text. */
export async function select(page: Page, control: Locator, option: string): Promise<void> {
  await control.click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  const exact = new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await dropdown
    .locator(`.ant-select-item-option[title="${option}"]`)
    .or(dropdown.locator('.ant-select-item-option').filter({ hasText: exact }))
    .first()
    .click();
}

/** Picks an option of a document select field. */
export const selectField = (page: Page, name: string, option: string, nth = 0) =>
  select(page, field(page, name, nth), option);

/** Clicks the radio button or checkbox of a field labelled `label`. */
export async function check(page: Page | Locator, name: string, label: string, nth = 0): Promise<void> {
  await field(page, name, nth)
    .locator('label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
}

/**
 * Sets an antd date picker field (YYYY-MM-DD, or YYYY-MM-DD HH:mm for a date-time); on a phone a
 * date-time field has a date and a time picker, and each gets its part.
 */
export async function date(page: Page, name: string, value: string, o: { enter?: boolean } = {}): Promise<void> {
  const time = page.locator(`input[data-field-time="${name}"]`);
  if (value.includes(' ') && (await time.count())) {
    const [day, at] = value.split(' ') as [string, string];
    await date(page, name, day, o);
    await time.click();
    await time.fill(at);
    if (o.enter ?? true) await time.press('Enter');
    return;
  }
  const input = field(page, name).locator('input').first();
  const target = (await input.count()) ? input : page.locator(`input[data-field="${name}"]`);
  await target.click();
  await target.fill(value);
  // Without Enter, as an officer who types the time and goes on to the next field.
  if (o.enter ?? true) await target.press('Enter');
}

/** Answers a yes/no fact of a FactFields form by its label. */
export async function fact(page: Page, label: string, answer: '是' | '否'): Promise<void> {
  const item = page
    .locator('.ant-form-item')
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });
  await item.locator('label.ant-radio-button-wrapper').filter({ hasText: answer }).click();
}

/** The antd form item of a label (open-case and facts forms). */
export const item = (page: Page, label: string) =>
  page
    .locator('.ant-form-item')
    .filter({ has: page.locator('.ant-form-item-label label', { hasText: new RegExp(`^${label}$`) }) });

const TRANSITIONS = /\/api\/v1\/cases\/[^/]+\/transitions$/;

/**
 * Clicks the action dialog's 确认办理 until the request goes out. On a loaded 2-core machine CI saw
 * the click land while the dialog was still opening and go nowhere (the dialog stayed open, its
 * button idle, nothing sent); a second click once the dialog has settled is what a user does.
 */
export async function confirmAction(page: Page): Promise<void> {
  const confirm = page.getByTestId('action-confirm');
  for (let attempt = 1; ; attempt++) {
    const sent = page
      .waitForRequest((r) => r.method() === 'POST' && TRANSITIONS.test(new URL(r.url()).pathname), { timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    await confirm.click();
    if (await sent) return;
    if (attempt === 3) throw new Error('确认办理 was clicked three times and no request went out');
  }
}

/**
 * Clicks the OK button of the open Popconfirm and waits for the request it sends (`sends`: method
 * and a path pattern). Under load a click can land while the popover is still opening and send
 * nothing (seen on the studio's 恢复为基础值: the popover stayed open, no request went out): then
 * it clicks again, at most three times, and reports a click that never sends anything.
 */
export async function confirmPopconfirm(page: Page, sends: { method: string; path: RegExp }): Promise<void> {
  const ok = page.locator('.ant-popconfirm:visible .ant-btn-primary');
  for (let attempt = 1; ; attempt++) {
    const sent = page
      .waitForRequest((r) => r.method() === sends.method && sends.path.test(new URL(r.url()).pathname), {
        timeout: 10_000,
      })
      .then(
        () => true,
        () => false,
      );
    await ok.click();
    if (await sent) return;
    if (attempt === 3) throw new Error(`the Popconfirm's OK was clicked three times and no ${sends.method} went out`);
  }
}

/** Takes a workflow action from the case page's actions panel, with a reason when asked. */
export async function act(page: Page, action: string, reason?: string): Promise<void> {
  const before = await page.getByTestId('case-page').getAttribute('data-state');
  const button = page.locator(`[data-testid="actions"] button[data-action="${action}"]`);
  if (
    !(await button.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    ))
  ) {
    const refused = await page.locator(`[data-refused="${action}"]`).allTextContents();
    throw new Error(`"${action}" is not offered; refused: ${refused.join(' | ') || '(not listed)'}`);
  }
  await button.click();
  if (reason) await page.getByTestId('action-reason').fill(reason);
  // The server's answer, not only the page's state: a refusal is reported with its reason, and a
  // slow answer on a loaded machine is waited for (CI once timed out here without saying why).
  const answer = page.waitForResponse(
    (r) => r.request().method() === 'POST' && TRANSITIONS.test(new URL(r.url()).pathname),
    {
      timeout: 60_000,
    },
  );
  await confirmAction(page);
  const res = await answer;
  if (!res.ok()) throw new Error(`"${action}" was refused by the server (${res.status()}): ${await res.text()}`);
  // A locator, not waitForFunction: the app's Content-Security-Policy (no eval) refuses the
  // string predicates waitForFunction evaluates in the page.
  await page
    .locator(`[data-testid="case-page"]:not([data-state=${JSON.stringify(before ?? '')}])`)
    .waitFor({ timeout: 30_000 });
}
