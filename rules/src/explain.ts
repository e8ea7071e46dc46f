/**
 * Renders trace records as short sentences, Chinese first:
 * `货值金额 8,000 元 < 10,000 元 ✓` / `goods value 8,000 yuan < 10,000 yuan ✓`.
 * The trace holds every branch, so a sentence can say why a rule held and why it did not.
 */
import { OPERATORS, type Operator } from '@yifa/metamodel';
import { formatValue, type Lang } from './format.ts';
import type { Issue } from './issues.ts';
import type { ParamOrigin } from './param-scope.ts';
import type { Evaluation, FactTrace, TraceNode } from './trace.ts';

/**
 * An issue as an officer's screen says it: a missing fact by its label
 * (the issue's message also names the fact's code, for pack authors and golden tests).
 */
export function screenIssue(i: Issue, lang: Lang = 'zh'): string {
  const zh = typeof i.params.label === 'string' ? i.params.label : undefined;
  if (zh === undefined || i.code !== 'fact.missing') return i.message[lang];
  const en = typeof i.params.labelEn === 'string' ? i.params.labelEn : zh;
  return lang === 'zh' ? `缺少事实“${zh}”` : `fact "${en}" missing`;
}

/** ✓ held, ✗ did not hold, ？ undetermined. */
export function mark(held: boolean | null, lang: Lang = 'zh'): string {
  if (held === null) return lang === 'zh' ? '？' : '?';
  return held ? '✓' : '✗';
}

/** The name of a fact test's fact, with its params, e.g. `经过天数（自 investigation 起，工作日）`. */
export function factName(leaf: FactTrace, lang: Lang): string {
  const name = leaf.label[lang];
  const p = leaf.params;
  if (!p) return name;
  const zh = lang === 'zh';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (k === 'from') parts.push(zh ? `自 ${v} 起` : `since ${v}`);
    else if (k === 'kind')
      parts.push(v === 'working' ? (zh ? '工作日' : 'working days') : zh ? '自然日' : 'calendar days');
    else parts.push(k === 'deadline' ? String(v) : `${k}=${v}`);
  }
  return zh ? `${name}（${parts.join('，')}）` : `${name} (${parts.join(', ')})`;
}

/**
 * The pack's own label of a condition node (a test's or a group's `label`) in a language: in
 * English its `labelEn`, or the Chinese label where the pack gives none; undefined without a label.
 * The one place that picks a condition's label by language — explanations, refusals and traces
 * all read it here.
 */
export function conditionLabel(node: TraceNode, lang: Lang = 'zh'): string | undefined {
  const [zh, en] =
    node.type === 'fact'
      ? [node.conditionLabel, node.conditionLabelEn]
      : node.type === 'condition'
        ? [undefined, undefined]
        : [node.label, node.labelEn];
  return (lang === 'en' && en) || zh || undefined;
}

/** One fact test as a sentence. */
export function renderLeaf(leaf: FactTrace, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  const own = conditionLabel(leaf, lang);
  const prefix = own ? `${own}${zh ? '：' : ': '}` : '';
  const name = factName(leaf, lang);
  if (leaf.operator === 'exists') {
    const present = leaf.held === null ? undefined : leaf.held === leaf.expected;
    const state = present === undefined ? '' : present ? (zh ? '已填写' : 'is present') : zh ? '未填写' : 'is absent';
    return `${prefix}${name} ${state} ${mark(leaf.held, lang)}`.replace(/\s+/g, ' ');
  }
  const expected = expectedText(leaf, lang);
  const symbol = operatorText(leaf.operator, lang);
  if (leaf.issue) {
    const sep = zh ? '：' : ': ';
    return `${prefix}${name} ${symbol} ${expected}${sep}${screenIssue(leaf.issue, lang)} ${mark(null, lang)}`;
  }
  const seen = formatValue(leaf.seen, lang, leaf.label.unit, leaf.valueNames);
  return `${prefix}${name} ${seen} ${symbol} ${expected} ${mark(leaf.held, lang)}`;
}

/** Operators an officer reads in words rather than in set notation (∈ ∉ ∋ ∌ ∩): 包含任一 / contains any of. */
const IN_WORDS: ReadonlySet<Operator> = new Set<Operator>([
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'containsAny',
  'between',
  'startsWith',
]);

/** How a test's operator reads: comparisons as their symbols (<, ≥, =), set and text tests in words. */
function operatorText(op: Operator, lang: Lang): string {
  const o = OPERATORS[op];
  return IN_WORDS.has(op) ? o[lang] : o.symbol;
}

function expectedText(leaf: FactTrace, lang: Lang): string {
  const zh = lang === 'zh';
  const unit = leaf.expectedParam?.unit ?? leaf.label.unit;
  let text: string;
  if (leaf.operator === 'between' && Array.isArray(leaf.expected)) {
    text = `[${leaf.expected.map((v) => formatValue(v, lang, unit, leaf.valueNames)).join(', ')}]`;
  } else {
    text = formatValue(leaf.expected, lang, unit, leaf.valueNames);
  }
  if (leaf.expectedFact) {
    const ref = leaf.expectedFact.label[lang];
    return leaf.expected === undefined ? ref : zh ? `${ref}（${text}）` : `${ref} (${text})`;
  }
  if (leaf.expectedParam) {
    const p = leaf.expectedParam.name[lang];
    const origin = leaf.expectedParam.origin;
    const from = origin ? originText(origin, lang) : '';
    if (!from) return zh ? `${text}（参数“${p}”）` : `${text} (parameter "${p}")`;
    return zh ? `${text}（参数“${p}”：${from}）` : `${text} (parameter "${p}": ${from})`;
  }
  return text;
}

/**
 * Whose value a scoped parameter had, and since when: `石家庄市政府，2024-01-01 起` /
 * `石家庄市政府, from 2024-01-01`; empty for an undated default.
 */
export function originText(o: ParamOrigin, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  const who =
    o.from === 'organisation'
      ? (o.organisation?.name ?? '')
      : o.from === 'sector'
        ? zh
          ? `领域 ${o.sector}`
          : `sector ${o.sector}`
        : o.effectiveFrom
          ? zh
            ? '默认值'
            : 'default'
          : '';
  if (!o.effectiveFrom) return who;
  const when = zh
    ? `${o.effectiveFrom} 起${o.effectiveTo ? `至 ${o.effectiveTo}` : ''}`
    : `from ${o.effectiveFrom}${o.effectiveTo ? ` to ${o.effectiveTo}` : ''}`;
  return zh ? `${who}，${when}` : `${who}, ${when}`;
}

/** The tests that decided a node: for a rule that held, those that made it hold; otherwise those that failed it. */
export function decisiveLeaves(node: TraceNode): FactTrace[] {
  switch (node.type) {
    case 'fact':
      return [node];
    case 'not':
    case 'condition':
      return decisiveLeaves(node.child);
    default: {
      const all = node.type === 'all';
      const deciding = node.held === null ? null : all ? node.held : !node.held;
      const kids = deciding === null ? node.children.filter((c) => c.held === null) : node.children;
      const picked = deciding === null || deciding ? kids : kids.filter((c) => c.held === node.held);
      return picked.flatMap(decisiveLeaves);
    }
  }
}

/** The short sentence of an evaluation: its deciding tests. */
export function explainEvaluation(ev: Evaluation, lang: Lang = 'zh'): string {
  return decisiveLeaves(ev.trace)
    .map((l) => renderLeaf(l, lang))
    .join(lang === 'zh' ? '；' : '; ');
}

/** The whole trace as indented lines. */
export function renderTrace(node: TraceNode, lang: Lang = 'zh', indent = ''): string[] {
  const zh = lang === 'zh';
  const m = mark(node.held, lang);
  const own = conditionLabel(node, lang);
  const label = own ? (zh ? `（${own}）` : ` (${own})`) : '';
  switch (node.type) {
    case 'fact':
      return [indent + renderLeaf(node, lang)];
    case 'all':
    case 'any': {
      const head = node.type === 'all' ? (zh ? '全部满足' : 'all of') : zh ? '任一满足' : 'any of';
      return [`${indent}${head}${label} ${m}`, ...node.children.flatMap((c) => renderTrace(c, lang, `${indent}  `))];
    }
    case 'not':
      return [`${indent}${zh ? '并非' : 'not'}${label} ${m}`, ...renderTrace(node.child, lang, `${indent}  `)];
    default: {
      const head = zh
        ? `命名条件“${node.name.zh}”（${node.code}）`
        : `named condition "${node.name.en}" (${node.code})`;
      return [`${indent}${head} ${m}`, ...renderTrace(node.child, lang, `${indent}  `)];
    }
  }
}
