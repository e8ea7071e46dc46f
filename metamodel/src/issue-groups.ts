/**
 * Issues grouped by root cause, for reports: each group is one cause (an issue, or what a
 * layer did) with the follow-on issues that come from it, in the order causes first appear.
 * The number of groups with an error is what a summary counts as "root causes".
 */
import type { IssueCause, PackIssue } from './issues.ts';

/** One root cause and what follows from it. */
export interface IssueGroup {
  /** The cause: an issue of the list, or a cause that is not itself an issue (a removal, a missing item). */
  root: PackIssue | IssueCause;
  /** Whether the root is an issue of the list (false for a removal, an override, a missing item). */
  isIssue: boolean;
  followOns: PackIssue[];
}

/**
 * Groups issues under their causes.
 *
 * @example
 * const groups = groupIssues(report.issues);
 * console.log(`${countRootCauses(groups)} root causes, ${report.issues.length} issues`);
 */
export function groupIssues(issues: readonly PackIssue[]): IssueGroup[] {
  const groups: IssueGroup[] = [];
  const byKey = new Map<string, IssueGroup>();
  for (const issue of issues) {
    if (issue.cause) {
      const k = causeKey(issue.cause);
      let group = byKey.get(k);
      if (!group) {
        group = { root: issue.cause, isIssue: false, followOns: [] };
        byKey.set(k, group);
        groups.push(group);
      }
      group.followOns.push(issue);
      continue;
    }
    const k = causeKey(issue);
    const waiting = byKey.get(k);
    // The cause was met first through a follow-on: the issue itself takes its place.
    if (waiting && !waiting.isIssue) {
      waiting.root = issue;
      waiting.isIssue = true;
      continue;
    }
    const group = { root: issue, isIssue: true, followOns: [] };
    if (!waiting) byKey.set(k, group);
    groups.push(group);
  }
  return groups;
}

/** How many groups hold an error (the root causes a summary counts). */
export function countRootCauses(groups: readonly IssueGroup[]): number {
  return groups.filter(
    (g) => (g.isIssue && (g.root as PackIssue).severity === 'error') || g.followOns.some((i) => i.severity === 'error'),
  ).length;
}

function causeKey(c: IssueCause | PackIssue): string {
  return [c.code, c.pack, c.file, c.pointer, c.message.en].join('\u0000');
}
