/**
 * cn-national's 行政处罚案卷评查标准 (packs/cn-national/review-checklists/penalty-file.yaml) scored
 * by hand, as a golden test of the content: its structure (基本标准 veto; 卷面 20 + 内容 80 =
 * 100, 80 to pass) and files scored the way a reviewer would mark them.
 */
import { join } from 'node:path';
import { loadPackChain, resolveLayers } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { describe, expect, it } from 'vitest';
import { checklistFor, scoreFile } from './score.ts';

const pack = resolveLayers(loadPackChain(join(PACKS_DIR, 'cn-national')).chain).pack;
const list = pack.items['review-checklist'].get('penalty-file');

describe('cn-national penalty-file checklist', () => {
  it('is the published structure: 9 basic standards, 内容 80 + 卷面 20, 80 to pass, for ordinary-procedure penalties', () => {
    if (!list) throw new Error('no penalty-file');
    expect(list.basicStandards?.map((b) => b.code)).toContain('officers-two');
    expect(list.basicStandards).toHaveLength(9);
    const byGroup = Object.fromEntries(list.groups.map((g) => [g.name, g.points.reduce((s, p) => s + p.maxScore, 0)]));
    expect(byGroup).toEqual({ 立案: 10, 调查取证: 25, 法律适用: 20, 程序: 25, 文书制作: 12, 归档: 8 });
    expect((byGroup.文书制作 ?? 0) + (byGroup.归档 ?? 0)).toBe(20);
    expect(list.passMark).toBe(80);
    expect(checklistFor(pack.items['review-checklist'].values(), 'any-matter', 'penalty-ordinary')?.code).toBe(
      'penalty-file',
    );
    expect(checklistFor(pack.items['review-checklist'].values(), 'any-matter', 'penalty-summary')).toBeUndefined();
  });

  it.each([
    ['a clean file', [], 100, true],
    [
      'a file missing a signature, proof of service and its index',
      [
        { point: 'evidence-records', deduction: 'signature-missing', note: '询问笔录缺当事人签名' },
        { point: 'procedure-deadlines', deduction: 'no-proof-of-service', note: '无送达回证' },
        { point: 'archive-order', deduction: 'no-index', note: '无卷内目录' },
      ],
      92,
      true,
    ],
    [
      'a file without reasons for the discretion, decided late, with no remedies stated',
      [
        { point: 'law-discretion', deduction: 'no-reason', note: '未说明从重理由' },
        { point: 'procedure-deadlines', deduction: 'decided-late', note: '立案后第95日作出决定' },
        { point: 'documents-form', deduction: 'no-remedy', note: '决定书未告知复议诉讼期限' },
        { point: 'evidence-chain', points: 9, note: '证据不能相互印证' },
      ],
      79,
      false,
    ],
    ['a file decided by one officer', [{ point: 'officers-two', note: '现场检查仅一名执法人员' }], 0, false],
  ])('scores %s', (_name, marks, total, qualified) => {
    if (!list) throw new Error('no penalty-file');
    expect(scoreFile(list, marks)).toMatchObject({ ok: true, value: { total, qualified } });
  });
});
