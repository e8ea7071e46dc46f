/** Readable output of pack issues: grouped by file, with line, pointer, zh and en messages. */
import type { PackIssue } from '@yifa/metamodel';

/** Issues as text, one block per file. */
export function formatIssues(issues: readonly PackIssue[]): string {
  const byFile = new Map<string, PackIssue[]>();
  for (const issue of issues) {
    const key = `${issue.pack}/${issue.file}`;
    byFile.set(key, [...(byFile.get(key) ?? []), issue]);
  }
  const lines: string[] = [];
  for (const [file, list] of [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(file);
    for (const i of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) {
      const where = `${i.line ? `${i.line}:` : ''}${i.pointer || '/'}`;
      const mark = i.severity === 'error' ? '✗' : '!';
      lines.push(`  ${mark} ${where}  ${i.message.zh}`);
      lines.push(`      ${i.message.en} [${i.code}]`);
    }
  }
  return lines.join('\n');
}
