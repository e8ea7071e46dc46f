/**
 * 执法监督 of the subjects themselves: the pack's subject alert rules (scope `subject`: 持证人员
 * 零参与, 权责事项零履职, 案源超期未决定 …) over each enforcement subject in scope, on the platform
 * metrics of the period — certified officers, officers who acted, the subject's authority items and
 * those exercised, and its case sources (案源) still undecided past their day to decide by. A
 * subject's authority items are the pack's 权责清单 items it implements: those whose subject types
 * include its type and whose sectors meet its sectors; an item is exercised when a case of the
 * period was opened on one of its matters (domain.md §5).
 */
import type { ResolvedPack } from '@yifa/metamodel';
import type { FiredAlert } from '@yifa/rules';
import type { SubjectActivity } from '../storage/alerts.ts';
import { alertRulesOf } from './scan.ts';

/** The authority items of the pack a subject implements (by its type and sectors). */
export function authorityItemsOf(pack: ResolvedPack, subject: { code: string; type: string }): Set<string> {
  const sectors = new Set(pack.items.organisation.get(subject.code)?.sectors ?? []);
  const items = new Set<string>();
  for (const item of pack.items['authority-item'].values()) {
    const typeFits = !item.subjectTypes?.length || item.subjectTypes.includes(subject.type);
    if (typeFits && item.sectors.some((s) => sectors.has(s))) items.add(item.code);
  }
  return items;
}

/** What a subject is measured on in the period. */
export interface SubjectMetrics {
  certifiedOfficers: number;
  officersWithCases: number;
  authorityItems: number;
  authorityItemsExercised: number;
  /** 案源 past their day to decide whether to file (市场监督管理行政处罚程序规定第十八条). */
  overdueCaseSources: number;
}

/** A subject with its metrics and the subject alerts that fired on them. */
export interface SubjectReport {
  subject: { code: string; name: string };
  metrics: SubjectMetrics;
  fired: FiredAlert[];
  /** Rules that could not be decided (a metric missing). */
  undetermined: number;
  /** Their codes. */
  undeterminedCodes: string[];
}

/** Evaluates the active pack's subject alert rules on each subject's activity. */
export function subjectReports(
  pack: ResolvedPack,
  activity: readonly SubjectActivity[],
  today: string,
): SubjectReport[] {
  const rules = alertRulesOf(pack, 'subject');
  return activity.map((a) => {
    const items = authorityItemsOf(pack, a);
    const exercised = new Set(
      a.matters
        .map((m) => pack.items.matter.get(m)?.authorityItem)
        .filter((i): i is string => i !== undefined && items.has(i)),
    );
    const metrics: SubjectMetrics = {
      certifiedOfficers: a.certifiedOfficers,
      officersWithCases: a.officersWithCases,
      authorityItems: items.size,
      authorityItemsExercised: exercised.size,
      overdueCaseSources: a.overdueCaseSources,
    };
    const facts = { subject: a.code, subjectName: a.name, subjectType: a.type, ...metrics };
    const report = rules.evaluate({ facts, today });
    return {
      subject: { code: a.code, name: a.name },
      metrics,
      fired: report.fired,
      undetermined: report.undetermined.length,
      undeterminedCodes: report.undetermined.map((u) => u.code),
    };
  });
}
