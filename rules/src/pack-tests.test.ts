import type { PackTestSuite } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PACK, GOLDEN } from '../fixtures/pack.ts';
import { rulePackOf } from './pack.ts';
import { runPackTests, sameJson } from './pack-tests.ts';

/** Every object's keys in reverse order (max before min), as no pack author writes them. */
const sortKeysDesc = (_: string, v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v;

import { renderPackTestReport } from './pack-tests-render.ts';

describe('pack golden tests', () => {
  it('runs every case of every suite and they pass', () => {
    const report = runPackTests(FIXTURE_PACK);
    const failed = report.cases.filter((c) => !c.passed);
    expect(failed, renderPackTestReport(report)).toEqual([]);
    expect(report.passed).toBe(GOLDEN.reduce((n, s) => n + s.cases.length, 0));
    expect(renderPackTestReport(report).trim().split('\n').at(-1)).toBe('黄金测试 10 个：10 个通过，0 个失败');
  });

  it('compares expected values whatever the order of their keys (a bundle writes them sorted)', () => {
    const sorted = GOLDEN.map((suite) => JSON.parse(JSON.stringify(suite, sortKeysDesc)) as PackTestSuite);
    expect(JSON.stringify(sorted)).not.toBe(JSON.stringify(GOLDEN));
    const pack = { items: { ...FIXTURE_PACK.items, test: rulePackOf({ test: sorted }).items.test } };
    const report = runPackTests(pack);
    expect(
      report.cases.filter((c) => !c.passed),
      renderPackTestReport(report),
    ).toEqual([]);
    expect(sameJson({ max: 2, min: 1 }, { min: 1, max: 2 })).toBe(true);
    expect(sameJson({ max: 2, min: 1 }, { min: 1, max: 3 })).toBe(false);
  });

  it('explains each failure: expected vs actual, with the trace', () => {
    const wrong: PackTestSuite = {
      code: 'wrong',
      name: '错误的期望',
      cases: [
        {
          name: '期望从轻',
          discretion: 'DB-SPAQF-122-1',
          violationDate: '2026-03-01',
          facts: {
            harmConsequence: '严重',
            firstViolation: false,
            correctedPromptly: false,
            goodsValue: 8000,
            partyPriorPenalties12m: 0,
          },
          expect: { tier: 'lighter' },
        },
        {
          name: '期望可以审核通过',
          workflow: 'penalty-ordinary',
          state: 'case-review',
          roles: ['department-head'],
          facts: { proposedFine: 120000, partyKind: 'organisation' },
          expect: { allowed: ['pass-case-review', 'close-case'] },
        },
        {
          name: '期望黄色',
          alert: 'overdue-decision',
          facts: {
            caseNumber: 'A',
            workflow: 'penalty-ordinary',
            state: 'notification',
            daysSince: { investigation: 95 },
          },
          expect: { fires: true, level: 'yellow' },
        },
        { name: '不存在的方案', assessment: 'nope', metrics: {}, expect: { total: 1 } },
      ],
    };
    const pack = { items: { ...FIXTURE_PACK.items, test: rulePackOf({ test: [wrong] }).items.test } };
    const report = runPackTests(pack);
    expect(report.failed).toBe(4);
    const [tier, guard, alert, missing] = report.cases;
    expect(tier?.failures).toEqual([{ what: 'tier', expected: 'lighter', actual: 'heavier' }]);
    expect(tier?.explanation.zh).toContain('阶次“从重”适用：危害后果 “严重” = “严重” ✓');
    expect(guard?.failures).toEqual([
      { what: 'pass-case-review', expected: 'allowed', actual: 'refused' },
      { what: 'close-case', expected: 'allowed', actual: 'not available in this state' },
    ]);
    expect(alert?.failures).toEqual([{ what: 'level', expected: 'yellow', actual: 'red' }]);
    expect(missing?.failures[0]?.actual).toBe('找不到考核方案“nope”');
    const text = renderPackTestReport(report);
    expect(text).toContain(
      '✗ [wrong#1] 期望从轻 (discretion DB-SPAQF-122-1)\n    tier：期望 lighter，实际 heavier\n    说明：',
    );
    expect(renderPackTestReport(report, 'en')).toContain('tier: expected lighter, got heavier');
  });
});
