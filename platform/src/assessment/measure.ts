/**
 * 平台指标的计量: every platform metric (metamodel PLATFORM_METRICS, docs/pack-format.md §4.6) an
 * assessment scheme or a subject alert reads, measured per enforcement subject and period from
 * what the platform records — cases, their states and reviews, users and their certificates, the
 * pack's authority list, case sources — never typed in. One computation serves the assessment
 * (考核评议) and the subject alerts (alerts/subjects.ts).
 *
 * Each metric that counts rows is a condition on one table (`cases`, `users`, `case_sources`), so
 * the counts of every subject come from one GROUP BY pass and the rows a subject's count counted
 * (the explanation's drill-down) from the same condition with the subject fixed: a count and its
 * list cannot disagree. A metric the platform does not record yet is `notMeasurable` with the
 * reason, never a guess. No metric is an amount of money (行政处罚法第七十四条).
 *
 * Definitions (period = the legal dates from…to, China time; `asOf` = the period's last day, or
 * today when the period has not ended):
 * - officers: active users of the subject holding a role that requires a 执法证 (role.requiresCertificate);
 * - certifiedOfficers: active users of the subject with a 执法证 valid on `asOf`;
 * - officersWithCases: distinct officers named on the subject's cases opened in the period;
 * - authorityItems: the pack's 权责清单 items the subject implements (its type and sectors);
 * - authorityItemsExercised: those items with a case of the period opened on one of their matters;
 * - enforcementActions: the subject's enforcement cases opened in the period (检查、处罚、强制 … each one);
 * - inspections: those whose matter's authority item is of power type JC (行政检查, cn-national's code);
 * - cases: enforcement cases opened in the period other than inspections;
 * - closedCases: of `cases`, those closed by the end of the period;
 * - majorCases: cases opened in the period with a 法制审核 request recorded (entering a state of
 *   kind legal-review opens one, case-write.ts; the workflow's guard sends there the cases its
 *   重大执法决定 condition holds for) and whose decision was made (they entered a state a
 *   decision-kind state leads to);
 * - majorCasesReviewed: of those, the ones with an agreeing 法制审核 opinion recorded;
 * - overdueCaseSources: case sources undecided on `asOf` after their day to decide by (received
 *   whenever: with `asOf` today, the ones still pending past their day — the subject alert's fact);
 * - complaints: case sources of the period of the national kind complaint-report (投诉举报);
 * - complaintsHandled: of those, the ones decided by their day;
 * - reviewedFiles: the subject's sampled case files whose 案卷评查 was finished in the period
 *   (file-review/); qualifiedFiles: of those, the ones that passed; reviewedFilesScore: their
 *   totals added up (reviewedFilesScore / reviewedFiles is the average score).
 */
import { PLATFORM_METRICS, type ResolvedPack, type Workflow } from '@yifa/metamodel';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  caseClosings,
  caseSources,
  cases,
  fileReviews,
  officerCounts,
  organisations,
  reviewMarks,
  reviews,
  users,
} from '../db/schema.ts';
import { ensureLegalMonths, monthStart } from '../statistics/month.ts';
import { periodCondition, periodKeys } from '../statistics/periods.ts';
import { startOfLegalDay } from '../time.ts';

/** A period of legal dates, both included (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

/** An enforcement subject measured. */
export interface MeasuredSubject {
  code: string;
  name: string;
  type: string;
  path: string;
}

/** Why a metric cannot be measured yet, in both languages. */
export interface NotMeasurable {
  zh: string;
  en: string;
}

/** What kind of rows a metric counts. */
export type CountedKind = 'case' | 'user' | 'authority-item' | 'case-source';

/** The measured values of one subject: a number per measurable metric. */
export type MetricValues = Record<string, number>;

/** Metrics the platform does not record yet, with the reason (zh/en). */
export const NOT_MEASURABLE: Readonly<Record<string, NotMeasurable>> = {
  inspectionsPlanned: {
    zh: '平台尚未记录检查计划（随机抽查计划），无法计量计划检查数',
    en: 'the platform does not record inspection plans yet',
  },
  jointInspections: {
    zh: '平台尚未记录联合检查（多部门共同实施的检查），无法计量',
    en: 'the platform does not record joint inspections yet',
  },
  casesNotPenalised: {
    zh: '流程的终止状态未标明“不予处罚”（配置包没有该状态类别），无法从记录判断',
    en: 'workflows do not mark a "not penalised" end state the platform could count',
  },
  overdueCases: {
    zh: '办案期限由流程引擎按日计算，尚未记录“超期”事件（待预警记录入库后计量）',
    en: 'case deadlines are computed on demand and no "overdue" event is recorded yet',
  },
  reconsiderations: {
    zh: '复议案件与被复议主体的对应及复议结果尚未作为平台记录统一标明',
    en: 'reconsideration cases and their outcomes are not recorded against the subject in a form the platform counts',
  },
  reconsiderationsCorrected: {
    zh: '复议纠错结果尚未作为平台记录统一标明',
    en: 'reconsideration outcomes (corrected or not) are not recorded in a form the platform counts',
  },
  lawsuits: {
    zh: '行政诉讼案件与被诉主体的对应尚未作为平台记录统一标明',
    en: 'lawsuits are not recorded against the subject in a form the platform counts',
  },
  lawsuitsLost: {
    zh: '诉讼结果（败诉）尚未作为平台记录统一标明',
    en: 'lawsuit outcomes (lost or not) are not recorded in a form the platform counts',
  },
  decisionsToDisclose: {
    zh: '公示（双公示）尚未上线，平台没有公示记录',
    en: 'disclosure (公示) is not built yet: no disclosure records',
  },
  decisionsDisclosedInTime: {
    zh: '公示（双公示）尚未上线，平台没有公示记录',
    en: 'disclosure (公示) is not built yet: no disclosure records',
  },
};

/** The power type of 行政检查 in cn-national's power-types codelist. */
const INSPECTION_POWER_TYPE = 'JC';
/** The case-source kind of 投诉举报 in cn-national's case-source-kinds codelist. */
const COMPLAINT_KIND = 'complaint-report';

/** Metrics counted from cases opened in the period (one pass). */
const CASE_METRICS = ['enforcementActions', 'inspections', 'cases', 'closedCases', 'majorCases', 'majorCasesReviewed'];
const USER_METRICS = ['officers', 'certifiedOfficers'];
const SOURCE_METRICS = ['overdueCaseSources', 'complaints', 'complaintsHandled'];
const ITEM_METRICS = ['authorityItems', 'authorityItemsExercised'];
const REVIEW_METRICS = ['reviewedFiles', 'qualifiedFiles', 'reviewedFilesScore'];

/** The metrics the platform measures today. */
export const MEASURABLE: readonly string[] = [
  ...USER_METRICS,
  'officersWithCases',
  ...ITEM_METRICS,
  ...CASE_METRICS,
  ...SOURCE_METRICS,
  ...REVIEW_METRICS,
];

/** Whether a platform metric can be measured, or why not. */
export function measurability(metric: string): { measurable: true } | { measurable: false; why: NotMeasurable } {
  if (MEASURABLE.includes(metric)) return { measurable: true };
  const why = NOT_MEASURABLE[metric];
  if (why) return { measurable: false, why };
  const known = PLATFORM_METRICS.some((m) => m.name === metric);
  return {
    measurable: false,
    why: known
      ? { zh: `平台尚不计量指标 ${metric}`, en: `the platform does not measure ${metric} yet` }
      : { zh: `${metric} 不是平台指标`, en: `${metric} is not a platform metric` },
  };
}

/** What a metric counts. */
export function countedKind(metric: string): CountedKind | undefined {
  if (USER_METRICS.includes(metric) || metric === 'officersWithCases') return 'user';
  if (CASE_METRICS.includes(metric) || REVIEW_METRICS.includes(metric)) return 'case';
  if (SOURCE_METRICS.includes(metric)) return 'case-source';
  if (ITEM_METRICS.includes(metric)) return 'authority-item';
  return undefined;
}

/** The authority items of the pack a subject implements (by its type and sectors). */
export function authorityItemsOf(pack: ResolvedPack, subject: { code: string; type: string }): Set<string> {
  const sectors = new Set(pack.items.organisation.get(subject.code)?.sectors ?? []);
  const items = new Set<string>();
  for (const item of pack.items['authority-item'].values()) {
    const typeFits = !item.subjectTypes?.length || item.subjectTypes.includes(subject.type);
    if (typeFits && item.sectors.some((s) => sectors.has(s))) items.add(item.code);
  }
  return items;
}

/** The next legal date. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The instants bounding a period: from its first legal day's start to the start of the day after its last. */
export function periodBounds(period: Period): { start: string; end: string } {
  return {
    start: startOfLegalDay(period.from).toISOString(),
    end: startOfLegalDay(nextDay(period.to)).toISOString(),
  };
}

/**
 * The legal months a period spans when it is whole months (from a 1st to a month's last day), as
 * YYYY-MM; otherwise null (its counts are read from the cases).
 */
export function wholeMonths(period: Period): { from: string; to: string } | null {
  if (!period.from.endsWith('-01')) return null;
  const after = nextDay(period.to);
  if (!after.endsWith('-01') || after.slice(0, 7) <= period.to.slice(0, 7)) return null;
  return { from: period.from.slice(0, 7), to: period.to.slice(0, 7) };
}

/**
 * A period from a month's first day to a day before the end of a later month, split into its whole
 * months (YYYY-MM) and the rest (the first day of its last month to its last day); otherwise null.
 */
export function leadingMonths(period: Period): { months: { from: string; to: string }; rest: Period } | null {
  if (!period.from.endsWith('-01') || wholeMonths(period)) return null;
  const last = period.to.slice(0, 7);
  const first = period.from.slice(0, 7);
  if (last <= first) return null;
  const [y, m] = last.split('-').map(Number) as [number, number];
  const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { months: { from: first, to: before }, rest: { from: `${last}-01`, to: period.to } };
}

const json = (state: string) => `$."${state.replaceAll('"', '')}"`;

function fromStates(t: { from: string | string[] }): string[] {
  return Array.isArray(t.from) ? t.from : [t.from];
}

/** Per workflow with a decision-kind state: the states a decision-kind state leads to (the decision made). */
function decidedStates(pack: ResolvedPack): { workflow: string; decided: string[] }[] {
  const out: { workflow: string; decided: string[] }[] = [];
  for (const w of pack.items.workflow.values() as Iterable<Workflow>) {
    const decisions = new Set(w.states.filter((s) => s.kind === 'decision').map((s) => s.code));
    const decided = [
      ...new Set(w.transitions.filter((t) => fromStates(t).some((f) => decisions.has(f))).map((t) => t.to)),
    ].filter((s) => !decisions.has(s));
    if (decided.length) out.push({ workflow: w.code, decided });
  }
  return out;
}

/** Whether the case's decision was made: it entered a state its workflow's decision leads to. */
function decidedCondition(
  pack: ResolvedPack,
  on: { workflow: unknown; entered: unknown } = { workflow: cases.workflowCode, entered: cases.stateEntered },
): SQL {
  const marks = decidedStates(pack);
  if (!marks.length) return sql`0`;
  return sql`(${sql.join(
    marks.map(
      (m) =>
        sql`(${on.workflow} = ${m.workflow} AND (${sql.join(
          m.decided.map((s) => sql`json_extract(${on.entered}, ${json(s)}) IS NOT NULL`),
          sql` OR `,
        )}))`,
    ),
    sql` OR `,
  )})`;
}

const AGREED = sql`${reviews.opinion} IN ('agree', 'agree-after-change')`;

/** The matters counted as inspections: their authority item is of power type JC. */
function inspectionMatters(pack: ResolvedPack): string[] {
  return [...pack.items.matter.values()]
    .filter((m) => {
      const item = m.authorityItem ? pack.items['authority-item'].get(m.authorityItem) : undefined;
      return item?.powerType === INSPECTION_POWER_TYPE;
    })
    .map((m) => m.code);
}

/**
 * The conditions on a `cases` row of the period that each case metric counts. The first four
 * read only the columns of the index cases_opened; the major ones read the case's states and
 * its reviews.
 */
export function caseConditions(pack: ResolvedPack, period: Period): Record<string, SQL> {
  const { end } = periodBounds(period);
  const matters = inspectionMatters(pack);
  const enforcement = sql`${cases.category} = 'enforcement'`;
  const inspection = matters.length ? inArray(cases.matterCode, matters) : sql`0`;
  const nonInspection = sql`(${enforcement} AND NOT (${inspection}))`;
  const decided = decidedCondition(pack);
  const requested = sql`EXISTS (SELECT 1 FROM ${reviews} WHERE ${reviews.caseId} = ${cases.id})`;
  const agreed = sql`EXISTS (SELECT 1 FROM ${reviews} WHERE ${reviews.caseId} = ${cases.id} AND ${AGREED})`;
  return {
    enforcementActions: enforcement,
    inspections: sql`(${enforcement} AND ${inspection})`,
    cases: nonInspection,
    closedCases: sql`(${nonInspection} AND ${cases.closedAt} IS NOT NULL AND ${cases.closedAt} < ${end})`,
    majorCases: sql`(${requested} AND ${decided})`,
    majorCasesReviewed: sql`(${agreed} AND ${decided})`,
  };
}

export function sourceConditions(period: Period, asOf: string): Record<string, SQL> {
  // The legal date a case source was decided on (China time, +8 h; the decision instant is UTC).
  const decidedOn = sql`date(${caseSources.decidedAt}, '+8 hours')`;
  // Undecided on the as-of day past its day to decide by, whenever it was received.
  const late = sql`(${caseSources.receivedOn} <= ${asOf} AND ${caseSources.dueOn} < ${asOf}
    AND (${caseSources.outcome} = 'pending' OR ${decidedOn} > ${asOf}))`;
  const complaint = sql`(${caseSources.kind} = ${COMPLAINT_KIND}
    AND ${caseSources.receivedOn} >= ${period.from} AND ${caseSources.receivedOn} <= ${period.to})`;
  return {
    overdueCaseSources: late,
    complaints: complaint,
    complaintsHandled: sql`(${complaint} AND ${caseSources.outcome} <> 'pending' AND ${decidedOn} <= ${caseSources.dueOn})`,
  };
}

function userConditions(pack: ResolvedPack, asOf: string): Record<string, SQL> {
  const officerRoles = [...pack.items.role.values()].filter((r) => r.requiresCertificate).map((r) => r.code);
  const holds = officerRoles.length
    ? sql`EXISTS (SELECT 1 FROM json_each(${users.roles}) AS r WHERE r.value IN (${sql.join(
        officerRoles.map((r) => sql`${r}`),
        sql`, `,
      )}))`
    : sql`0`;
  return {
    officers: holds,
    certifiedOfficers: sql`(${users.certificateNo} IS NOT NULL AND ${users.certificateValidUntil} >= ${asOf})`,
  };
}

/** A sampled file's review finished in the period (file-review/). */
function fileReviewFinishedIn(start: string, end: string): SQL {
  return sql`${fileReviews.state} = 'finished' AND ${fileReviews.finishedAt} >= ${start} AND ${fileReviews.finishedAt} < ${end}`;
}

const sumOf = (cond: SQL) => sql`sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/**
 * The cases of these subjects opened in the period. The subject test is written `+subject_org`
 * so that SQLite reads the period's range of the index cases_opened (which holds every column
 * the counts read) rather than each subject's cases of every year through cases_subject.
 */
function openedIn(codes: readonly string[], period: Period): SQL {
  const { start, end } = periodBounds(period);
  return sql`${cases.openedAt} >= ${start} AND ${cases.openedAt} < ${end}
    AND +${cases.subjectOrg} IN (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`;
}

/**
 * The values of the measurable metrics named, for each subject (by code), counted by the
 * database: one pass over the period's range of the index cases_opened for the case counts and
 * matters, one for the officers named, one over the period's cases with a 法制审核 request, one
 * over the users, three index ranges of the case sources (sourceCounts); the authority items from the pack.
 */
export async function measureSubjects(
  db: Db,
  pack: ResolvedPack,
  subjects: readonly MeasuredSubject[],
  period: Period,
  asOf: string,
  wanted: readonly string[] = MEASURABLE,
  /** false reads a period of whole months from the cases too (the tests compare the two). */
  rollups = true,
): Promise<Map<string, MetricValues>> {
  const out = new Map<string, MetricValues>(subjects.map((s) => [s.code, {}]));
  if (!subjects.length) return out;
  const codes = subjects.map((s) => s.code);
  const want = new Set(wanted.filter((m) => MEASURABLE.includes(m)));
  const put = (code: string, metric: string, value: unknown) => {
    const values = out.get(code);
    if (values) values[metric] = (values[metric] ?? 0) + Number(value ?? 0);
  };
  const zero = (names: readonly string[]) => {
    for (const s of subjects) for (const m of names) (out.get(s.code) as MetricValues)[m] = 0;
  };
  const columns = (conds: Record<string, SQL>, names: string[]) =>
    sql.join(
      names.map((m) => sql`${sumOf(conds[m] as SQL)} AS ${sql.identifier(m)}`),
      sql`, `,
    );

  // A period of whole months is read from the rollups the case triggers keep (migration 0028):
  // case_closings for the counts and matters, officer_counts for the officers who acted. A period
  // from a month's first day to a day of a later month (the subject alerts' year to date) reads its
  // whole months so and the rest from the cases (leadingMonths).
  const months = rollups ? wholeMonths(period) : null;
  const lead = rollups && !months ? leadingMonths(period) : null;
  const rolled = months ?? lead?.months;
  if (rolled) await ensureLegalMonths(db);
  const counted = ['enforcementActions', 'inspections', 'cases', 'closedCases'].filter((m) => want.has(m));
  const items = want.has('authorityItems') || want.has('authorityItemsExercised');
  const own = new Map(subjects.map((s) => [s.code, authorityItemsOf(pack, s)]));
  const exercised = new Map<string, Set<string>>();
  const exercise = (code: string, matter: string) => {
    const item = pack.items.matter.get(matter)?.authorityItem;
    if (item && own.get(code)?.has(item)) exercised.set(code, (exercised.get(code) ?? new Set()).add(item));
  };
  /** Counts and matters in one pass over the cases opened in `p` (part of the period), by subject and matter. */
  const countCases = async (p: Period) => {
    const conds = caseConditions(pack, period);
    const cols = counted.length ? sql`, ${columns(conds, counted)}` : sql``;
    const rows = await db.all<Record<string, unknown>>(
      sql`SELECT ${cases.subjectOrg} AS code, ${cases.matterCode} AS matter ${cols} FROM ${cases}
        WHERE ${openedIn(codes, p)} GROUP BY ${cases.subjectOrg}, ${cases.matterCode}`,
    );
    for (const row of rows) {
      const code = String(row.code);
      for (const m of counted) put(code, m, row[m]);
      exercise(code, String(row.matter));
    }
  };
  if (rolled && (counted.length || items)) {
    zero(counted);
    const t = caseClosings;
    const keys = periodKeys(rolled.from, rolled.to, 0, 0);
    // Closed by the period's end: by its last whole month's end, or (lead) by the end of the month
    // its last day is in, less the cases closed after that day (below).
    const closedBy = lead ? period.to.slice(0, 7) : rolled.to;
    const rows = await db
      .select({
        code: t.subjectOrg,
        matter: t.matterCode,
        category: t.category,
        closed: sql<number>`${t.closedMonth} <> '' AND ${t.closedMonth} <= ${closedBy}`,
        n: sql<number>`sum(${t.cases})`,
      })
      .from(t)
      .where(and(periodCondition(t.period, keys), inArray(t.subjectOrg, codes)))
      .groupBy(t.subjectOrg, t.matterCode, t.category, sql`4`);
    const inspection = new Set(inspectionMatters(pack));
    for (const r of rows) {
      exercise(r.code, r.matter);
      if (r.category !== 'enforcement') continue;
      const n = Number(r.n);
      const isInspection = inspection.has(r.matter);
      if (want.has('enforcementActions')) put(r.code, 'enforcementActions', n);
      if (want.has('inspections') && isInspection) put(r.code, 'inspections', n);
      if (want.has('cases') && !isInspection) put(r.code, 'cases', n);
      if (want.has('closedCases') && !isInspection && Number(r.closed)) put(r.code, 'closedCases', n);
    }
    if (lead) {
      await countCases(lead.rest);
      if (want.has('closedCases')) {
        // The whole months' cases closed in the last month but after the period's last day: a range
        // of the partial index cases_closed (migration 0034), a few rows.
        const { start, end } = periodBounds(period);
        const late = await db.all<{ code: string; n: number }>(
          sql`SELECT ${cases.subjectOrg} AS code, count(*) AS n FROM ${cases}
            WHERE ${cases.closedAt} >= ${end} AND ${cases.closedAt} < ${monthStart(closedBy, true)}
              AND +${cases.openedAt} >= ${start} AND +${cases.openedAt} < ${monthStart(closedBy)}
              AND +${cases.subjectOrg} IN (${sql.join(
                codes.map((c) => sql`${c}`),
                sql`, `,
              )}) AND ${caseConditions(pack, period).cases}
            GROUP BY ${cases.subjectOrg}`,
        );
        for (const r of late) put(r.code, 'closedCases', -Number(r.n));
      }
    }
  } else if (counted.length || items) {
    zero(counted);
    await countCases(period);
  }
  if (items)
    for (const s of subjects) {
      if (want.has('authorityItems')) put(s.code, 'authorityItems', own.get(s.code)?.size ?? 0);
      if (want.has('authorityItemsExercised')) put(s.code, 'authorityItemsExercised', exercised.get(s.code)?.size ?? 0);
    }
  if (want.has('officersWithCases')) {
    zero(['officersWithCases']);
    const acted = new Map<string, Set<string>>();
    const act = (code: string, officer: string) => acted.set(code, (acted.get(code) ?? new Set()).add(officer));
    if (rolled) {
      const t = officerCounts;
      const keys = periodKeys(rolled.from, rolled.to, 0, 0);
      const where = and(periodCondition(t.period, keys), inArray(t.subjectOrg, codes));
      if (months) {
        const rows = await db
          .select({ code: t.subjectOrg, n: sql<number>`count(DISTINCT ${t.officerId})` })
          .from(t)
          .where(where)
          .groupBy(t.subjectOrg);
        for (const r of rows) put(r.code, 'officersWithCases', r.n);
      } else
        for (const r of await db.selectDistinct({ code: t.subjectOrg, officer: t.officerId }).from(t).where(where))
          act(r.code, r.officer);
    }
    if (!months) {
      // The distinct officer lists of the cases (of the period, or of its rest after its whole
      // months), from the index; the officers in them counted here (parsing a short JSON list is
      // cheaper than SQLite's json_each with count(DISTINCT)).
      const rows = await db.all<{ code: string; officers: string }>(
        sql`SELECT DISTINCT ${cases.subjectOrg} AS code, ${cases.officers} AS officers FROM ${cases}
          WHERE ${openedIn(codes, lead?.rest ?? period)}`,
      );
      for (const r of rows) for (const id of JSON.parse(r.officers) as string[]) act(r.code, id);
      for (const [code, set] of acted) put(code, 'officersWithCases', set.size);
    }
  }
  if (want.has('majorCases') || want.has('majorCasesReviewed')) {
    // The period's cases with a 法制审核 request: one range of review_marks (migration 0030), a
    // narrow row per reviewed case kept by triggers, instead of the cases joined with their reviews.
    // Both counts need the decision made: tested once per row, in the WHERE clause. Which states
    // mean decided is the pack's workflow (decidedStates), so the row keeps the states entered
    // rather than a flag a pack version would have to recompute.
    zero(['majorCases', 'majorCasesReviewed'].filter((m) => want.has(m)));
    const t = reviewMarks;
    const { start, end } = periodBounds(period);
    const decided = decidedCondition(pack, { workflow: t.workflowCode, entered: t.stateEntered });
    const rows = await db.all<{ code: string; major: number; reviewed: number }>(
      sql`SELECT ${t.subjectOrg} AS code,
          sum(CASE WHEN ${t.requestedAt} >= ${start} THEN 1 ELSE 0 END) AS major,
          sum(CASE WHEN ${t.agreedAt} >= ${start} THEN 1 ELSE 0 END) AS reviewed
        FROM ${t} WHERE ${t.openedAt} >= ${start} AND ${t.openedAt} < ${end}
          AND ${t.subjectOrg} IN (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )}) AND ${decided} GROUP BY ${t.subjectOrg}`,
    );
    for (const r of rows) {
      if (want.has('majorCases')) put(r.code, 'majorCases', r.major);
      if (want.has('majorCasesReviewed')) put(r.code, 'majorCasesReviewed', r.reviewed);
    }
  }
  const officersOf = async (conditions: Record<string, SQL>) => {
    const names = Object.keys(conditions).filter((m) => want.has(m));
    if (!names.length) return;
    zero(names);
    const query = sql`SELECT ${users.orgCode} AS code, ${columns(conditions, names)} FROM ${users}
      WHERE ${inArray(users.orgCode, codes)} AND ${users.disabled} = 0 GROUP BY ${users.orgCode}`;
    for (const row of await db.all<Record<string, unknown>>(query))
      for (const m of names) put(String(row.code), m, row[m]);
  };
  const reviewed = REVIEW_METRICS.filter((m) => want.has(m));
  if (reviewed.length) {
    // 案卷评查: the subject's files finished in the period, read through the index file_reviews_finished.
    zero(reviewed);
    const { start, end } = periodBounds(period);
    const rows = await db.all<{ code: string; n: number; ok: number; score: number }>(
      sql`SELECT ${fileReviews.subjectOrg} AS code, count(*) AS n,
          sum(CASE WHEN ${fileReviews.qualified} = 1 THEN 1 ELSE 0 END) AS ok, sum(${fileReviews.total}) AS score
        FROM ${fileReviews} WHERE ${inArray(fileReviews.subjectOrg, codes)} AND ${fileReviewFinishedIn(start, end)}
        GROUP BY ${fileReviews.subjectOrg}`,
    );
    for (const r of rows) {
      if (want.has('reviewedFiles')) put(r.code, 'reviewedFiles', r.n);
      if (want.has('qualifiedFiles')) put(r.code, 'qualifiedFiles', r.ok);
      if (want.has('reviewedFilesScore')) put(r.code, 'reviewedFilesScore', Math.round(Number(r.score) * 100) / 100);
    }
  }
  await officersOf(userConditions(pack, asOf));
  const sourced = SOURCE_METRICS.filter((m) => want.has(m));
  if (sourced.length) {
    zero(sourced);
    for (const row of await sourceCounts(db, codes, period, asOf, sourced))
      for (const m of sourced) put(String(row.code), m, row[m]);
  }
  return out;
}

/**
 * The case-source counts of these subjects, read by three index ranges instead of every source
 * of every year: the pending ones (case_sources_subject) and the ones decided after the as-of day
 * (case_sources_decided) — together every source that can be undecided on it — and the period's
 * complaints (case_sources_kind). Each range keeps the metric's own condition (sourceConditions,
 * which countedRows lists by) as its filter: a range only leaves out rows the condition cannot
 * hold for, so the counts are the conditions' (measure.test.ts compares them on days around a
 * decision). A source decided after the as-of day has a decision instant whose UTC date, and
 * so its text, is not before that day.
 */
async function sourceCounts(
  db: Db,
  codes: readonly string[],
  period: Period,
  asOf: string,
  wanted: readonly string[],
): Promise<Record<string, unknown>[]> {
  const t = caseSources;
  const c = sourceConditions(period, asOf);
  const list = sql.join(
    codes.map((x) => sql`${x}`),
    sql`, `,
  );
  const ranges: SQL[] = [];
  if (wanted.includes('overdueCaseSources'))
    ranges.push(
      sql`SELECT ${t.subjectOrg} AS code, 1 AS late, 0 AS complaint, 0 AS handled FROM ${t}
          WHERE ${t.subjectOrg} IN (${list}) AND ${t.outcome} = 'pending' AND ${c.overdueCaseSources}`,
      sql`SELECT ${t.subjectOrg}, 1, 0, 0 FROM ${t}
          WHERE ${t.decidedAt} >= ${asOf} AND ${t.outcome} <> 'pending' AND ${c.overdueCaseSources}
            AND +${t.subjectOrg} IN (${list})`,
    );
  if (wanted.includes('complaints') || wanted.includes('complaintsHandled'))
    ranges.push(
      sql`SELECT ${t.subjectOrg}, 0, 1, CASE WHEN ${c.complaintsHandled} THEN 1 ELSE 0 END FROM ${t}
          WHERE ${t.kind} = ${COMPLAINT_KIND} AND ${t.receivedOn} >= ${period.from} AND ${t.receivedOn} <= ${period.to}
            AND ${c.complaints} AND +${t.subjectOrg} IN (${list})`,
    );
  if (!ranges.length) return [];
  return db.all<Record<string, unknown>>(
    sql`SELECT code, sum(late) AS ${sql.identifier('overdueCaseSources')}, sum(complaint) AS ${sql.identifier('complaints')},
        sum(handled) AS ${sql.identifier('complaintsHandled')}
      FROM (${sql.join(ranges, sql` UNION ALL `)}) GROUP BY code`,
  );
}

/** The authority items of a subject exercised in the period (a case opened on one of their matters). */
async function exercisedItems(db: Db, pack: ResolvedPack, subject: MeasuredSubject, period: Period): Promise<string[]> {
  const rows = await db
    .selectDistinct({ matter: cases.matterCode })
    .from(cases)
    .where(openedIn([subject.code], period));
  const own = authorityItemsOf(pack, subject);
  const items = new Set<string>();
  for (const r of rows) {
    const item = pack.items.matter.get(r.matter)?.authorityItem;
    if (item && own.has(item)) items.add(item);
  }
  return [...items];
}

const OUTCOMES = {
  pending: { zh: '待决定', en: 'pending' },
  filed: { zh: '已立案', en: 'filed' },
  'not-filed': { zh: '不予立案', en: 'not filed' },
  transferred: { zh: '已移送', en: 'transferred' },
} as const;

/** One row a metric counted, as the explanation lists it. */
export interface CountedRow {
  kind: CountedKind;
  id: string;
  /** A case's number, a user's name, an item's name, a case source's received day. */
  label: string;
  /** More about it, in both languages: a case's matter and state, a user's certificate, an item's code. */
  detail?: { zh: string; en: string };
}

/**
 * The rows one measurable metric counted for one subject in the period (at most `limit`), from
 * the same condition its count used, with how many there are in all.
 */
export async function countedRows(
  db: Db,
  pack: ResolvedPack,
  subject: MeasuredSubject,
  period: Period,
  asOf: string,
  metric: string,
  limit = 500,
): Promise<{ total: number; rows: CountedRow[] }> {
  const { start, end } = periodBounds(period);
  const opened = and(
    eq(cases.subjectOrg, subject.code),
    sql`${cases.openedAt} >= ${start}`,
    sql`${cases.openedAt} < ${end}`,
  );
  const caseCond = caseConditions(pack, period)[metric];
  if (caseCond) {
    const where = and(opened, caseCond);
    const [n] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${cases} WHERE ${where}`);
    const rows = await db
      .select({
        id: cases.id,
        number: cases.number,
        matter: cases.matterCode,
        workflow: cases.workflowCode,
        state: cases.state,
      })
      .from(cases)
      .where(where)
      .orderBy(asc(cases.openedAt), asc(cases.number))
      .limit(limit);
    return {
      total: Number(n?.n ?? 0),
      rows: rows.map((r) => {
        const matter = pack.items.matter.get(r.matter);
        const state = pack.items.workflow.get(r.workflow)?.states.find((s) => s.code === r.state);
        return {
          kind: 'case',
          id: r.id,
          label: r.number,
          detail: {
            zh: `${matter?.name ?? r.matter} · ${state?.name ?? r.state}`,
            en: `${matter?.nameEn ?? matter?.name ?? r.matter} · ${state?.nameEn ?? state?.name ?? r.state}`,
          },
        };
      }),
    };
  }
  if (REVIEW_METRICS.includes(metric)) {
    const where = and(
      eq(fileReviews.subjectOrg, subject.code),
      fileReviewFinishedIn(start, end),
      metric === 'qualifiedFiles' ? eq(fileReviews.qualified, true) : undefined,
    );
    const rows = await db
      .select({
        id: fileReviews.caseId,
        number: fileReviews.caseNumber,
        total: fileReviews.total,
        ok: fileReviews.qualified,
      })
      .from(fileReviews)
      .where(where)
      .orderBy(asc(fileReviews.finishedAt), asc(fileReviews.caseNumber));
    return {
      total: rows.length,
      rows: rows.slice(0, limit).map((r) => ({
        kind: 'case',
        id: r.id,
        label: r.number,
        detail: {
          zh: `评查得分 ${r.total ?? 0} · ${r.ok ? '合格' : '不合格'}`,
          en: `review score ${r.total ?? 0} · ${r.ok ? 'passed' : 'failed'}`,
        },
      })),
    };
  }
  const userCond = userConditions(pack, asOf)[metric];
  if (userCond) {
    const rows = await db
      .select({ id: users.id, name: users.displayName, cert: users.certificateNo, until: users.certificateValidUntil })
      .from(users)
      .where(and(eq(users.orgCode, subject.code), eq(users.disabled, false), userCond))
      .orderBy(asc(users.username));
    return {
      total: rows.length,
      rows: rows.slice(0, limit).map((r) => ({
        kind: 'user',
        id: r.id,
        label: r.name,
        ...(r.cert
          ? {
              detail: {
                zh: `执法证 ${r.cert}，有效期至 ${r.until ?? ''}`,
                en: `certificate ${r.cert}, valid until ${r.until ?? ''}`,
              },
            }
          : {}),
      })),
    };
  }
  const sourceCond = sourceConditions(period, asOf)[metric];
  if (sourceCond) {
    const rows = await db
      .select({
        id: caseSources.id,
        receivedOn: caseSources.receivedOn,
        dueOn: caseSources.dueOn,
        outcome: caseSources.outcome,
      })
      .from(caseSources)
      .where(and(eq(caseSources.subjectOrg, subject.code), sourceCond))
      .orderBy(asc(caseSources.receivedOn));
    return {
      total: rows.length,
      rows: rows.slice(0, limit).map((r) => ({
        kind: 'case-source',
        id: r.id,
        label: r.receivedOn,
        detail: {
          zh: `${OUTCOMES[r.outcome].zh} · 核查期限 ${r.dueOn}`,
          en: `${OUTCOMES[r.outcome].en} · decide by ${r.dueOn}`,
        },
      })),
    };
  }
  if (metric === 'officersWithCases') {
    const rows = await db.all<{ id: string; name: string | null }>(
      sql`SELECT DISTINCT j.value AS id, u.display_name AS name FROM ${cases}, json_each(${cases.officers}) AS j
        LEFT JOIN ${users} u ON u.id = j.value WHERE ${opened} ORDER BY j.value`,
    );
    return {
      total: rows.length,
      rows: rows.slice(0, limit).map((r) => ({ kind: 'user', id: r.id, label: r.name ?? r.id })),
    };
  }
  if (metric === 'authorityItems' || metric === 'authorityItemsExercised') {
    const all = authorityItemsOf(pack, subject);
    const codes = metric === 'authorityItems' ? [...all] : await exercisedItems(db, pack, subject, period);
    codes.sort();
    return {
      total: codes.length,
      rows: codes.slice(0, limit).map((code) => ({
        kind: 'authority-item',
        id: code,
        label: pack.items['authority-item'].get(code)?.name ?? code,
        detail: { zh: code, en: code },
      })),
    };
  }
  return { total: 0, rows: [] };
}

/** The enforcement subjects (organisations marked so) among the codes given, or all when none. */
export async function enforcementSubjects(db: Db, where?: SQL): Promise<MeasuredSubject[]> {
  const o = organisations;
  return db
    .select({ code: o.code, name: o.name, type: o.type, path: o.path })
    .from(o)
    .where(and(eq(o.enforcementSubject, true), where))
    .orderBy(asc(o.code));
}
