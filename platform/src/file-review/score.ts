/**
 * 案卷评分: a reviewer's marks against the checklist — a failed basic standard (基本标准) makes
 * the file unqualified with 0 points; a point's deductions (a listed one, or another amount) never
 * exceed its maximum; every mark carries a note. The total is the checklist's maximum less the
 * deductions, and the file passes with no basic standard failed and at least the pass mark.
 */
import type { ReviewChecklist, ReviewPoint } from '@yifa/metamodel';
import type { FileReviewMark } from '../db/schema.ts';
import type { FieldProblem } from '../validation.ts';

/** A mark as a reviewer sends it: a point or basic standard, a listed deduction or points, a note. */
export interface MarkInput {
  point: string;
  deduction?: string;
  points?: number;
  note: string;
}

/** A scored file. */
export interface FileScore {
  marks: FileReviewMark[];
  /** The maximum total (the sum of the points' maximum scores). */
  max: number;
  total: number;
  vetoed: boolean;
  qualified: boolean;
}

/** The points of a checklist by code, with the group each is in. */
function pointsOf(c: ReviewChecklist): Map<string, ReviewPoint> {
  return new Map(c.groups.flatMap((g) => g.points.map((p) => [p.code, p] as const)));
}

/** Scores a file, or says which marks are wrong (field path, reason in zh and en). */
export function scoreFile(
  c: ReviewChecklist,
  input: readonly MarkInput[],
): { ok: true; value: FileScore } | { ok: false; problems: FieldProblem[] } {
  const points = pointsOf(c);
  const standards = new Map((c.basicStandards ?? []).map((b) => [b.code, b]));
  const problems: FieldProblem[] = [];
  const bad = (i: number, field: string, code: string, zh: string, en: string) =>
    problems.push({ path: `/marks/${i}/${field}`, code, message: { zh, en } });
  const used = new Map<string, number>();
  const seen = new Set<string>();
  const marks: FileReviewMark[] = [];
  let vetoed = false;
  input.forEach((m, i) => {
    const note = m.note.trim();
    if (!note) bad(i, 'note', 'note-required', '每一处扣分都须写明理由', 'every deduction needs a note');
    const standard = standards.get(m.point);
    const point = points.get(m.point);
    if (standard) {
      if (seen.has(m.point))
        bad(i, 'point', 'mark-twice', `基本标准“${standard.name}”已记录`, `basic standard ${m.point} is marked twice`);
      seen.add(m.point);
      vetoed = true;
      marks.push({ point: m.point, points: 0, note });
      return;
    }
    if (!point) {
      bad(i, 'point', 'unknown-point', `评查标准中没有项目“${m.point}”`, `the checklist has no point ${m.point}`);
      return;
    }
    let deducted: number;
    if (m.deduction !== undefined) {
      const d = point.deductions?.find((x) => x.code === m.deduction);
      if (!d) {
        bad(
          i,
          'deduction',
          'unknown-deduction',
          `项目“${point.name}”没有扣分项“${m.deduction}”`,
          `point ${point.code} has no deduction ${m.deduction}`,
        );
        return;
      }
      const key = `${m.point}/${m.deduction}`;
      if (seen.has(key))
        bad(i, 'deduction', 'mark-twice', `扣分项“${d.name}”已记录`, `deduction ${m.deduction} is marked twice`);
      seen.add(key);
      deducted = d.points;
    } else if (m.points === undefined || !Number.isFinite(m.points) || m.points <= 0) {
      bad(
        i,
        'points',
        'points-required',
        '请选择扣分项或填写大于 0 的扣分',
        'choose a deduction or give points above 0',
      );
      return;
    } else deducted = m.points;
    const sum = (used.get(m.point) ?? 0) + deducted;
    if (sum > point.maxScore)
      bad(
        i,
        'points',
        'over-max',
        `项目“${point.name}”共扣 ${sum} 分，超过满分 ${point.maxScore} 分`,
        `point ${point.code} loses ${sum} in all, more than its maximum of ${point.maxScore}`,
      );
    used.set(m.point, sum);
    marks.push({
      point: m.point,
      ...(m.deduction !== undefined ? { deduction: m.deduction } : {}),
      points: deducted,
      note,
    });
  });
  if (problems.length) return { ok: false, problems };
  const max = [...points.values()].reduce((s, p) => s + p.maxScore, 0);
  // Sums of points with up to two decimals, kept exact (0.1 + 0.2 is 0.3).
  const deductedAll = Math.round(marks.reduce((s, m) => s + m.points * 100, 0)) / 100;
  const total = vetoed ? 0 : Math.round((max - deductedAll) * 100) / 100;
  return { ok: true, value: { marks, max, total, vetoed, qualified: !vetoed && total >= c.passMark } };
}

/** The checklist that applies to a case: its matter's own, else its workflow's. */
export function checklistFor(
  checklists: Iterable<ReviewChecklist>,
  matter: string,
  workflow: string,
): ReviewChecklist | undefined {
  const all = [...checklists];
  return (
    all.find((c) => c.appliesTo.matters?.includes(matter)) ?? all.find((c) => c.appliesTo.workflows?.includes(workflow))
  );
}
