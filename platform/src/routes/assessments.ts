/**
 * 考核评议: the active pack's assessment schemes; a run of one over a period (assessment.run),
 * measured from recorded data, scored, graded and ranked (assessment/*); reading a run
 * (assessment.read: the reader's scope is a condition on the result rows — a subject's head sees
 * its own subjects' scores and why, the centre every subject and the ranking); publishing, which
 * freezes it (assessment.publish); and the rows a metric counted for a subject, from the same
 * condition its count used (the explanation's drill-down to the cases).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AssessmentScheme, ResolvedPack } from '@yifa/metamodel';
import { platformMetric } from '@yifa/metamodel';
import { countedRows, MEASURABLE, type Period } from '../assessment/measure.ts';
import { computeRun, listRuns, publishRun, type RunSummary, readRun, readSubjectResult } from '../assessment/runs.ts';
import { excludedIndicators } from '../assessment/score.ts';
import { requirePermission } from '../auth/access.ts';
import type { AssessmentRunRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { FieldProblem } from '../validation.ts';
import { dayOf } from './case-views.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const SchemeParam = z.object({ scheme: z.string().min(1).max(100) }).openapi('AssessmentSchemeParam');
const RunParam = z.object({ id: z.string().min(1).max(100) }).openapi('AssessmentRunId');
const DrillParam = z
  .object({
    id: z.string().min(1).max(100),
    subject: z.string().min(1).max(100),
    metric: z.string().min(1).max(60),
  })
  .openapi('AssessmentDrill');
const RunInput = z.object({ from: z.iso.date(), to: z.iso.date() }).strict().openapi('AssessmentRunInput');
const RunsQuery = z.object({ scheme: z.string().min(1).max(100).optional() }).openapi('AssessmentRunsQuery');

/** The longest period one run measures. */
const MAX_DAYS = 366;

const invalid = (problems: FieldProblem[]) =>
  new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);

function schemeOf(pack: ResolvedPack, code: string): AssessmentScheme {
  const scheme = pack.items.assessment.get(code);
  if (!scheme)
    throw new AppError(
      'not-found',
      { scheme: code },
      { zh: `当前配置包没有考核方案 ${code}`, en: `the active pack has no assessment scheme ${code}` },
    );
  return scheme;
}

/** The period, checked: from ≤ to, at most a year, not before the scheme takes effect. */
function checkPeriod(scheme: AssessmentScheme, p: Period): void {
  const problems: FieldProblem[] = [];
  const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1;
  if (days < 1)
    problems.push({
      path: '/to',
      code: 'period-reversed',
      message: {
        zh: `考核期间的结束日 ${p.to} 早于开始日 ${p.from}`,
        en: `the period ends (${p.to}) before it starts (${p.from})`,
      },
    });
  else if (days > MAX_DAYS)
    problems.push({
      path: '/to',
      code: 'period-too-long',
      message: {
        zh: `考核期间最长 ${MAX_DAYS} 天，所选为 ${days} 天`,
        en: `a period is at most ${MAX_DAYS} days; this one is ${days}`,
      },
    });
  if (scheme.effectiveFrom && p.from < scheme.effectiveFrom)
    problems.push({
      path: '/from',
      code: 'before-scheme',
      message: {
        zh: `考核方案“${scheme.name}”自 ${scheme.effectiveFrom} 起施行，考核期间不能早于该日`,
        en: `the scheme "${scheme.nameEn ?? scheme.name}" applies from ${scheme.effectiveFrom}; the period cannot start before it`,
      },
    });
  if (problems.length) throw invalid(problems);
}

function runView(run: AssessmentRunRow) {
  return {
    id: run.id,
    scheme: run.schemeCode,
    packHash: run.packHash,
    period: { from: run.periodFrom, to: run.periodTo },
    asOf: run.asOf,
    status: run.status,
    computedAt: run.computedAt,
    computedBy: run.computedBy,
    publishedAt: run.publishedAt,
    publishedBy: run.publishedBy,
    summary: run.summary as RunSummary,
  };
}

/** The platform metrics' labels, for the page's explanation. */
const metricLabels = () =>
  Object.fromEntries(
    MEASURABLE.map((m) => {
      const info = platformMetric(m);
      return [m, { zh: info?.label ?? m, en: info?.labelEn ?? m, unit: info?.unit ?? '' }];
    }),
  );

/** The assessment routes. */
export function assessmentRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/assessments/schemes',
      tags: ['assessments'],
      summary: '考核方案 / the active pack’s assessment schemes, with the indicators not measurable yet',
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'assessment.read');
      const { pack } = await c.get('services').packs.active();
      const items = [...pack.items.assessment.values()].map((s) => ({
        code: s.code,
        name: s.name,
        nameEn: s.nameEn ?? s.name,
        period: s.period,
        effectiveFrom: s.effectiveFrom ?? null,
        indicators: s.indicators.map((i) => ({
          code: i.code,
          name: i.name,
          nameEn: i.nameEn ?? i.name,
          weight: i.weight,
        })),
        excluded: excludedIndicators(s),
      }));
      return c.json({ items, metrics: metricLabels() });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/assessments/{scheme}/runs',
      tags: ['assessments'],
      summary: '计算考核 / compute a run of the scheme over a period (a draft)',
      request: { params: SchemeParam, body: json(RunInput) },
      responses: { 201: { description: 'Created / 已计算' } },
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'assessment.run');
      const { scheme: code } = c.req.valid('param');
      const period = c.req.valid('json');
      const { pack, hash } = await s.packs.active();
      const scheme = schemeOf(pack, code);
      checkPeriod(scheme, period);
      const now = s.now();
      const today = dayOf(now);
      // Dates compare as strings (YYYY-MM-DD): the earlier of the period's end and today.
      const asOf = [period.to, today].sort()[0] as string;
      const run = await computeRun(s.db, {
        actor,
        scope,
        pack,
        packHash: hash,
        scheme,
        period,
        asOf,
        at: now.toISOString(),
      });
      return c.json(runView(run), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/assessments/runs',
      tags: ['assessments'],
      summary: '考核计算记录 / the latest runs',
      request: { query: RunsQuery },
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'assessment.read');
      const { scheme } = c.req.valid('query');
      const runs = await listRuns(c.get('services').db, scheme);
      return c.json({ items: runs.map(runView) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/assessments/runs/{id}',
      tags: ['assessments'],
      summary:
        '考核结果 / a run: the subjects in the reader’s scope with scores, grades, explanations (and the ranking for the centre)',
      request: { params: RunParam },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const scope = requirePermission(actor, 'assessment.read');
      const { run, results } = await readRun(c.get('services').db, actor, scope, c.req.valid('param').id);
      // The ranking among all subjects is the centre's; others see their subjects' scores and why.
      const ranked = scope === 'all';
      return c.json({
        ...runView(run),
        ranked,
        metrics: metricLabels(),
        results: results.map(({ rank, ...rest }) => (ranked ? { rank, ...rest } : rest)),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/assessments/runs/{id}/publish',
      tags: ['assessments'],
      summary: '发布考核结果 / publish a run: it is frozen from then on',
      request: { params: RunParam },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      requirePermission(actor, 'assessment.publish');
      const run = await publishRun(s.db, actor, c.req.valid('param').id, s.now().toISOString());
      return c.json(runView(run));
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/assessments/runs/{id}/subjects/{subject}/metrics/{metric}',
      tags: ['assessments'],
      summary:
        '指标明细 / the cases, officers, authority items or case sources a metric counted for a subject in the run’s period',
      request: { params: DrillParam },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'assessment.read');
      const { id, subject, metric } = c.req.valid('param');
      const { run, result } = await readSubjectResult(s.db, actor, scope, id, subject);
      if (!MEASURABLE.includes(metric) || !(metric in result.metrics))
        throw new AppError(
          'not-found',
          { metric },
          { zh: `本次考核没有计量指标 ${metric}`, en: `this run did not measure ${metric}` },
        );
      const pack = await s.packs.byHash(run.packHash);
      const counted = await countedRows(
        s.db,
        pack,
        result.subject,
        { from: run.periodFrom, to: run.periodTo },
        run.asOf,
        metric,
      );
      const frozen = result.metrics[metric] ?? 0;
      return c.json({
        run: run.id,
        subject: result.subject,
        metric,
        period: { from: run.periodFrom, to: run.periodTo },
        value: frozen,
        // The rows are read now; when the records changed since the run, the count says so.
        total: counted.total,
        changedSinceRun: counted.total !== frozen,
        rows: counted.rows,
      });
    },
  );

  return r;
}
