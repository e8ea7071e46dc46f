/**
 * Golden tests name what exists: the states and actions of their workflow, the tiers of
 * their benchmark, the indicators of their scheme. (Running them is the rules part's job.)
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every test suite's references into items. */
export const checkTests: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, suite] of validItems(ctx, 'test')) {
    suite.cases.forEach((c, i) => {
      const at = (...p: (string | number)[]) => pointerOf('cases', i, ...p);
      if ('workflow' in c) {
        const wf = ctx.pack.items.workflow.get(c.workflow);
        if (!wf) return;
        if (!wf.states.some((s) => s.code === c.state))
          out.push(finding('test', code, at('state'), 'test.unknown-state', { workflow: c.workflow, state: c.state }));
        const actions = new Set(wf.transitions.map((t) => t.action));
        for (const key of ['allowed', 'refused'] as const) {
          (c.expect[key] ?? []).forEach((a, j) => {
            if (!actions.has(a))
              out.push(
                finding('test', code, at('expect', key, j), 'test.unknown-action', { workflow: c.workflow, action: a }),
              );
          });
        }
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
