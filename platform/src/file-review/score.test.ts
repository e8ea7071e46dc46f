import type { ReviewChecklist } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { checklistFor, scoreFile } from './score.ts';

/** 10 + 5 + 5 = 20 points, pass at 16. */
const LIST: ReviewChecklist = {
  code: 'files',
  name: '评查标准',
  appliesTo: { workflows: ['penalty'] },
  passMark: 16,
  basicStandards: [{ code: 'facts-clear', name: '事实清楚' }],
  groups: [
    {
      code: 'evidence',
      name: '调查取证',
      points: [
        {
          code: 'records',
          name: '笔录规范',
          description: '两人签名',
          maxScore: 10,
          deductions: [
            { code: 'unsigned', name: '缺签名', points: 3 },
            { code: 'uncertified', name: '未出示证件', points: 2 },
          ],
        },
        { code: 'chain', name: '证据链', description: '相互印证', maxScore: 5 },
      ],
    },
    { code: 'archive', name: '归档', points: [{ code: 'order', name: '装订', description: '顺序', maxScore: 5 }] },
  ],
};

describe('scoreFile', () => {
  it('totals the maximum less the deductions, and passes at the pass mark', () => {
    const r = scoreFile(LIST, [
      { point: 'records', deduction: 'unsigned', note: '询问笔录缺当事人签名' },
      { point: 'order', points: 1, note: '无卷内目录' },
    ]);
    expect(r).toMatchObject({ ok: true, value: { max: 20, total: 16, qualified: true, vetoed: false } });
    const under = scoreFile(LIST, [
      { point: 'records', deduction: 'unsigned', note: '缺签名' },
      { point: 'order', points: 1.5, note: '无目录' },
    ]);
    expect(under).toMatchObject({ ok: true, value: { total: 15.5, qualified: false } });
  });

  it('gives 0 and unqualified for a failed basic standard, whatever else', () => {
    const r = scoreFile(LIST, [{ point: 'facts-clear', note: '违法事实认定缺少证据' }]);
    expect(r).toMatchObject({ ok: true, value: { total: 0, qualified: false, vetoed: true } });
  });

  it('refuses marks without a note, over a point’s maximum, unknown or twice — each with its field', () => {
    const r = scoreFile(LIST, [
      { point: 'records', deduction: 'unsigned', note: ' ' },
      { point: 'chain', points: 4, note: 'a' },
      { point: 'chain', points: 2, note: 'b' },
      { point: 'nope', points: 1, note: 'c' },
      { point: 'records', deduction: 'nope', note: 'd' },
      { point: 'records', deduction: 'unsigned', note: 'e' },
      { point: 'order', note: 'f' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.code])).toEqual([
      ['/marks/0/note', 'note-required'],
      ['/marks/2/points', 'over-max'],
      ['/marks/3/point', 'unknown-point'],
      ['/marks/4/deduction', 'unknown-deduction'],
      ['/marks/5/deduction', 'mark-twice'],
      ['/marks/6/points', 'points-required'],
    ]);
    expect(r.problems[1]?.message.zh).toContain('超过满分 5 分');
  });

  it('finds a matter’s own checklist before its workflow’s', () => {
    const own = { ...LIST, code: 'own', appliesTo: { matters: ['m1'] } };
    expect(checklistFor([LIST, own], 'm1', 'penalty')?.code).toBe('own');
    expect(checklistFor([LIST, own], 'm2', 'penalty')?.code).toBe('files');
    expect(checklistFor([LIST, own], 'm2', 'other')).toBeUndefined();
  });
});
