import type { PackTestSuite } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PACK } from '../fixtures/pack.ts';
import { ruleEnvFromPack, rulePackOf } from './pack.ts';
import { packCoverage } from './pack-coverage.ts';
import { runPackTests } from './pack-tests.ts';
import { renderCoverage, renderPackTestReport } from './pack-tests-render.ts';

/** The fixture pack with other golden cases. */
const withCases = (cases: PackTestSuite['cases']) => ({
  items: { ...FIXTURE_PACK.items, test: rulePackOf({ test: [{ code: 'only', name: '用例', cases }] }).items.test },
});

describe('coverage of golden cases', () => {
  it('names what no case exercises: tiers chosen per version, guards compared, alerts tested', () => {
    const c = packCoverage(FIXTURE_PACK, ruleEnvFromPack(FIXTURE_PACK));
    // The food matter is exercised through its benchmark.
    expect(c.matters).toEqual({ total: 1, covered: 1, uncovered: [] });
    expect(c.benchmarks).toEqual({ total: 1, covered: 1, uncovered: [] });
    // Chosen: 2022 heavier and heavier-large, 2019 general; the no-penalty case chooses no tier.
    expect(c.tiers.covered).toBe(3);
    expect(c.tiers.uncovered).toContainEqual({ benchmark: 'DB-SPAQF-122-1', version: '2019', tier: 'heavier' });
    expect(c.tiers.uncovered).not.toContainEqual({ benchmark: 'DB-SPAQF-122-1', version: '2022', tier: 'heavier' });
    // finish-investigation has no guard (minOfficers and documents only): it is not counted.
    expect(c.guards.total).toBe(5);
    expect(c.guards.uncovered.map((g) => g.action)).toEqual(['request-hearing', 'submit-discussion', 'to-decision']);
    expect(c.alerts).toMatchObject({ total: 10, covered: 1 });
    expect(c.alerts.uncovered).not.toContain('overdue-decision');
  });

  it('counts a guard only where the case stands in a state it leaves', () => {
    const env = ruleEnvFromPack(FIXTURE_PACK);
    const at = (state: string) =>
      packCoverage(
        withCases([
          {
            name: '作出决定',
            workflow: 'penalty-ordinary',
            state,
            roles: ['department-head'],
            facts: { statementNotified: false, documentsIssued: ['advance-notice'] },
            expect: { refused: ['to-decision'] },
          },
        ]),
        env,
      ).guards.uncovered.map((g) => g.action);
    expect(at('notification')).not.toContain('to-decision');
    expect(at('case-review')).toContain('to-decision');
  });

  it('counts a matter a case names in its facts', () => {
    const pack = withCases([
      {
        name: '事项',
        alert: 'overdue-decision',
        facts: { matter: '120116-SCJ-CF-0001', workflow: 'penalty-ordinary', state: 'decision' },
        expect: { fires: false },
      },
    ]);
    expect(packCoverage(pack, ruleEnvFromPack(pack)).matters.uncovered).toEqual([]);
    const none = withCases([{ name: '考核', assessment: 'binhai-2026', metrics: {}, expect: { total: 0 } }]);
    expect(packCoverage(none, ruleEnvFromPack(none)).matters.uncovered).toEqual(['120116-SCJ-CF-0001']);
  });

  it('is a section of the report, before the summary line, in both languages', () => {
    const report = runPackTests(FIXTURE_PACK);
    expect(report.coverage.guards.covered).toBe(2);
    const zh = renderPackTestReport(report).trim().split('\n');
    expect(zh.at(-1)).toBe('黄金测试 10 个：10 个通过，0 个失败');
    expect(zh).toContain('覆盖：执法事项 1/1，裁量基准 1/1，裁量阶次 3/8，流程守卫 2/5，预警规则 1/10');
    expect(zh).toContain(
      '  未覆盖的流程守卫：penalty-ordinary request-hearing（notification → hearing）、penalty-ordinary submit-discussion（notification → collective-discussion）、penalty-ordinary to-decision（notification → decision）',
    );
    expect(zh).toContain(
      '  未覆盖的裁量阶次：DB-SPAQF-122-1@2019（heavier）、DB-SPAQF-122-1@2022（lighter-large、general-large、lighter、general）',
    );
    const en = renderCoverage(report.coverage, 'en');
    expect(en[0]).toBe(
      'coverage: matters 1/1, discretion benchmarks 1/1, tiers 3/8, workflow guards 2/5, alert rules 1/10',
    );
    expect(en).toContain(`  alert rules no case exercises: ${report.coverage.alerts.uncovered.join(', ')}`);
    // Nothing untested of a sort: no line for it.
    expect(en.some((l) => l.includes('matters no case exercises'))).toBe(false);
  });
});
