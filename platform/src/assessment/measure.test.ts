import type { ResolvedPack } from '@yifa/metamodel';
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { caseSources, cases } from '../db/schema.ts';
import { A, B, MA2, writeHistory } from './fixtures.ts';
import {
  countedRows,
  enforcementSubjects,
  leadingMonths,
  MEASURABLE,
  type MeasuredSubject,
  measureSubjects,
  sourceConditions,
  wholeMonths,
} from './measure.ts';
import { scoreSubjects } from './score.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const AS_OF = '2026-12-31';

let server: Server;
let pack: ResolvedPack;
let ids: Record<string, string>;
let subjects: MeasuredSubject[];

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date('2027-01-10T02:00:00Z') });
  pack = (await server.services.packs.active()).pack;
  ids = await writeHistory(server.db, server.packHash, async (username, orgCode, roles, extra) => {
    return (await server.user({ username, orgCode, roles, ...extra })).id;
  });
  subjects = (await enforcementSubjects(server.db)).filter((s) => s.code === A || s.code === B);
  // Building the pack and the database takes a while on a loaded machine.
}, 60_000);

describe('measureSubjects', () => {
  it('measures every metric from the recorded rows, as counted by hand', async () => {
    const m = await measureSubjects(server.db, pack, subjects, YEAR, AS_OF);
    expect(m.get(A)).toEqual({
      officers: 5,
      certifiedOfficers: 4,
      officersWithCases: 3,
      // Binhai's nine 处罚 items of the market regulator and its 双随机抽查 (行政检查) item 120116-SCJ-JC-0001.
      authorityItems: 10,
      authorityItemsExercised: 2,
      enforcementActions: 4,
      inspections: 0,
      cases: 4,
      closedCases: 1,
      majorCases: 2,
      majorCasesReviewed: 1,
      overdueCaseSources: 2,
      complaints: 2,
      complaintsHandled: 1,
      // No 案卷评查 in these fixtures (file-review/rounds.test.ts counts reviewed files by hand).
      reviewedFiles: 0,
      qualifiedFiles: 0,
      reviewedFilesScore: 0,
    });
    expect(m.get(B)).toEqual({
      officers: 2,
      certifiedOfficers: 2,
      officersWithCases: 2,
      authorityItems: 8,
      authorityItemsExercised: 2,
      enforcementActions: 3,
      inspections: 0,
      cases: 3,
      closedCases: 2,
      majorCases: 0,
      majorCasesReviewed: 0,
      overdueCaseSources: 0,
      complaints: 0,
      complaintsHandled: 0,
      reviewedFiles: 0,
      qualifiedFiles: 0,
      reviewedFilesScore: 0,
    });
  });

  it('reads a period of whole months from the rollups, and counts as the cases do', async () => {
    for (const period of [
      YEAR,
      { from: '2026-03-01', to: '2026-03-31' },
      { from: '2026-02-01', to: '2026-09-30' },
      { from: '2025-12-01', to: '2026-02-28' },
      { from: '2025-01-01', to: '2026-12-31' },
    ]) {
      expect(wholeMonths(period), period.from).not.toBeNull();
      const fromRollups = await measureSubjects(server.db, pack, subjects, period, period.to);
      const fromCases = await measureSubjects(server.db, pack, subjects, period, period.to, MEASURABLE, false);
      expect(fromRollups, `${period.from}…${period.to}`).toEqual(fromCases);
    }
    expect(wholeMonths({ from: '2026-01-02', to: '2026-12-31' })).toBeNull();
    expect(wholeMonths({ from: '2026-01-01', to: '2026-12-30' })).toBeNull();
    expect(wholeMonths({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ from: '2026-02', to: '2026-02' });
  });

  it('reads a period to a day of a later month from the rollups and the rest from the cases, as the cases count', async () => {
    // One more of B's cases, opened in February and closed in mid-June (16:00 UTC is midnight in
    // China): a period to 06-19 must not count it closed, to 06-20 must. Removed after.
    const [b] = subjects.filter((s) => s.code === B);
    if (!b) throw new Error('no subject B');
    const [d1] = await server.db
      .select()
      .from(cases)
      .where(eq(cases.id, ids.d1 as string));
    if (!d1) throw new Error('no d1');
    const extra = {
      ...d1,
      id: 'measure-test-late',
      number: '津滨考核测〔2026〕99号',
      officers: [ids.b2 as string],
      openedAt: '2026-02-15T02:00:00.000Z',
      closedAt: '2026-06-20T15:59:00.000Z',
    };
    await server.db.insert(cases).values(extra);
    try {
      const periods = [
        { from: '2026-01-01', to: '2026-06-19' },
        { from: '2026-01-01', to: '2026-06-20' },
        { from: '2026-01-01', to: '2026-12-08' },
        { from: '2026-01-01', to: '2026-12-30' },
        { from: '2026-02-01', to: '2026-04-01' },
        { from: '2025-12-01', to: '2026-02-01' },
        { from: '2025-11-01', to: '2026-01-15' },
      ];
      for (const period of periods) {
        expect(leadingMonths(period), period.to).not.toBeNull();
        const fromRollups = await measureSubjects(server.db, pack, subjects, period, period.to);
        const fromCases = await measureSubjects(server.db, pack, subjects, period, period.to, MEASURABLE, false);
        expect(fromRollups, `${period.from}…${period.to}`).toEqual(fromCases);
      }
      // By hand, for B: to 06-19 closed d1 (04-01) only; to 06-20 the extra one too.
      const closed = async (to: string) =>
        (await measureSubjects(server.db, pack, [b], { from: '2026-01-01', to }, to, ['closedCases', 'cases'])).get(B);
      expect(await closed('2026-06-19')).toEqual({ cases: 3, closedCases: 1 });
      expect(await closed('2026-06-20')).toEqual({ cases: 3, closedCases: 2 });
    } finally {
      await server.db.delete(cases).where(eq(cases.id, extra.id));
    }
    expect(leadingMonths({ from: '2026-01-01', to: '2026-01-31' })).toBeNull();
    expect(leadingMonths({ from: '2026-01-02', to: '2026-03-15' })).toBeNull();
    expect(leadingMonths({ from: '2026-03-01', to: '2026-03-15' })).toBeNull();
    expect(leadingMonths({ from: '2025-11-01', to: '2026-01-15' })).toEqual({
      months: { from: '2025-11', to: '2025-12' },
      rest: { from: '2026-01-01', to: '2026-01-15' },
    });
  });

  it('counts certificates on the day given: before a4’s ended, a4 is certified too', async () => {
    const m = await measureSubjects(server.db, pack, subjects, YEAR, '2026-06-30', ['certifiedOfficers']);
    expect(m.get(A)).toEqual({ certifiedOfficers: 5 });
  });

  it('counts an authority item of power type JC (行政检查) as inspections, not cases', async () => {
    // Binhai's list has no inspection items: the same pack with A's item 0002 made one.
    const item = pack.items.matter.get(MA2)?.authorityItem as string;
    const items = new Map(pack.items['authority-item']);
    items.set(item, { ...(items.get(item) as NonNullable<ReturnType<typeof items.get>>), powerType: 'JC' });
    const withInspections = { ...pack, items: { ...pack.items, 'authority-item': items } } as ResolvedPack;
    const m = await measureSubjects(server.db, withInspections, subjects, YEAR, AS_OF, [
      'enforcementActions',
      'inspections',
      'cases',
      'closedCases',
    ]);
    // c3 and c6 are on MA2: inspections; c1 and c2 remain cases, c1 closed.
    expect(m.get(A)).toEqual({ enforcementActions: 4, inspections: 2, cases: 2, closedCases: 1 });
  });

  it('lists what each count counted, from the same condition', async () => {
    const a = subjects.find((s) => s.code === A) as MeasuredSubject;
    const m = (await measureSubjects(server.db, pack, [a], YEAR, AS_OF)).get(A) ?? {};
    for (const metric of MEASURABLE) {
      const counted = await countedRows(server.db, pack, a, YEAR, AS_OF, metric);
      expect(counted.total, metric).toBe(m[metric]);
      expect(counted.rows, metric).toHaveLength(m[metric] as number);
    }
    const major = await countedRows(server.db, pack, a, YEAR, AS_OF, 'majorCases');
    expect(major.rows.map((r) => r.id).sort()).toEqual([ids.c1, ids.c3].sort());
    const reviewed = await countedRows(server.db, pack, a, YEAR, AS_OF, 'majorCasesReviewed');
    expect(reviewed.rows.map((r) => r.id)).toEqual([ids.c1]);
    const acted = await countedRows(server.db, pack, a, YEAR, AS_OF, 'officersWithCases');
    expect(acted.rows.map((r) => r.label).sort()).toEqual(['asm.a1', 'asm.a2', 'asm.a3']);
    const late = await countedRows(server.db, pack, a, YEAR, AS_OF, 'overdueCaseSources');
    expect(late.rows.map((r) => r.id).sort()).toEqual([ids.s3, ids.s4].sort());
    // On 05-23, s2 (due 05-22, decided 05-25) was still undecided past its day, and s4 too; s3 not yet received.
    const may = await countedRows(server.db, pack, a, YEAR, '2026-05-23', 'overdueCaseSources');
    expect(may.rows.map((r) => r.id).sort()).toEqual([ids.s2, ids.s4].sort());
  });

  it('counts the case sources by index ranges as their conditions count every source, on days around a decision', async () => {
    // B's sources (it has none in the fixtures), decided either side of a legal midnight
    // (16:00 UTC); removed after, so the other tests keep their hand counts.
    const [b] = subjects.filter((s) => s.code === B);
    if (!b) throw new Error('no subject B');
    const source = (id: string, kind: string, receivedOn: string, dueOn: string, decidedAt: string | null) => ({
      id,
      subjectOrg: B,
      subjectPath: b.path,
      packHash: server.packHash,
      kind,
      receivedOn,
      description: '线索',
      registeredBy: 'test',
      dueOn,
      outcome: decidedAt ? ('filed' as const) : ('pending' as const),
      decidedAt,
    });
    const rows = [
      source('sb1', 'complaint-report', '2026-06-01', '2026-06-20', '2026-06-20T15:59:00.000Z'), // decided 06-20, on time
      source('sb2', 'complaint-report', '2026-06-01', '2026-06-19', '2026-06-20T16:00:00.000Z'), // decided 06-21, late
      source('sb3', 'complaint-report', '2026-06-02', '2026-06-19', '2026-06-20T15:59:59.000Z'), // decided 06-20, late
      source('sb4', 'inspection', '2026-06-10', '2026-06-30', null),
      source('sb5', 'complaint-report', '2025-12-31', '2026-01-20', null), // received the year before
    ];
    await server.db.insert(caseSources).values(rows);
    try {
      const metrics = ['overdueCaseSources', 'complaints', 'complaintsHandled'];
      // By hand, on 06-20 for the year: overdue sb2 (decided the day after) and sb5 (pending);
      // complaints of 2026 sb1 sb2 sb3, of which sb1 decided by its day.
      const june20 = await measureSubjects(server.db, pack, [b], YEAR, '2026-06-20', metrics);
      expect(june20.get(B)).toEqual({ overdueCaseSources: 2, complaints: 3, complaintsHandled: 1 });
      for (const asOf of ['2026-01-20', '2026-01-21', '2026-06-19', '2026-06-20', '2026-06-21', '2026-07-01', AS_OF]) {
        for (const period of [YEAR, { from: '2026-06-01', to: asOf }]) {
          const c = sourceConditions(period, asOf);
          const plain = await server.db.all<Record<string, number>>(
            sql`SELECT subject_org AS code, ${sql.join(
              metrics.map((m) => sql`sum(CASE WHEN ${c[m] as SQL} THEN 1 ELSE 0 END) AS ${sql.identifier(m)}`),
              sql`, `,
            )} FROM ${caseSources} GROUP BY subject_org`,
          );
          const ranged = await measureSubjects(server.db, pack, subjects, period, asOf, metrics);
          for (const s of subjects) {
            const row = plain.find((r) => String(r.code) === s.code);
            const want = Object.fromEntries(metrics.map((m) => [m, Number(row?.[m] ?? 0)]));
            expect(ranged.get(s.code), `${s.code} on ${asOf}, ${period.from}…${period.to}`).toEqual(want);
          }
        }
      }
    } finally {
      await server.db.delete(caseSources).where(
        inArray(
          caseSources.id,
          rows.map((r) => r.id),
        ),
      );
    }
  });
});

describe('scoreSubjects on Binhai’s scheme', () => {
  it('scores, grades and ranks the measurable indicators and lists the others with their weight', async () => {
    const scheme = pack.items.assessment.get('binhai-2026');
    if (!scheme) throw new Error('no binhai-2026');
    const m = await measureSubjects(server.db, pack, subjects, YEAR, AS_OF);
    const run = scoreSubjects(pack, scheme, subjects, m);
    expect(run.excluded.map((x) => [x.code, x.weight, x.metrics.map((y) => y.metric)])).toEqual([
      ['disclosure-in-time', 10, ['decisionsDisclosedInTime', 'decisionsToDisclose']],
    ]);
    // 案卷评查合格率 is measured (file-review/): no file reviewed in the fixtures, so empty → full marks.
    expect(run.measurableWeight).toBe(90);
    const [first, second] = run.subjects;
    // B: participation 2/2 → 20, actions 3/2 → 4, duty 2/8 → 2, legal review 0/0 (empty) → 15, closure 2/3 → 7.
    expect(first?.subject.code).toBe(B);
    expect(first?.indicators.map((i) => [i.code, i.points])).toEqual([
      ['participation-rate', 20],
      ['actions-per-officer', 4],
      ['duty-performance-rate', 2],
      ['legal-review-rate', 15],
      ['closure-rate', 7],
      ['file-quality', 10],
    ]);
    expect(first).toMatchObject({ earned: 58, score: 64.44, grade: '合格', rank: 1, vetoed: [] });
    // A: participation 3/4 → 6, actions 4/4 → 4, duty 2/9 → 2, legal review 1/2 → 0 (veto), closure 1/4 → 3.
    expect(second?.subject.code).toBe(A);
    expect(second?.indicators.map((i) => i.points)).toEqual([6, 4, 2, 0, 3, 10]);
    expect(second).toMatchObject({ earned: 25, score: 27.78, grade: '不合格', rank: 2, vetoed: ['legal-review-rate'] });
    const review = second?.indicators[3];
    expect(review?.metrics).toEqual([
      { metric: 'majorCasesReviewed', value: 1, counts: 'case' },
      { metric: 'majorCases', value: 2, counts: 'case' },
    ]);
    expect(review?.explanation.zh).toContain('经法制审核的重大执法决定数 1 / 重大执法决定数 2 = 50%');
    expect(second?.explanation.zh.join('\n')).toContain('按时公示率（10 分）不计分');
    expect(second?.explanation.en.join('\n')).toContain('25 of 90 measurable points, 27.78 on the 100-point scale');
    // B's 法制审核率 is empty (no major cases): said in words, no codes.
    const bWhy = first?.explanation.zh.join('\n') ?? '';
    expect(bWhy).toContain(
      '法制审核率：重大执法决定数为 0，本期没有可考核的数据，方案未规定此时的计分，按满分 15 分计',
    );
    expect(bWhy).not.toMatch(/legal-review-rate|majorCases/);
  });
});
