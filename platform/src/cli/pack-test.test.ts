/**
 * `yifa pack test` as an implementer runs it: the golden cases, then what no case exercises
 * (coverage), in the text report and in --json — on the metamodel's small fixture pack, whose
 * numbers are known, and on the national base pack.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKS_DIR } from '@yifa/packs';
import { describe, expect, it } from 'vitest';
import { yifa } from '../../test/cli.ts';

/** Each test runs the CLI in a child process, which a loaded machine slows down. */
const SLOW = { timeout: 120_000 };
/** xx-base: one matter, one benchmark of three tiers, a workflow with two guards, one alert, two cases. */
const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'metamodel',
  'test',
  'fixtures',
  'base',
);

describe('yifa pack test: coverage', SLOW, () => {
  it('reports what the cases of a small pack leave untested, after the cases and before the summary', async () => {
    const run = await yifa(['pack', 'test', FIXTURE]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(2)).toEqual([
      '覆盖：执法事项 1/1，裁量基准 1/1，裁量阶次 1/3，流程守卫 1/2，预警规则 0/1',
      '  未覆盖的裁量阶次：DB-1@2022-10-08（lighter、normal）',
      '  未覆盖的流程守卫：penalty decide（investigation/review → decision）',
      '  未覆盖的预警规则：overdue',
      '黄金测试 2 个：2 个通过，0 个失败',
    ]);
    const en = await yifa(['pack', 'test', FIXTURE, '--lang', 'en']);
    expect(en.stdout).toContain(
      '  workflow guards no case exercises: penalty decide (investigation/review → decision)\n',
    );
  });

  it('gives the coverage in --json', async () => {
    const run = await yifa(['pack', 'test', FIXTURE, '--json']);
    const { coverage } = JSON.parse(run.stdout);
    expect(coverage.guards).toEqual({
      total: 2,
      covered: 1,
      uncovered: [{ workflow: 'penalty', action: 'decide', from: ['investigation', 'review'], to: 'decision' }],
    });
    expect(coverage.alerts).toEqual({ total: 1, covered: 0, uncovered: ['overdue'] });
  });

  it('covers the national base pack: every uncovered guard is a real transition with a guard', async () => {
    const run = await yifa(['pack', 'test', join(PACKS_DIR, 'cn-national'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { coverage, cases } = JSON.parse(run.stdout);
    expect(cases.length).toBeGreaterThan(100);
    expect(coverage.guards.covered).toBeGreaterThan(0);
    expect(coverage.guards.covered + coverage.guards.uncovered.length).toBe(coverage.guards.total);
    expect(coverage.alerts.covered + coverage.alerts.uncovered.length).toBe(coverage.alerts.total);
  });
});
