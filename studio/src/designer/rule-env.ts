/**
 * The rule environment the designer's preview evaluates a form's field rules in: the working
 * copy's holiday calendars and the named conditions and parameters the rules name (and those the
 * named conditions name in turn), compiled by @yifa/rules' createRuleEnv exactly as the officer's
 * app compiles a case's rules. Read over the working-copy API: only the items named, not every
 * condition and parameter of the copy.
 */
import type { HolidayCalendar, NamedCondition, Parameter } from '@yifa/metamodel';
import { createRuleEnv, type RuleEnv } from '@yifa/rules';
import { api } from '../api.ts';

/** The named conditions (`{ condition: code }`) and parameters (`{ param: code }`) a value names. */
export function namedIn(value: unknown, out = { conditions: new Set<string>(), params: new Set<string>() }) {
  if (Array.isArray(value)) for (const v of value) namedIn(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k === 'condition' && typeof v === 'string') out.conditions.add(v);
      else if (k === 'param' && typeof v === 'string') out.params.add(v);
      else namedIn(v, out);
    }
  return out;
}

/** What a document names, as a key (a new key means a new environment); loadRuleEnv reads it back. */
export function needsKey(doc: unknown): string {
  const { conditions, params } = namedIn(doc);
  return JSON.stringify([
    ...[...conditions].sort().map((condition) => ({ condition })),
    ...[...params].sort().map((param) => ({ param })),
  ]);
}

const value = async (workspace: string, kind: string, code: string): Promise<unknown> =>
  (await api.workspaceItem(workspace, kind, code)).value;

/** The environment for rules naming these conditions and parameters; without a copy, none named. */
export async function loadRuleEnv(workspace: string | undefined, named: unknown): Promise<RuleEnv> {
  if (!workspace) return createRuleEnv();
  const { items } = await api.workspaceItems(workspace, 'calendar');
  const calendars = await Promise.all(items.map((i) => value(workspace, 'calendar', i.code)));
  const conditions = new Map<string, unknown>();
  const params = new Set<string>();
  let wanted = namedIn(named);
  // Named conditions may name others: read until nothing new is named (a missing one is left to
  // the compiler, which reports it as the officer's app would).
  while (wanted.conditions.size > 0 || wanted.params.size > 0) {
    for (const p of wanted.params) params.add(p);
    const next = [...wanted.conditions].filter((c) => !conditions.has(c));
    const read = await Promise.all(next.map((c) => value(workspace, 'condition', c).catch(() => undefined)));
    wanted = { conditions: new Set(), params: new Set() };
    next.forEach((code, i) => {
      conditions.set(code, read[i]);
      if (read[i] !== undefined) namedIn(read[i], wanted);
    });
    for (const c of [...wanted.conditions]) if (conditions.has(c)) wanted.conditions.delete(c);
    for (const p of [...wanted.params]) if (params.has(p)) wanted.params.delete(p);
  }
  const parameters = await Promise.all([...params].map((p) => value(workspace, 'parameter', p).catch(() => undefined)));
  return createRuleEnv({
    conditions: [...conditions.values()].filter((c) => c !== undefined) as NamedCondition[],
    parameters: parameters.filter((p) => p !== undefined) as Parameter[],
    calendars: calendars as HolidayCalendar[],
  });
}
