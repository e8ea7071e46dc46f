/**
 * 预警: alert rules over a case or subject snapshot. An alert fires when its `when` holds; its
 * level is the first level whose condition holds (the last has none); the message is filled
 * from the facts. Alerts are scanned in bulk, so the fast path decides and only fired or
 * undetermined alerts build their traces (ask with `explainQuiet` for the others).
 */
import type { AlertRule, Condition } from '@yifa/metamodel';
import type { CompiledCondition } from './compiler.ts';
import { compileCondition } from './engine.ts';
import { cached, type RuleEnv } from './env.ts';
import { explainEvaluation } from './explain.ts';
import type { FactContext } from './facts.ts';
import type { Lang } from './format.ts';
import { fail, type Issue, type Message, ok, type Result } from './issues.ts';
import { compileMessage, type MessageTemplate } from './message.ts';
import type { Evaluation } from './trace.ts';

/** An alert level. */
export type AlertLevel = AlertRule['levels'][number]['level'];

/** A fired alert with its explanation. */
export interface FiredAlert {
  code: string;
  name: Message;
  scope: 'case' | 'subject';
  level: AlertLevel;
  /** Role codes, or case-officers / subject-head, as the rule names them. */
  recipients: string[];
  message: Message;
  /** The rule's condition, then each level tried up to the chosen one. */
  evaluations: Evaluation[];
  issues: Issue[];
}

/** The alerts of one snapshot. */
export interface AlertReport {
  fired: FiredAlert[];
  /** Alerts that could not be decided, with why (missing or mistyped facts). */
  undetermined: { code: string; evaluation: Evaluation; issues: Issue[] }[];
  /** Alerts that do not fire; with their evaluation when asked for. */
  quiet: { code: string; evaluation?: Evaluation }[];
}

/** Options of an alert scan. */
export interface AlertOptions {
  /** Only rules of this scope. */
  scope?: 'case' | 'subject';
  /** Also keep the evaluation of alerts that do not fire. */
  explainQuiet?: boolean;
}

/** Alert rules compiled once. */
export interface CompiledAlerts {
  readonly rules: readonly AlertRule[];
  evaluate(ctx: FactContext, options?: AlertOptions): AlertReport;
}

interface CompiledRule {
  rule: AlertRule;
  appliesTo?: CompiledCondition;
  when: CompiledCondition;
  levels: { level: AlertLevel; when?: CompiledCondition }[];
  zh: MessageTemplate;
  en: MessageTemplate;
}

/** Compiles alert rules; `appliesTo` reads the facts workflow and matter. */
export function compileAlerts(rules: readonly AlertRule[], env: RuleEnv): Result<CompiledAlerts> {
  const issues: Issue[] = [];
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    const c = cached(env, rule, () => compileRule(rule, env));
    if (c.ok) compiled.push(c.value);
    else issues.push(...c.issues);
  }
  if (issues.length) return fail(issues);
  return ok({ rules, evaluate: (ctx, options = {}) => scan(compiled, ctx, options) });
}

/** Evaluates alert rules on one snapshot, compiling each rule on first use within the environment. */
export function evaluateAlerts(
  rules: readonly AlertRule[],
  ctx: FactContext,
  env: RuleEnv,
  options?: AlertOptions,
): Result<AlertReport> {
  const c = compileAlerts(rules, env);
  return c.ok ? ok(c.value.evaluate(ctx, options)) : c;
}

function compileRule(rule: AlertRule, env: RuleEnv): Result<CompiledRule> {
  const issues: Issue[] = [];
  const ref = (part: string) => ({ kind: 'alert', code: rule.code, part });
  const scope: Condition[] = [];
  const { workflows, matters } = rule.appliesTo ?? {};
  if (workflows?.length) scope.push({ fact: 'workflow', operator: 'in', value: workflows });
  if (matters?.length) scope.push({ fact: 'matter', operator: 'in', value: matters });
  const applies = scope.length
    ? compileCondition({ all: scope as [Condition] }, env, ref('appliesTo'), '/appliesTo')
    : undefined;
  if (applies && !applies.ok) issues.push(...applies.issues);
  const when = compileCondition(rule.when, env, ref('when'), '/when');
  if (!when.ok) issues.push(...when.issues);
  const levels = rule.levels.map((l, i) => {
    if (!l.when) return { level: l.level };
    const c = compileCondition(l.when, env, ref(`levels/${l.level}`), `/levels/${i}/when`);
    if (!c.ok) issues.push(...c.issues);
    return c.ok ? { level: l.level, when: c.value } : { level: l.level };
  });
  if (!when.ok || issues.length) return fail(issues);
  const zh = compileMessage(rule.message, env);
  const en = compileMessage(rule.messageEn ?? rule.message, env);
  const appliesTo = applies?.ok ? { appliesTo: applies.value } : {};
  return ok({ rule, ...appliesTo, when: when.value, levels, zh, en });
}

function scan(rules: readonly CompiledRule[], ctx: FactContext, options: AlertOptions): AlertReport {
  const report: AlertReport = { fired: [], undetermined: [], quiet: [] };
  for (const r of rules) {
    if (options.scope && r.rule.scope !== options.scope) continue;
    const a = r.appliesTo?.test(ctx) ?? 1;
    if (a !== 1) {
      const scoped = a === 2 ? r.appliesTo?.evaluate(ctx) : undefined;
      if (scoped) report.undetermined.push({ code: r.rule.code, evaluation: scoped, issues: scoped.issues });
      else report.quiet.push({ code: r.rule.code });
      continue;
    }
    const t = r.when.test(ctx);
    if (t === 0) {
      report.quiet.push(
        options.explainQuiet ? { code: r.rule.code, evaluation: r.when.evaluate(ctx) } : { code: r.rule.code },
      );
    } else if (t === 2) {
      const evaluation = r.when.evaluate(ctx);
      report.undetermined.push({ code: r.rule.code, evaluation, issues: evaluation.issues });
    } else {
      report.fired.push(fire(r, ctx));
    }
  }
  return report;
}

function fire(r: CompiledRule, ctx: FactContext): FiredAlert {
  const evaluations = [r.when.evaluate(ctx)];
  let level = r.levels[r.levels.length - 1]?.level ?? 'yellow';
  for (const l of r.levels) {
    if (!l.when) {
      level = l.level;
      break;
    }
    const ev = l.when.evaluate(ctx);
    evaluations.push(ev);
    // An undetermined level counts as holding: the warning errs towards severity, and says why.
    if (ev.held !== false) {
      level = l.level;
      break;
    }
  }
  const { rule } = r;
  return {
    code: rule.code,
    name: { zh: rule.name, en: rule.nameEn ?? rule.name },
    scope: rule.scope,
    level,
    recipients: [...rule.notify],
    message: { zh: r.zh(ctx, 'zh'), en: r.en(ctx, 'en') },
    evaluations,
    issues: evaluations.flatMap((e) => e.issues),
  };
}

/** An alert report as lines: fired alerts with level, message and why; undetermined ones with what is missing. */
export function explainAlerts(report: AlertReport, lang: Lang = 'zh'): string[] {
  const zh = lang === 'zh';
  const sep = zh ? '；' : '; ';
  const lines: string[] = [];
  for (const f of report.fired) {
    const why = f.evaluations.map((e) => explainEvaluation(e, lang)).join(sep);
    lines.push(
      `${zh ? '预警' : 'alert'} ${f.code} [${f.level}] ${f.message[lang]}${zh ? '。依据：' : '. Why: '}${why}`,
    );
  }
  for (const u of report.undetermined) {
    lines.push(`${zh ? '无法判定' : 'undetermined'} ${u.code}: ${u.issues.map((i) => i.message[lang]).join(sep)}`);
  }
  for (const q of report.quiet) {
    const why = q.evaluation ? `: ${explainEvaluation(q.evaluation, lang)}` : '';
    lines.push(`${zh ? '未触发' : 'quiet'} ${q.code}${why}`);
  }
  return lines;
}
