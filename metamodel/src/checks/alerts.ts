/**
 * Alert rules: recipients are roles (or the case's officers, or its subject's head),
 * message placeholders name facts the rule can see, the default level comes last, and only a
 * case rule asks for closed cases.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';
import { placeholders } from './documents.ts';
import { universes } from './universe.ts';

/** Recipients that are not roles. */
export const SPECIAL_RECIPIENTS = ['case-officers', 'subject-head'] as const;

/** Checks every alert rule. */
export const checkAlerts: Check = (ctx) => {
  const out: Finding[] = [];
  const u = universes(ctx);
  for (const [code, a] of validItems(ctx, 'alert')) {
    a.notify.forEach((r, i) => {
      if (!ctx.pack.items.role.has(r) && !(SPECIAL_RECIPIENTS as readonly string[]).includes(r)) {
        out.push(finding('alert', code, pointerOf('notify', i), 'alert.unknown-recipient', { recipient: r }));
      }
    });
    const universe = u.alert(a.scope, a.appliesTo?.matters);
    for (const [field, text] of [
      ['message', a.message],
      ['messageEn', a.messageEn ?? ''],
    ] as const) {
      for (const name of placeholders(text)) {
        if (!universe.has(name.split('.')[0] ?? ''))
          out.push(finding('alert', code, `/${field}`, 'alert.unknown-placeholder', { name }));
      }
    }
    a.levels.forEach((l, i) => {
      if (l.when === undefined && i !== a.levels.length - 1)
        out.push(finding('alert', code, pointerOf('levels', i), 'alert.default-not-last', {}));
    });
    // Only cases close: a subject rule that asks for closed ones would silently never mean anything.
    if (a.scope === 'subject' && a.includeClosed !== undefined)
      out.push(finding('alert', code, '/includeClosed', 'alert.include-closed-subject', {}));
  }
  return out;
};
