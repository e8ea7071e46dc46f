/**
 * 预警 and 执法监督. The alert board reads stored alerts (alerts/board.ts: raised after every case
 * event and by the scheduler, never recomputed here): those addressed to the caller within the
 * data scope of `alert.read`, or with `all=1` every alert in that scope (statistics.read),
 * filtered, sorted and paged in SQL; the unread count for the bell; one alert; marking it read
 * and handling it with a note, both audited. The supervision summary (statistics.read and
 * alert.read) counts cases by state and overdue, alerts by level and by subject, and each
 * subject's metrics this year with the pack's subject alert rules on them. Permissions are
 * checked here, on every request; the scope is applied in the query.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import {
  type BoardRow,
  boardAlert,
  boardPage,
  handleAlert,
  markRead,
  SORTS,
  STATUS_FILTERS,
  unreadCount,
  userNames,
} from '../alerts/board.ts';
import { LEVELS, type Level } from '../alerts/explain.ts';
import { type ScannedCase, scanCases } from '../alerts/scan.ts';
import { type SubjectReport, subjectReports } from '../alerts/subjects.ts';
import { boardView, firedView, namedUsers } from '../alerts/view.ts';
import { type Actor, requirePermission, scopeFor } from '../auth/access.ts';
import type { Services } from '../context.ts';
import { organisations } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { caseCountsByState, casesToScan } from '../storage/alerts.ts';
import { scopeValues, subjectCondition } from '../storage/scope.ts';
import { plainText } from '../validation.ts';
import { dayOf, stateOf } from './case-views.ts';
import { jsonBody, OK as ok, router } from './router.ts';

const AlertQuery = z
  .object({
    /** 1: every alert in my scope, not only those addressed to me (statistics.read). */
    all: z.enum(['0', '1']).default('0'),
    status: z.enum(STATUS_FILTERS).default('open'),
    level: z.enum(LEVELS).optional(),
    rule: z.string().min(1).max(100).optional(),
    case: z.string().min(1).max(100).optional(),
    /** Alerts on cases, or on enforcement subjects (零参与, 零履职 …); both when absent. */
    kind: z.enum(['case', 'subject']).optional(),
    sort: z.enum(SORTS).default('severity'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .openapi('AlertQuery');
const AlertId = z.object({ id: z.string().min(1).max(100) }).openapi('AlertId');
const HandleInput = z
  .object({
    /** What was done about it (required). */
    note: plainText(z.string().trim().min(1).max(2000)),
  })
  .strict()
  .openapi('AlertHandling');

type LevelCounts = Record<Level, number> & { total: number };

/** Counts by level, all zero. */
function noAlerts(): LevelCounts {
  return { red: 0, orange: 0, yellow: 0, blue: 0, total: 0 };
}

function countLevel(counts: LevelCounts, level: Level): void {
  counts[level] += 1;
  counts.total += 1;
}

/** Views of board rows, naming the users who read or handled them. */
async function viewsOf(s: Services, rows: readonly BoardRow[]) {
  const names = await userNames(s.db, namedUsers(rows));
  return Promise.all(rows.map((r) => boardView(r, s.packs, names)));
}

/**
 * One alert the actor may see and act on: in the scope of their `alert.read`, and addressed to
 * them or their roles unless they read every alert in their scope (statistics.read). Otherwise
 * not found, as if it did not exist.
 */
async function alertFor(s: Services, actor: Actor, id: string): Promise<BoardRow> {
  const scope = requirePermission(actor, 'alert.read');
  const row = await boardAlert(s.db, actor, scope, id);
  if (!row.addressed && !scopeFor(actor, 'statistics.read')) throw new AppError('not-found', { alert: id });
  return row;
}

/** The subjects of the scope with their metrics in the period and their subject alerts, most severe first. */
function subjectsView(pack: ResolvedPack, reports: readonly SubjectReport[]) {
  const worst = (r: SubjectReport) => Math.min(...r.fired.map((a) => LEVELS.indexOf(a.level)), LEVELS.length);
  return [...reports]
    .sort((a, b) => worst(a) - worst(b) || a.subject.code.localeCompare(b.subject.code))
    .map((r) => ({
      subject: { code: r.subject.code, name: r.subject.name },
      metrics: r.metrics,
      undetermined: r.undetermined,
      alerts: r.fired.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level)).map((a) => firedView(pack, a)),
    }));
}

/** The supervision summary of scanned cases and the state counts of the scope. */
function summaryOf(
  scanned: readonly ScannedCase[],
  counts: Awaited<ReturnType<typeof caseCountsByState>>,
  active: ResolvedPack,
) {
  const alerts = noAlerts();
  const subjects = new Map<
    string,
    { subject: { code: string; name: string }; open: number; overdue: number; alerts: LevelCounts }
  >();
  const overdueIn = new Map<string, number>();
  let undetermined = 0;
  for (const s of scanned) {
    const { subject, workflow } = s.loaded.snapshot;
    let entry = subjects.get(subject.code);
    if (!entry) {
      entry = { subject: { code: subject.code, name: subject.name }, open: 0, overdue: 0, alerts: noAlerts() };
      subjects.set(subject.code, entry);
    }
    // A closed case is scanned only for the rules that judge closed cases (includeClosed).
    if (!s.loaded.row.closedAt) entry.open += 1;
    undetermined += s.undetermined;
    if (s.overdue) {
      entry.overdue += 1;
      const key = `${workflow.code}\u0000${s.loaded.row.state}`;
      overdueIn.set(key, (overdueIn.get(key) ?? 0) + 1);
    }
    for (const a of s.fired) {
      countLevel(alerts, a.level);
      countLevel(entry.alerts, a.level);
    }
  }
  const order = (workflow: string, state: string) =>
    active.items.workflow.get(workflow)?.states.findIndex((x) => x.code === state) ?? -1;
  const sorted = [...counts].sort(
    (a, b) => a.workflow.localeCompare(b.workflow) || order(a.workflow, a.state) - order(b.workflow, b.state),
  );
  const byState = sorted.map((c) => {
    const workflow = active.items.workflow.get(c.workflow);
    return {
      workflow: { code: c.workflow, name: workflow?.name ?? c.workflow, nameEn: workflow?.nameEn ?? null },
      state: workflow ? stateOf(workflow, c.state) : { code: c.state, name: c.state, kind: 'normal', terminal: false },
      total: c.total,
      open: c.open,
      overdue: overdueIn.get(`${c.workflow}\u0000${c.state}`) ?? 0,
    };
  });
  return {
    cases: {
      total: counts.reduce((n, c) => n + c.total, 0),
      open: counts.reduce((n, c) => n + c.open, 0),
      overdue: scanned.filter((s) => s.overdue).length,
      byState,
    },
    alerts: { ...alerts, undetermined },
    subjects: [...subjects.values()].sort(
      (a, b) =>
        b.alerts.red - a.alerts.red || b.alerts.total - a.alerts.total || a.subject.code.localeCompare(b.subject.code),
    ),
  };
}

/** The alert and supervision routes, mounted at /api/v1. */
export function alertRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      tags: ['alerts'],
      summary: '预警提醒 / alerts addressed to me (all=1: every alert in my scope), filtered, sorted and paged',
      request: { query: AlertQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const query = c.req.valid('query');
      const scope = requirePermission(actor, 'alert.read');
      const all = query.all === '1';
      if (all) requirePermission(actor, 'statistics.read');
      const page = await boardPage(s.db, actor, {
        scope,
        mine: !all,
        status: query.status,
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
        ...(query.level ? { level: query.level } : {}),
        ...(query.rule ? { rule: query.rule } : {}),
        ...(query.case ? { caseId: query.case } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      });
      return c.json({
        today: dayOf(s.now()),
        all,
        scope,
        total: page.total,
        limit: query.limit,
        offset: query.offset,
        counts: page.counts,
        items: await viewsOf(s, page.rows),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/unread-count',
      tags: ['alerts'],
      summary: '未读预警数 / how many alerts addressed to me no one has read yet (the bell)',
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'alert.read');
      return c.json({ unread: await unreadCount(s.db, actor, scope) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}',
      tags: ['alerts'],
      summary: '一条预警 / one alert with its explanation and history',
      request: { params: AlertId },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const row = await alertFor(s, c.get('actor'), c.req.valid('param').id);
      const [view] = await viewsOf(s, [row]);
      return c.json(view);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/read',
      tags: ['alerts'],
      summary: '标记已读 / mark an alert read',
      request: { params: AlertId },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const row = await alertFor(s, actor, id);
      await markRead(s.db, actor, row.alert, s.now().toISOString());
      const [view] = await viewsOf(s, [await alertFor(s, actor, id)]);
      return c.json(view);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/handle',
      tags: ['alerts'],
      summary: '处理预警 / record how an alert was handled (a note is required)',
      request: { params: AlertId, body: jsonBody(HandleInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const row = await alertFor(s, actor, id);
      await handleAlert(s.db, actor, row.alert, c.req.valid('json').note, s.now().toISOString());
      const [view] = await viewsOf(s, [await alertFor(s, actor, id)]);
      return c.json(view);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/supervision/summary',
      tags: ['alerts'],
      summary:
        '执法监督概况 / supervision summary: cases by state and overdue, alerts by level and subject, subject metrics and alerts (零参与、零履职) this year',
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const scope = requirePermission(actor, 'statistics.read');
      requirePermission(actor, 'alert.read');
      const today = dayOf(s.now());
      const open = await casesToScan(s.db, actor, scope, (await s.packs.active()).pack);
      const scanned = await scanCases(s.db, s.packs, open.cases, today);
      const counts = await caseCountsByState(s.db, actor, scope);
      const { pack } = await s.packs.active();
      // The period of the subject metrics: this year to date (legal dates); none for `own`.
      const since = `${today.slice(0, 4)}-01-01`;
      const reports =
        scope === 'own'
          ? []
          : await subjectReports(
              s.db,
              pack,
              scope === 'all' ? undefined : subjectCondition(scope, scopeValues(actor), organisations),
              today,
            );
      return c.json({
        today,
        scope,
        scanned: scanned.length,
        truncated: open.truncated,
        ...summaryOf(scanned, counts, pack),
        period: { from: since, to: today },
        subjectMetrics: subjectsView(pack, reports),
      });
    },
  );
  return r;
}
