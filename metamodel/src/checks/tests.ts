/**
 * Golden tests name what exists: the states and actions of their workflow, the tiers of
 * their benchmark, the indicators of their scheme, refusal reasons their guard can give
 * (test-reasons.ts) and facts a rule could read. (Running them is the rules part's job.)
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';
import { checkRefusalReasons } from './test-reasons.ts';
import { universes } from './universe.ts';

/** Checks every test suite's references into items. */
export const checkTests: Check = (ctx) => {
  const out: Finding[] = [];
  const u = universes(ctx);
  for (const [code, suite] of validItems(ctx, 'test')) {
    suite.cases.forEach((c, i) => {
      const at = (...p: (string | number)[]) => pointerOf('cases', i, ...p);
      // A fact no rule could read is misspelt (or left over): the rule reads the fact as missing.
      const alert = 'alert' in c ? ctx.pack.items.alert.get(c.alert) : undefined;
      const known = alert?.scope === 'subject' ? u.alert('subject') : u.anyCase;
      const given =
        'facts' in c ? Object.keys(c.facts).map((k) => [k.split('.')[0] ?? k, at('facts', k)] as const) : [];
      const listed =
        'facts' in c ? (c.expectUndetermined ?? []).map((f, j) => [f, at('expectUndetermined', j)] as const) : [];
      for (const [fact, pointer] of [...given, ...listed]) {
        if (fact !== 'timeline' && !known.has(fact))
          out.push(finding('test', code, pointer, 'test.unknown-fact', { fact }));
      }
      if ('workflow' in c) {
        const wf = ctx.pack.items.workflow.get(c.workflow);
        if (!wf) return;
        if (!wf.states.some((s) => s.code === c.state))
          out.push(finding('test', code, at('state'), 'test.unknown-state', { workflow: c.workflow, state: c.state }));
        const actions = new Set(wf.transitions.map((t) => t.action));
        for (const key of ['allowed', 'refused'] as const) {
          (c.expect[key] ?? []).forEach((a, j) => {
            const action = typeof a === 'string' ? a : a.action;
            const pointer = typeof a === 'string' ? at('expect', key, j) : at('expect', key, j, 'action');
            if (!actions.has(action))
              out.push(finding('test', code, pointer, 'test.unknown-action', { workflow: c.workflow, action }));
          });
        }
        out.push(...checkRefusalReasons(ctx, code, c, i, wf));
      } else if ('discretion' in c) {
        const d = ctx.pack.items.discretion.get(c.discretion);
        if (!d || c.expect.tier === undefined) return;
        if (!d.versions.some((v) => v.tiers.some((t) => t.code === c.expect.tier))) {
          out.push(
            finding('test', code, at('expect', 'tier'), 'test.unknown-tier', {
              discretion: c.discretion,
              tier: c.expect.tier,
            }),
          );
        }
      } else if ('assessment' in c) {
        const s = ctx.pack.items.assessment.get(c.assessment);
        if (!s) return;
        for (const ind of Object.keys(c.expect.points ?? {})) {
          if (!s.indicators.some((x) => x.code === ind)) {
            out.push(
              finding('test', code, at('expect', 'points', ind), 'test.unknown-indicator', {
                assessment: c.assessment,
                indicator: ind,
              }),
            );
          }
        }
      }
    });
  }
  return out;
};
