/**
 * Golden-test results as text for the CLI (`yifa pack test`) and CI logs: a summary line, each
 * case passed or failed, and for each failure what was expected, what happened and why.
 */
import type { Lang } from './format.ts';
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
  const total = report.passed + report.failed;
  out.push(
    zh
      ? `黄金测试 ${total} 个：${report.passed} 个通过，${report.failed} 个失败`
      : `${total} golden cases: ${report.passed} passed, ${report.failed} failed`,
  );
  return `${out.join('\n')}\n`;
}
