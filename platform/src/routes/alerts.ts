/**
 * 预警提醒 and 执法监督: the pack's alert rules evaluated over the open cases of the caller's
 * data scope (alert.read), answering the alerts addressed to the caller, or with `all=1` every
 * alert in scope (statistics.read: supervisors and heads); and the supervision summary
 * (statistics.read and alert.read): cases by state and overdue, alerts by level and by subject, and
 * each subject's metrics this year with the pack's subject alert rules on them. The scope is
 * applied in the query (storage/alerts.ts); permissions are checked here, on every request.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import { decisiveLeaves, type FiredAlert, type Lang, mark, renderLeaf } from '@yifa/rules';
import { addressedTo, CASE_OFFICERS, LEVELS, type ScannedCase, scanCases } from '../alerts/scan.ts';
import { type SubjectReport, subjectReports } from '../alerts/subjects.ts';
import { type Actor, requirePermission } from '../auth/access.ts';
import { caseCountsByState, casesToScan, subjectActivity } from '../storage/alerts.ts';
import { startOfLegalDay } from '../time.ts';
import { dayOf, stateOf } from './case-views.ts';
import { OK as ok, router } from './router.ts';

const AlertQuery = z
  .object({
    /** 1: every alert in scope, not only those addressed to me (statistics.read). */
    all: z.enum(['0', '1']).default('0'),
    level: z.enum(LEVELS).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .openapi('AlertQuery');

type Level = (typeof LEVELS)[number];
type LevelCounts = Record<Level, number> & { total: number };

const SPECIAL: Record<string, { zh: string; en: string }> = {
  [CASE_OFFICERS]: { zh: '承办执法人员', en: 'officers of the case' },
  'subject-head': { zh: '执法主体负责人', en: 'head of the subject' },
};

/** Counts by level, all zero. */
function noAlerts(): LevelCounts {
  return { red: 0, orange: 0, yellow: 0, blue: 0, total: 0 };
}

function countLevel(counts: LevelCounts, level: Level): void {
  counts[level] += 1;
  counts.total += 1;
}

/** A recipient as the API shows it: a role of the case's pack by its name, or one of the special recipients. */
function recipientView(pack: ResolvedPack, code: string) {
  const role = pack.items.role.get(code);
  const name = role ? { zh: role.name, en: role.nameEn ?? role.name } : (SPECIAL[code] ?? { zh: code, en: code });
  return { code, name };
}

/**
 * Why the alert fired: the deciding tests of its condition and of the level chosen (levels tried
 * and passed over are left out). A test of codes or a yes/no reads better as its label alone.
 */
function whyOf(alert: FiredAlert, lang: Lang): string {
  const lines = alert.evaluations
    .filter((e, i) => i === 0 || e.held !== false)
    .flatMap((e) => decisiveLeaves(e.trace))
    .map((leaf) =>
      leaf.conditionLabel && typeof leaf.expected !== 'number'
        ? `${leaf.conditionLabel} ${mark(leaf.held, lang)}`
        : renderLeaf(leaf, lang),
    );
  return [...new Set(lines)].join(lang === 'zh' ? '；' : '; ');
}

/** An alert as the API shows it: its rule, level, message, why it fired and whom it is for. */
function firedView(pack: ResolvedPack, alert: FiredAlert) {
  return {
    code: alert.code,
    name: alert.name,
    level: alert.level,
    message: alert.message,
    why: { zh: whyOf(alert, 'zh'), en: whyOf(alert, 'en') },
    recipients: alert.recipients.map((code) => recipientView(pack, code)),
  };
}

/** An alert on a case, with the case it is about and whom it is for. */
function alertView(s: ScannedCase, alert: FiredAlert, actor: Actor) {
  const { row, pack, snapshot } = s.loaded;
  const { matter, workflow, subject } = snapshot;
  return {
    ...firedView(pack, alert),
    addressedToMe: addressedTo(alert, row.officers, actor),
    case: {
      id: row.id,
      number: row.number,
      cause: matter.cause ?? matter.name,
      matter: { code: matter.code, name: matter.name, nameEn: matter.nameEn ?? null },
      state: stateOf(workflow, row.state),
      subject: { code: subject.code, name: subject.name },
      openedAt: row.openedAt,
    },
  };
}

/** The subjects of the scope with their metrics in the period and their subject alerts, most severe first. */
function subjectsView(pack: ResolvedPack, reports: readonly SubjectReport[]) {
  const worst = (r: SubjectReport) => Math.min(...r.fired.map((a) => LEVELS.indexOf(a.level)), LEVELS.length);
  return [...reports]
    .sort((a, b) => worst(a) - worst(b) || a.subject.code.localeCompare(b.subject.code))
    .map((r) => ({
      subject: r.subject,
      metrics: r.metrics,
      undetermined: r.undetermined,
      alerts: r.fired.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level)).map((a) => firedView(pack, a)),
    }));
}

/** Most severe first, then by case number. */
function bySeverity(la: Level, a: ScannedCase, lb: Level, b: ScannedCase): number {
  return LEVELS.indexOf(la) - LEVELS.indexOf(lb) || a.loaded.row.number.localeCompare(b.loaded.row.number);
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
      summary: '预警提醒 / alerts addressed to me (all=1: every alert in my scope)',
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
      const today = dayOf(s.now());
      const open = await casesToScan(s.db, actor, scope, (await s.packs.active()).pack);
      const scanned = await scanCases(s.db, s.packs, open.cases, today);
      const mine = scanned.flatMap((sc) =>
        sc.fired.filter((a) => all || addressedTo(a, sc.loaded.row.officers, actor)).map((alert) => ({ sc, alert })),
      );
      const counts = noAlerts();
      for (const { alert } of mine) countLevel(counts, alert.level);
      const items = mine
        .filter(({ alert }) => !query.level || alert.level === query.level)
        .sort((a, b) => bySeverity(a.alert.level, a.sc, b.alert.level, b.sc))
        .slice(0, query.limit)
        .map(({ sc, alert }) => alertView(sc, alert, actor));
      return c.json({
        today,
        all,
        scope,
        scanned: scanned.length,
        truncated: open.truncated,
        counts,
        items,
      });
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
      // The period of the subject metrics: this year to date (legal dates).
      const since = `${today.slice(0, 4)}-01-01`;
      const activity = await subjectActivity(s.db, actor, scope, startOfLegalDay(since).toISOString(), today);
      return c.json({
        today,
        scope,
        scanned: scanned.length,
        truncated: open.truncated,
        ...summaryOf(scanned, counts, pack),
        period: { from: since, to: today },
        subjectMetrics: subjectsView(pack, subjectReports(pack, activity, today)),
      });
    },
  );
  return r;
}
