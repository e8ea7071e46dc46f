import type { Parameter } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { contextOf } from './case-context.ts';
import { compileCondition } from './engine.ts';
import { createRuleEnv } from './env.ts';
import { explainEvaluation } from './explain.ts';
import { orgPathOf, paramValue, scopedEnv } from './param-scope.ts';

const HEARING: Parameter = {
  code: 'hearing-fine-org',
  name: '听证较大数额（法人）',
  nameEn: 'Hearing threshold (organisation)',
  type: 'number',
  value: 100000,
  unit: '元',
  versions: [{ effectiveFrom: '2025-01-01', value: 50000 }],
  byOrganisation: [
    { organisation: 'city', effectiveFrom: '2000-05-01', effectiveTo: '2023-12-31', value: 5000 },
    { organisation: 'city', effectiveFrom: '2024-01-01', value: 10000 },
    { organisation: 'county', effectiveFrom: '2026-06-01', value: 3000 },
  ],
  bySector: [{ sector: 'ecology', effectiveFrom: '2023-07-01', value: 200000 }],
};
const env = createRuleEnv({
  parameters: [HEARING, { code: 'plain', name: '普通参数', type: 'number', value: 7 }],
  organisations: [
    { code: 'province', name: '省政府' },
    { code: 'city', name: '石家庄市人民政府', shortName: '石家庄市政府', parent: 'province' },
    { code: 'county', name: '正定县人民政府', parent: 'city' },
    { code: 'county-scj', name: '正定县市场监管局', parent: 'county' },
    { code: 'other', name: '保定市', parent: 'province' },
  ],
});
const value = (scope: Parameters<typeof paramValue>[1]) => paramValue(HEARING, scope, env);

describe('a parameter scoped by organisation and sector, and dated', () => {
  it('the subject organisation’s own value, else its nearest ancestor’s, each by date', () => {
    const path = orgPathOf('county-scj', env);
    expect(path).toEqual(['province', 'city', 'county', 'county-scj']);
    expect(value({ orgPath: path, date: '2026-06-01' })).toEqual({
      value: 3000,
      origin: {
        from: 'organisation',
        organisation: { code: 'county', name: '正定县人民政府' },
        effectiveFrom: '2026-06-01',
      },
    });
    // The day before the county's own value, the city's (its version of 2024) is in force.
    expect(value({ orgPath: path, date: '2026-05-31' })).toMatchObject({
      value: 10000,
      origin: { from: 'organisation', organisation: { code: 'city', name: '石家庄市政府' } },
    });
    expect(value({ orgPath: path, date: '2023-12-31' })).toMatchObject({
      value: 5000,
      origin: { effectiveFrom: '2000-05-01', effectiveTo: '2023-12-31' },
    });
  });

  it('the sector’s value where no organisation has one, then the dated default, then value', () => {
    const other = orgPathOf('other', env);
    expect(value({ orgPath: other, sector: 'ecology', date: '2024-01-01' })).toMatchObject({
      value: 200000,
      origin: { from: 'sector', sector: 'ecology' },
    });
    // An organisation's value wins over the sector's.
    expect(value({ orgPath: orgPathOf('city', env), sector: 'ecology', date: '2024-01-01' }).value).toBe(10000);
    expect(value({ orgPath: other, sector: 'market', date: '2025-01-01' }).origin).toEqual({
      from: 'default',
      effectiveFrom: '2025-01-01',
    });
    expect(value({ orgPath: other, date: '2024-12-31' })).toEqual({ value: 100000, origin: { from: 'default' } });
    // Before the sector's value began, the default.
    expect(value({ sector: 'ecology', date: '2023-06-30' }).value).toBe(100000);
  });

  it('without a day, the open-ended versions count', () => {
    expect(value({ orgPath: orgPathOf('city', env) }).value).toBe(10000);
    expect(value({}).value).toBe(50000);
  });
});

describe('a case’s environment', () => {
  const condition = {
    fact: 'proposedFine',
    operator: 'greaterThanInclusive',
    value: { param: 'hearing-fine-org' },
    label: '拟处较大数额罚款',
  } as const;
  const rule = { kind: 'condition', code: 'needs-hearing-notice' };

  it('compiles rules against the value in force for the case and names where it came from', () => {
    const caseEnv = scopedEnv(env, { orgPath: orgPathOf('county-scj', env), date: '2026-03-01' });
    const c = compileCondition(condition, caseEnv, rule);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const ev = c.value.evaluate(contextOf({ proposedFine: 10000 }));
    expect(ev.held).toBe(true);
    expect(explainEvaluation(ev)).toBe(
      '拟处较大数额罚款：拟罚款金额 10,000 元 ≥ 10,000 元（参数“听证较大数额（法人）”：石家庄市政府，2024-01-01 起） ✓',
    );
    expect(explainEvaluation(ev, 'en')).toContain(
      '(parameter "Hearing threshold (organisation)": 石家庄市政府, from 2024-01-01)',
    );
    // The pack's own environment still holds the default.
    const base = compileCondition(condition, env, rule);
    if (!base.ok) throw new Error(JSON.stringify(base.issues));
    expect(base.value.evaluate(contextOf({ proposedFine: 10000 })).held).toBe(false);
  });

  it('is shared by every case with the same values, and is the pack’s when nothing is scoped', () => {
    const a = scopedEnv(env, { orgPath: orgPathOf('county-scj', env), date: '2026-03-01' });
    const b = scopedEnv(env, { orgPath: orgPathOf('city', env), date: '2025-07-01' });
    expect(a).toBe(b);
    expect(a.params.get('plain')).toBe(env.params.get('plain'));
    expect(scopedEnv(env, { orgPath: orgPathOf('county-scj', env), date: '2026-06-01' })).not.toBe(a);
    const unscoped = createRuleEnv({ parameters: [{ code: 'plain', name: '普通参数', type: 'number', value: 7 }] });
    expect(scopedEnv(unscoped, { orgPath: ['x'], date: '2026-01-01' })).toBe(unscoped);
  });
});
