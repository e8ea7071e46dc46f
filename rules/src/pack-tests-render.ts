/**
 * Golden-test results as text for the CLI (`yifa pack test`) and CI logs: a summary line, each
 * case passed or failed, for each failure what was expected, what happened and why, and the
 * coverage: what no case exercises.
 */
import type { Lang } from './format.ts';
import type { CoverageOf, PackCoverage } from './pack-coverage.ts';
import { failureMessage, type PackTestReport } from './pack-tests.ts';

/** Options of the text rendering. */
export interface RenderOptions {
  /** Also print the explanation of passing cases. */
  verbose?: boolean;
}

/**
 * The report as text, Chinese by default.
 * @example process.stdout.write(renderPackTestReport(runPackTests(pack)))
 */
export function renderPackTestReport(report: PackTestReport, lang: Lang = 'zh', options: RenderOptions = {}): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  for (const c of report.cases) {
    out.push(`${c.passed ? '✓' : '✗'} [${c.suite}#${c.index + 1}] ${c.name}${c.item ? ` (${c.kind} ${c.item})` : ''}`);
    for (const f of c.failures) out.push(`    ${failureMessage(f)[lang]}`);
    if (!c.passed || options.verbose) {
      if (c.explanation[lang].length) out.push(`    ${zh ? '说明：' : 'why:'}`);
      for (const line of c.explanation[lang]) out.push(`      ${line}`);
    }
  }
  out.push(...renderCoverage(report.coverage, lang));
  const total = report.passed + report.failed;
  out.push(
    zh
      ? `黄金测试 ${total} 个：${report.passed} 个通过，${report.failed} 个失败`
      : `${total} golden cases: ${report.passed} passed, ${report.failed} failed`,
  );
  return `${out.join('\n')}\n`;
}

/** The sorts of items in the order the report lists them, with their names. */
const SORTS = [
  ['matters', '执法事项', 'matters'],
  ['benchmarks', '裁量基准', 'discretion benchmarks'],
  ['tiers', '裁量阶次', 'tiers'],
  ['guards', '流程守卫', 'workflow guards'],
  ['alerts', '预警规则', 'alert rules'],
] as const;

/**
 * The coverage section: one line of counts, then what each sort leaves untested, e.g.
 * `  未覆盖的流程守卫：penalty-ordinary to-decision（legal-review → decision）`.
 */
export function renderCoverage(coverage: PackCoverage, lang: Lang = 'zh'): string[] {
  const zh = lang === 'zh';
  const [open, close, sep] = zh ? ['（', '）', '、'] : [' (', ')', ', '];
  const count = (c: CoverageOf<unknown>) => `${c.covered}/${c.total}`;
  const counts = SORTS.map(([key, nameZh, nameEn]) => `${zh ? nameZh : nameEn} ${count(coverage[key])}`);
  const out = [zh ? `覆盖：${counts.join('，')}` : `coverage: ${counts.join(', ')}`];
  // Tiers by benchmark version: `DB-1@2022（lighter、normal）`.
  const tiers = new Map<string, string[]>();
  for (const t of coverage.tiers.uncovered) {
    const key = `${t.benchmark}@${t.version}`;
    tiers.set(key, [...(tiers.get(key) ?? []), t.tier]);
  }
  const lists: Record<(typeof SORTS)[number][0], string[]> = {
    matters: coverage.matters.uncovered,
    benchmarks: coverage.benchmarks.uncovered,
    tiers: [...tiers].map(([version, codes]) => `${version}${open}${codes.join(sep)}${close}`),
    guards: coverage.guards.uncovered.map(
      (g) => `${g.workflow} ${g.action}${open}${g.from.join('/')} → ${g.to}${close}`,
    ),
    alerts: coverage.alerts.uncovered,
  };
  for (const [key, nameZh, nameEn] of SORTS) {
    const list = lists[key];
    if (list.length === 0) continue;
    out.push(zh ? `  未覆盖的${nameZh}：${list.join('、')}` : `  ${nameEn} no case exercises: ${list.join(', ')}`);
  }
  return out;
}
