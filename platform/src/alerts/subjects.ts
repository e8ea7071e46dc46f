/**
 * 执法监督 of the subjects themselves: the pack's subject alert rules (scope `subject`: 持证人员
 * 零参与, 权责事项零履职, 案源超期未决定 …) over each enforcement subject, on the platform metrics
 * of this year to date as the assessment measures them (assessment/measure.ts: one computation of
 * every metric, so a subject rule may read any measurable metric, and an alert and a score never
 * disagree about what a subject did).
 */
import type { ResolvedPack } from '@yifa/metamodel';
import type { FiredAlert } from '@yifa/rules';
import type { SQL } from 'drizzle-orm';
import { enforcementSubjects, type MeasuredSubject, measureSubjects } from '../assessment/measure.ts';
import type { Db } from '../db/client.ts';
import { alertRulesOf } from './scan.ts';

export { authorityItemsOf } from '../assessment/measure.ts';

/** What the supervision summary shows of a subject's activity in the period. */
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
  subject: MeasuredSubject;
  metrics: SubjectMetrics;
  fired: FiredAlert[];
  /** Rules that could not be decided (a metric missing). */
  undetermined: number;
  /** Their codes. */
  undeterminedCodes: string[];
}

/**
 * Measures the enforcement subjects that meet `where` (a condition on organisations; all when
 * undefined) this year to `today`, and evaluates the pack's subject alert rules on them.
 */
export async function subjectReports(
  db: Db,
  pack: ResolvedPack,
  where: SQL | undefined,
  today: string,
): Promise<SubjectReport[]> {
  const subjects = await enforcementSubjects(db, where);
  if (!subjects.length) return [];
  const period = { from: `${today.slice(0, 4)}-01-01`, to: today };
  const measured = await measureSubjects(db, pack, subjects, period, today);
  const rules = alertRulesOf(pack, 'subject');
  return subjects.map((s) => {
    const values = measured.get(s.code) ?? {};
    const metrics: SubjectMetrics = {
      certifiedOfficers: values.certifiedOfficers ?? 0,
      officersWithCases: values.officersWithCases ?? 0,
      authorityItems: values.authorityItems ?? 0,
      authorityItemsExercised: values.authorityItemsExercised ?? 0,
      overdueCaseSources: values.overdueCaseSources ?? 0,
    };
    const facts = { subject: s.code, subjectName: s.name, subjectType: s.type, ...values };
    const report = rules.evaluate({ facts, today });
    return {
      subject: s,
      metrics,
      fired: report.fired,
      undetermined: report.undetermined.length,
      undeterminedCodes: report.undetermined.map((u) => u.code),
    };
  });
}
