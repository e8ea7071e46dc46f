/**
 * The rule environment the designer's preview evaluates a form's field rules in: the working
 * copy's named conditions, parameters and holiday calendars (what a field rule's condition may
 * name), compiled by @yifa/rules' createRuleEnv exactly as the officer's app compiles a case's
 * rules. Read over the working-copy API once per copy.
 */
import type { HolidayCalendar, NamedCondition, Parameter } from '@yifa/metamodel';
import { createRuleEnv, type RuleEnv } from '@yifa/rules';
import { api } from '../api.ts';

const KINDS = ['condition', 'parameter', 'calendar'] as const;

async function itemsOf(workspace: string, kind: string): Promise<unknown[]> {
  const { items } = await api.workspaceItems(workspace, kind);
  return Promise.all(items.map(async (i) => (await api.workspaceItem(workspace, kind, i.code)).value));
}

/** The working copy's rule environment; without a copy, an environment with no named items. */
export async function loadRuleEnv(workspace: string | undefined): Promise<RuleEnv> {
  if (!workspace) return createRuleEnv();
  const [conditions, parameters, calendars] = await Promise.all(KINDS.map((k) => itemsOf(workspace, k)));
  return createRuleEnv({
    conditions: conditions as NamedCondition[],
    parameters: parameters as Parameter[],
    calendars: calendars as HolidayCalendar[],
  });
}
