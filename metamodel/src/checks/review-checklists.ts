/**
 * 案卷评查标准: a reviewer's score names a point or basic standard by its code, so codes are
 * unique across the whole checklist; a deduction never takes more than its point is worth; the
 * pass mark is reachable; and a workflow or matter has one checklist, so a sampled file is
 * scored against exactly one.
 */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** The maximum total of a checklist: the sum of its points' maximum scores. */
export function checklistTotal(c: { groups: readonly { points: readonly { maxScore: number }[] }[] }): number {
  return c.groups.reduce((sum, g) => sum + g.points.reduce((s, p) => s + p.maxScore, 0), 0);
}

/** Checks every review checklist. */
export const checkReviewChecklists: Check = (ctx) => {
  const out: Finding[] = [];
  const owner = { workflows: new Map<string, string>(), matters: new Map<string, string>() };
  for (const [code, c] of validItems(ctx, 'review-checklist')) {
    const seen = new Set<string>();
    const once = (pointer: string, point: string) => {
      if (seen.has(point)) out.push(finding('review-checklist', code, pointer, 'review.point-duplicate', { point }));
      seen.add(point);
    };
    c.basicStandards?.forEach((b, i) => once(pointerOf('basicStandards', i, 'code'), b.code));
    c.groups.forEach((g, gi) =>
      g.points.forEach((p, pi) => {
        once(pointerOf('groups', gi, 'points', pi, 'code'), p.code);
        const codes = new Set<string>();
        p.deductions?.forEach((d, di) => {
          const at = pointerOf('groups', gi, 'points', pi, 'deductions', di);
          if (codes.has(d.code))
            out.push(finding('review-checklist', code, `${at}/code`, 'review.point-duplicate', { point: d.code }));
          codes.add(d.code);
          if (d.points > p.maxScore)
            out.push(
              finding('review-checklist', code, `${at}/points`, 'review.deduction-over', {
                points: d.points,
                maxScore: p.maxScore,
              }),
            );
        });
      }),
    );
    const total = checklistTotal(c);
    if (c.passMark > total)
      out.push(
        finding('review-checklist', code, '/passMark', 'review.pass-mark-over', { passMark: c.passMark, total }),
      );
    for (const key of ['workflows', 'matters'] as const)
      c.appliesTo[key]?.forEach((target, i) => {
        const other = owner[key].get(target);
        if (other)
          out.push(
            finding('review-checklist', code, pointerOf('appliesTo', key, i), 'review.applies-twice', {
              target,
              other,
            }),
          );
        else owner[key].set(target, code);
      });
  }
  return out;
};
