/**
 * Tier ranges cover the whole legal range: a fine the law allows that falls in no tier (today
 * 0–9,999 元 under 安全生产法第九十七条 with tiers from 10,000) leaves the officer without a
 * tier for a lawful amount, so it is reported with the interval no tier covers — for the
 * unit's fine and for each responsible person's (双罚).
 *
 * A warning, not an error: packs written before this check must keep validating (issue #12,
 * "packs already written keep working"), and some methods leave the bottom of a 以下 range
 * out on purpose (醴陵: 无最低限时按最高限10%计), fining below it only as 减轻 with the
 * reason the fine-outside-tier check asks for; such a version states the part it leaves out in
 * `uncovered`, with the reason, and that part is not reported. Only ranges on one comparable
 * basis (yuan, or multiples of one fact) are compared; any other form is left to golden cases.
 */
import type { DiscretionVersion, FineRange } from '../generated/types.ts';
import { type Finding, finding, pointerOf } from '../issues.ts';
import { comparable, showFactor } from './amounts.ts';

/** The findings of one version: the unit's range, then each person's. */
export function coverageFindings(code: string, v: DiscretionVersion, index: number): Finding[] {
  const out: Finding[] = [];
  const unit = v.tiers.flatMap((t) => (t.fine ? [t.fine] : []));
  // A part left out on purpose is stated as a range in yuan, which covers it for this check.
  const declared = (v.uncovered ?? []).map((u) => ({ min: u.min, max: u.max }));
  const gaps = uncovered(v.legalRange, [...unit, ...declared]);
  for (const g of gaps) {
    out.push(gap(code, pointerOf('versions', index, 'legalRange'), { ...g, fined: '单位', finedEn: 'the unit' }));
  }
  v.persons?.forEach((p, i) => {
    const ranges = v.tiers.flatMap((t) => (t.persons ?? []).filter((x) => x.person === p.code).map((x) => x.fine));
    for (const g of uncovered(p.legalRange, ranges)) {
      const pointer = pointerOf('versions', index, 'persons', i, 'legalRange');
      out.push(gap(code, pointer, { ...g, fined: p.name, finedEn: p.nameEn ?? p.name }));
    }
  });
  return out;
}

function gap(code: string, pointer: string, params: Record<string, unknown>): Finding {
  return { ...finding('discretion', code, pointer, 'discretion.range-gap', params), severity: 'warning' };
}

interface Gap {
  from: string;
  to: string;
  legalMin: string;
  legalMax: string;
}

/** The intervals of the legal range no range covers; none when the ranges cannot be compared. */
export function uncovered(legal: FineRange, ranges: readonly FineRange[]): Gap[] {
  const l = comparable(legal.min, legal.max);
  if (!l) return [];
  const spans = ranges.map((r) => comparable(r.min, r.max));
  if (spans.some((s) => !s || s.basis !== l.basis)) return [];
  // Yuan are whole: 0–9,999 and 10,000–30,000 meet. Multiples of a fact are continuous.
  const step = l.basis === '元' ? 1 : 0;
  const show = (x: number) => showFactor(x, l.basis);
  const sorted = (spans as { min: number; max: number }[]).slice().sort((a, b) => a.min - b.min);
  const out: Gap[] = [];
  const push = (from: number, to: number) => {
    if (from <= to && (step > 0 || from < to))
      out.push({ from: show(from), to: show(to), legalMin: show(l.min), legalMax: show(l.max) });
  };
  let covered: number | undefined; // the highest amount covered so far
  for (const s of sorted) {
    if (s.min > l.max) break;
    const from = covered === undefined ? l.min : covered + step;
    if (s.min > from) push(from, s.min - step);
    covered = Math.max(covered ?? s.max, s.max);
  }
  if (covered === undefined) push(l.min, l.max);
  else if (covered < l.max) push(covered + step, l.max);
  return out;
}
