/**
 * Every condition and expression in the pack: facts are declared (by the matter or the
 * platform, per the universe of where the condition stands), parameters and named
 * conditions exist, parameterised facts get valid parameters, operator values have
 * the right shape, nesting is bounded, and named conditions do not refer in a cycle.
 */

import { ENTITY_FACT_NAMES } from '../entity-facts.ts';
import { PLATFORM_FACTS, platformFact } from '../facts.ts';
import type { Condition, Expression } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { OPERATORS } from '../operators.ts';
import { type Check, type CheckContext, validItems } from './context.ts';
import { type Universe, universes } from './universe.ts';

/** How deep conditions may nest (the rules part enforces the same bound at run time). */
export const MAX_CONDITION_DEPTH = 32;

/** Codes a parameterised fact may name. */
interface KnownCodes {
  states: ReadonlySet<string>;
  deadlines: ReadonlySet<string>;
  documents: ReadonlySet<string>;
}

interface Site {
  kind: ItemKind;
  code: string;
  pointer: string;
  universe: Universe;
}

/** Checks every condition and expression of the pack. */
export const checkConditions: Check = (ctx) => {
  const out: Finding[] = [];
  const u = universes(ctx);
  const states = new Set(['opened']);
  const deadlines = new Set<string>();
  const documents = new Set(ctx.pack.items.document.keys());
  for (const wf of ctx.pack.items.workflow.values()) {
    for (const s of wf.states ?? []) states.add(s.code);
    for (const d of wf.deadlines ?? []) deadlines.add(d.code);
  }
  // daysSince may also count from a date fact (the notice's service date), not only a state.
  for (const f of PLATFORM_FACTS) if (f.type === 'date' && f.scope.includes('case')) states.add(f.name);
  for (const m of ctx.pack.items.matter.values())
    for (const f of m.facts ?? []) if (f.type === 'date') states.add(f.name);
  const walker = createWalker(ctx, out, { states, deadlines, documents });
  const cond = (c: Condition | undefined, site: Site) => {
    if (c !== undefined) walker.condition(c, site, 0);
  };
  const expr = (e: Expression | undefined, site: Site) => {
    if (e !== undefined) walker.expression(e, site, 0);
  };

  for (const [code, c] of validItems(ctx, 'condition'))
    cond(c.when, { kind: 'condition', code, pointer: '/when', universe: u.anyCase });
  for (const [code, d] of validItems(ctx, 'discretion')) {
    const site = (pointer: string) => ({ kind: 'discretion' as const, code, pointer, universe: u.discretion(code) });
    d.versions.forEach((v, i) => {
      expr(v.legalRange.min, site(pointerOf('versions', i, 'legalRange', 'min')));
      expr(v.legalRange.max, site(pointerOf('versions', i, 'legalRange', 'max')));
      v.noPenalty?.forEach((n, j) => cond(n.when, site(pointerOf('versions', i, 'noPenalty', j, 'when'))));
      v.circumstances?.forEach((n, j) => cond(n.when, site(pointerOf('versions', i, 'circumstances', j, 'when'))));
      v.tiers.forEach((t, j) => {
        cond(t.when, site(pointerOf('versions', i, 'tiers', j, 'when')));
        expr(t.fine?.min, site(pointerOf('versions', i, 'tiers', j, 'fine', 'min')));
        expr(t.fine?.max, site(pointerOf('versions', i, 'tiers', j, 'fine', 'max')));
        t.persons?.forEach((p, k) => {
          expr(p.fine.min, site(pointerOf('versions', i, 'tiers', j, 'persons', k, 'fine', 'min')));
          expr(p.fine.max, site(pointerOf('versions', i, 'tiers', j, 'persons', k, 'fine', 'max')));
        });
      });
      v.persons?.forEach((p, j) => {
        expr(p.legalRange.min, site(pointerOf('versions', i, 'persons', j, 'legalRange', 'min')));
        expr(p.legalRange.max, site(pointerOf('versions', i, 'persons', j, 'legalRange', 'max')));
      });
      const c = v.continuing;
      if (c) {
        cond(c.when, site(pointerOf('versions', i, 'continuing', 'when')));
        expr(c.from, site(pointerOf('versions', i, 'continuing', 'from')));
        expr(c.until, site(pointerOf('versions', i, 'continuing', 'until')));
        expr(c.dailyAmount, site(pointerOf('versions', i, 'continuing', 'dailyAmount')));
      }
    });
  }
  for (const [code, wf] of validItems(ctx, 'workflow')) {
    const universe = u.workflow(code);
    wf.transitions.forEach((t, i) => {
      cond(t.when, { kind: 'workflow', code, pointer: pointerOf('transitions', i, 'when'), universe });
      cond(t.unless, { kind: 'workflow', code, pointer: pointerOf('transitions', i, 'unless'), universe });
    });
  }
  for (const [code, doc] of validItems(ctx, 'document')) {
    const universe = u.document(
      code,
      doc.fields.map((f) => f.name),
    );
    doc.rules?.forEach((r, i) =>
      cond(r.when, { kind: 'document', code, pointer: pointerOf('rules', i, 'when'), universe }),
    );
    doc.sets?.forEach((x, i) =>
      cond(x.when, { kind: 'document', code, pointer: pointerOf('sets', i, 'when'), universe }),
    );
    doc.fields.forEach((f, i) => {
      expr(f.computed, { kind: 'document', code, pointer: pointerOf('fields', i, 'computed'), universe });
      f.defaults?.forEach((d, j) =>
        cond(d.when, { kind: 'document', code, pointer: pointerOf('fields', i, 'defaults', j, 'when'), universe }),
      );
      const fact = f.source?.startsWith('fact:') ? f.source.slice('fact:'.length) : undefined;
      if (fact !== undefined && !universe.has(fact)) {
        out.push(
          finding('document', code, pointerOf('fields', i, 'source'), 'document.source-unknown', {
            field: f.name,
            source: f.source,
          }),
        );
      }
    });
  }
  for (const [code, a] of validItems(ctx, 'alert')) {
    const universe = u.alert(a.scope, a.appliesTo?.matters);
    cond(a.when, { kind: 'alert', code, pointer: '/when', universe });
    a.levels.forEach((l, i) =>
      cond(l.when, { kind: 'alert', code, pointer: pointerOf('levels', i, 'when'), universe }),
    );
  }
  for (const [code, s] of validItems(ctx, 'assessment')) {
    // Scoring rules read the scheme's derived metrics as they read platform metrics.
    const universe = new Set([...u.indicator, ...(s.metrics ?? []).map((m) => m.name)]);
    s.indicators.forEach((ind, i) =>
      ind.scoring.forEach((r, j) => {
        const site = (p: string) => ({
          kind: 'assessment' as const,
          code,
          pointer: pointerOf('indicators', i, 'scoring', j, p),
          universe,
        });
        cond(r.when, site('when'));
        expr(r.points, site('points'));
      }),
    );
  }
  for (const [code, r] of validItems(ctx, 'risk-scheme'))
    r.classes.forEach((k, i) =>
      cond(k.when, {
        kind: 'risk-scheme',
        code,
        pointer: pointerOf('classes', i, 'when'),
        universe: ENTITY_FACT_NAMES,
      }),
    );
  out.push(...namedConditionCycles(ctx));
  return out;
};

function createWalker(ctx: CheckContext, out: Finding[], known: KnownCodes) {
  const params = ctx.pack.items.parameter;
  const named = ctx.pack.items.condition;
  const report = (
    site: Site,
    pointer: string,
    issue: Parameters<typeof finding>[3],
    p: Record<string, unknown>,
  ): void => {
    out.push(finding(site.kind, site.code, site.pointer + pointer, issue, p));
  };

  const ref = (v: unknown, site: Site, pointer: string) => {
    if (typeof v !== 'object' || v === null) return;
    if ('param' in v && typeof v.param === 'string' && !params.has(v.param)) {
      report(site, `${pointer}/param`, 'condition.unknown-param', { param: v.param });
    }
    if ('fact' in v && typeof v.fact === 'string' && !site.universe.has(v.fact)) {
      report(site, `${pointer}/fact`, 'condition.unknown-fact', { fact: v.fact });
    }
  };

  const walker = {
    condition(c: Condition, site: Site, depth: number, pointer = ''): void {
      if (depth > MAX_CONDITION_DEPTH) {
        report(site, pointer, 'condition.too-deep', { max: MAX_CONDITION_DEPTH });
      } else if ('all' in c) {
        c.all.forEach((x, i) => walker.condition(x, site, depth + 1, `${pointer}/all/${i}`));
      } else if ('any' in c) {
        c.any.forEach((x, i) => walker.condition(x, site, depth + 1, `${pointer}/any/${i}`));
      } else if ('not' in c) {
        walker.condition(c.not, site, depth + 1, `${pointer}/not`);
      } else if ('condition' in c) {
        if (!named.has(c.condition))
          report(site, `${pointer}/condition`, 'ref.unresolved', { kind: 'condition', code: c.condition });
      } else {
        if (!site.universe.has(c.fact)) report(site, `${pointer}/fact`, 'condition.unknown-fact', { fact: c.fact });
        const badParam = (reason: string) =>
          report(site, `${pointer}/params`, 'condition.fact-param', { fact: c.fact, reason });
        checkFactParams(c.fact, c.params, badParam, known);
        checkValueShape(c.operator, c.value, (expected, expectedEn) =>
          report(site, `${pointer}/value`, 'condition.value-shape', { operator: c.operator, expected, expectedEn }),
        );
        ref(c.value, site, `${pointer}/value`);
      }
    },
    expression(e: Expression, site: Site, depth: number, pointer = ''): void {
      if (depth > MAX_CONDITION_DEPTH) {
        report(site, pointer, 'condition.too-deep', { max: MAX_CONDITION_DEPTH });
      } else if (typeof e !== 'object' || e === null) {
        // a literal
      } else if ('fact' in e || 'param' in e) {
        ref(e, site, pointer);
      } else if ('if' in e && e.if) {
        walker.condition(e.if.when, site, depth + 1, `${pointer}/if/when`);
        walker.expression(e.if.then, site, depth + 1, `${pointer}/if/then`);
        walker.expression(e.if.else, site, depth + 1, `${pointer}/if/else`);
      } else {
        for (const [op, args] of Object.entries(e)) {
          if (Array.isArray(args))
            args.forEach((a, i) => walker.expression(a as Expression, site, depth + 1, `${pointer}/${op}/${i}`));
        }
      }
    },
  };
  return walker;
}

function checkFactParams(
  fact: string,
  given: Record<string, unknown> | undefined,
  fail: (reason: string) => void,
  known: KnownCodes,
): void {
  const def = platformFact(fact);
  if (!def) return;
  const declared = def.params ?? {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = given?.[name];
    if (value === undefined) {
      if (spec.required) fail(`缺少参数 ${name} / missing parameter ${name}`);
      continue;
    }
    if (spec.values && !spec.values.includes(String(value)))
      fail(`${name} 应为 ${spec.values.join('/')} / ${name} must be ${spec.values.join('/')}`);
    const code = String(value);
    if (name === 'from' && !known.states.has(code)) fail(`没有状态或日期事实 ${code} / no state or date fact ${code}`);
    if (name === 'deadline' && !known.deadlines.has(code)) fail(`没有期限 ${code} / no deadline ${code}`);
    if (name === 'document' && !known.documents.has(code)) fail(`没有文书 ${code} / no document ${code}`);
  }
  for (const name of Object.keys(given ?? {})) {
    if (!(name in declared)) fail(`未知参数 ${name} / unknown parameter ${name}`);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkValueShape(
  operator: keyof typeof OPERATORS,
  value: unknown,
  fail: (zh: string, en: string) => void,
): void {
  const isRef = typeof value === 'object' && value !== null && !Array.isArray(value);
  switch (OPERATORS[operator].value) {
    case 'list':
      if (!Array.isArray(value) && !isRef) fail('一个数组值', 'an array value');
      break;
    case 'pair':
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        (typeof value[0] === 'number' && typeof value[1] === 'number' && value[0] > value[1])
      ) {
        fail('[下限, 上限] 两个值', 'a [low, high] pair');
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true 或 false', 'true or false');
      break;
    case 'date':
      if (!isRef && !(typeof value === 'string' && DATE.test(value)))
        fail('一个日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)');
      break;
    case 'scalar':
      if (Array.isArray(value)) fail('单个值而非数组', 'a single value, not an array');
      break;
  }
}

function namedConditionCycles(ctx: CheckContext): Finding[] {
  const refs = new Map<string, string[]>();
  for (const [code, c] of ctx.pack.items.condition) refs.set(code, collectRefs(c.when));
  const out: Finding[] = [];
  const done = new Set<string>();
  const visit = (code: string, path: string[]) => {
    if (path.includes(code)) {
      const chain = [...path.slice(path.indexOf(code)), code];
      if (chain[0] === path[0])
        out.push(finding('condition', code, '/when', 'condition.cycle', { chain: chain.join(' → ') }));
      return;
    }
    if (done.has(code)) return;
    for (const next of refs.get(code) ?? []) visit(next, [...path, code]);
    done.add(code);
  };
  for (const code of refs.keys()) visit(code, []);
  return out;
}

function collectRefs(c: Condition | undefined, depth = 0): string[] {
  if (!c || depth > MAX_CONDITION_DEPTH) return [];
  if ('all' in c) return c.all.flatMap((x) => collectRefs(x, depth + 1));
  if ('any' in c) return c.any.flatMap((x) => collectRefs(x, depth + 1));
  if ('not' in c) return collectRefs(c.not, depth + 1);
  if ('condition' in c) return [c.condition];
  return [];
}
