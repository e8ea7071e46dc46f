/**
 * Readable output of pack issues: one block per file, with line, pointer, zh and en messages
 * and what to change (→).
 * Issues that follow from one root cause (a removal, a refused file, a missing item) are
 * listed once under it, indented, and the summary counts root causes, so the cause is read
 * first rather than found after hundreds of its symptoms.
 */
import { countRootCauses, fixFor, groupIssues, type IssueGroup, type PackIssue } from '@yifa/metamodel';

/** Issues as text, one block per file of each root cause, follow-ons under their cause. */
export function formatIssues(issues: readonly PackIssue[]): string {
  const byFile = new Map<string, IssueGroup[]>();
  for (const group of groupIssues(issues)) {
    const key = `${group.root.pack}/${group.root.file}`;
    byFile.set(key, [...(byFile.get(key) ?? []), group]);
  }
  const lines: string[] = [];
  for (const [file, groups] of [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(file);
    for (const g of groups.sort((a, b) => (a.root.line ?? 0) - (b.root.line ?? 0))) {
      const error = (g.isIssue && (g.root as PackIssue).severity === 'error') || g.followOns.some(isError);
      lines.push(`  ${error ? '✗' : '!'} ${where(g.root)}  ${g.root.message.zh}`);
      lines.push(`      ${g.root.message.en} [${g.root.code}]`);
      const fix = (g.root as PackIssue).fix ?? fixFor(g.root);
      if (fix) lines.push(`      → ${fix.zh} / ${fix.en}`);
      if (g.followOns.length > 0)
        lines.push(`      随之而来 ${g.followOns.length} 个问题 / ${g.followOns.length} follow-on issues:`);
      for (const i of g.followOns) {
        lines.push(`      ↳ ${i.pack}/${i.file} ${where(i)}  ${i.message.zh}`);
        lines.push(`          ${i.message.en} [${i.code}]`);
      }
    }
  }
  return lines.join('\n');
}

/** The last line of a failed validation: errors, and the root causes they come from. */
export function formatFailure(name: string, issues: readonly PackIssue[]): string {
  const errors = issues.filter(isError).length;
  const causes = countRootCauses(groupIssues(issues));
  return `✗ ${name}：${causes} 个根本原因，共 ${errors} 个错误 / ${causes} root ${causes === 1 ? 'cause' : 'causes'}, ${errors} ${errors === 1 ? 'error' : 'errors'}`;
}

function where(i: { line?: number; pointer: string }): string {
  return `${i.line ? `${i.line}:` : ''}${i.pointer || '/'}`;
}

function isError(i: PackIssue): boolean {
  return i.severity === 'error';
}
