/**
 * Golden tests name what exists: the states and actions of their workflow, the tiers of
 * their benchmark, the indicators of their scheme, refusal reasons their guard can give
 * (test-reasons.ts), facts a rule could read, and for opening cases a subject, a workflow the
 * matter follows and refusal reasons opening can give. (Running them is the rules part's job.)
 */
import type { OpeningCase } from '../generated/types.ts';
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
      if ('opening' in c) {
        out.push(...checkOpeningCase(ctx, code, c, i));
      } else if ('workflow' in c) {
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

/**
 * An opening case names one subject, a workflow its matter follows, and refusals opening can
 * give there: officers / certificates only where the workflow has opening.minOfficers (and a
 * `basis` among its opening.basis, an `officer` among those named), subject-type / sector only
 * under an authority item.
 */
function checkOpeningCase(ctx: Parameters<Check>[0], suite: string, c: OpeningCase, i: number): Finding[] {
  const out: Finding[] = [];
  const at = (...p: (string | number)[]) => pointerOf('cases', i, ...p);
  if ((c.org === undefined) === (c.subject === undefined))
    out.push(finding('test', suite, c.org === undefined ? at() : at('subject'), 'test.opening-subject', {}));
  const matter = c.opening.matter === undefined ? undefined : ctx.pack.items.matter.get(c.opening.matter);
  if (c.opening.matter !== undefined && !matter) return out; // unresolved: the references check says so
  const wfCode = c.opening.workflow ?? matter?.workflow;
  if (matter && wfCode !== matter.workflow && !matter.alternativeWorkflows?.includes(wfCode ?? '')) {
    out.push(
      finding('test', suite, at('opening', 'workflow'), 'test.opening-workflow', {
        matter: matter.code,
        workflow: wfCode,
      }),
    );
    return out;
  }
  const wf = wfCode === undefined ? undefined : ctx.pack.items.workflow.get(wfCode);
  const itemCode = c.opening.authorityItem ?? matter?.authorityItem;
  const item = itemCode === undefined ? undefined : ctx.pack.items['authority-item'].get(itemCode);
  if ('allowed' in c.expect) return out;
  c.expect.refused.forEach((r, j) => {
    const impossible = (key: string, reason: string, reasonEn: string) =>
      out.push(
        finding('test', suite, at('expect', 'refused', j, key), 'test.opening-reason-impossible', {
          because: r.because,
          reason,
          reasonEn,
        }),
      );
    const officersRule = r.because === 'officers' || r.because === 'certificates';
    if (officersRule && wf?.opening === undefined)
      impossible(
        'because',
        `流程“${wfCode ?? '—'}”没有 opening.minOfficers`,
        `workflow "${wfCode ?? '—'}" has no opening.minOfficers`,
      );
    else if ((r.because === 'subject-type' || r.because === 'sector') && !item)
      impossible('because', '所立事项没有权责清单事项', 'what is opened has no authority item');
    else if (r.because === 'subject-type' && !item?.subjectTypes?.length)
      impossible(
        'because',
        `权责清单事项“${itemCode}”不限实施主体类型`,
        `authority item "${itemCode}" names no subject types`,
      );
    if (r.basis !== undefined && !(officersRule && wf?.opening?.basis?.includes(r.basis)))
      impossible(
        'basis',
        `拒绝不会引用“${r.basis}”（只引用流程的 opening.basis）`,
        `the refusal does not cite "${r.basis}" (only the workflow's opening.basis)`,
      );
    if (r.officer !== undefined && (r.because !== 'certificates' || r.officer >= c.officers.length))
      impossible(
        'officer',
        `officer 须为 certificates 的拒绝、且在所列 ${c.officers.length} 名承办人员之内`,
        `officer goes with certificates and must be one of the ${c.officers.length} officers named`,
      );
  });
  return out;
}
