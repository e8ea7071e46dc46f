/**
 * Stored alerts kept in step with the rules: given what the rules say now about some cases or
 * subjects (fired, undecided), raise the alerts that are new, refresh the level, message and
 * explanation of those still holding, and close those whose condition cleared (or whose case
 * closed), all in one transaction with an audit event per alert raised, re-levelled or closed.
 * An undecided rule leaves its alert as it is: not knowing is not clearing. Recipients are
 * resolved when an alert is raised (recipients.ts).
 */
import { randomUUID } from 'node:crypto';
import type { ResolvedPack } from '@yifa/metamodel';
import type { FiredAlert } from '@yifa/rules';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { type AlertRow, alertChecks, alertRecipients, alerts } from '../db/schema.ts';
import { LEVELS, whyBoth } from './explain.ts';
import { createRecipientResolver } from './recipients.ts';

/** Who the audit chain names for alerts the platform raises and closes. */
export const ALERT_SYSTEM_ACTOR = 'system:alerts';

/** What the rules say now about one case or one subject. */
export interface Judgement {
  /** A case (by id) or an enforcement subject (by organisation code). */
  target:
    | {
        kind: 'case';
        caseId: string;
        officers: readonly string[];
        closed: boolean;
        /** Whether the scheduler keeps judging it: open, or closed under an includeClosed rule of its pack. */
        watched: boolean;
      }
    | { kind: 'subject' };
  /** The legal date it was judged on. */
  judgedOn: string;
  subjectOrg: string;
  subjectPath: string;
  /** The pack whose rules judged it. */
  pack: ResolvedPack;
  packHash: string;
  fired: readonly FiredAlert[];
  /** Codes of the rules that could not be decided (their alerts stay as they are). */
  undetermined: ReadonlySet<string>;
}

/** What a reconciliation changed. */
export interface Reconciled {
  raised: number;
  updated: number;
  closed: number;
}

/** The key of an alert: its rule and what it is about. */
export function alertKey(rule: string, j: Pick<Judgement, 'target' | 'subjectOrg'>): string {
  return j.target.kind === 'case' ? `${rule}:case:${j.target.caseId}` : `${rule}:subject:${j.subjectOrg}`;
}

/**
 * One case's open alerts and its check in one statement, prepared once per database (a write
 * judges one case): a row for the case joined to its check and to each open alert, so there is
 * one row even when it has neither. Run right after the write's COMMIT, each statement reads its
 * pages afresh, so one statement instead of two saves a share of the alerts' cost.
 */
type OneCase = {
  all(values: { id: string }): Promise<{ check: typeof alertChecks.$inferSelect | null; alert: AlertRow | null }[]>;
};
const oneCase = new WeakMap<Db, OneCase>();
function oneCaseRead(db: Db): OneCase {
  let q = oneCase.get(db);
  if (!q) {
    const k = sql.raw('k');
    q = db
      .select({ check: alertChecks, alert: alerts })
      .from(sql`(SELECT ${sql.placeholder('id')} AS id) AS ${k}`)
      .leftJoin(alertChecks, sql`${alertChecks.caseId} = ${k}.id`)
      .leftJoin(alerts, and(sql`${alerts.caseId} = ${k}.id`, ne(alerts.status, 'closed')))
      .prepare() as unknown as OneCase;
    oneCase.set(db, q);
  }
  return q;
}

/** What reconcileAlerts reads first: the open alerts and the checks of the judged cases and subjects. */
async function storedOf(db: Db, judged: readonly Judgement[]) {
  const ids = caseIdsOf(judged);
  if (ids.length !== 1 || judged.length !== 1)
    return { open: await openAlertsOf(db, judged), checks: await checksOf(db, judged) };
  const rows = await oneCaseRead(db).all({ id: ids[0] as string });
  const check = rows[0]?.check;
  return {
    open: new Map(rows.flatMap((r) => (r.alert ? [[r.alert.key, r.alert] as const] : []))),
    checks: new Map(check ? [[check.caseId, check]] : []),
  };
}

/** The ids of the judged cases. */
const caseIdsOf = (judged: readonly Judgement[]) =>
  judged.flatMap((j) => (j.target.kind === 'case' ? [j.target.caseId] : []));

/** The open (not closed) alerts of the judged cases and subjects, by key. */
async function openAlertsOf(db: Db, judged: readonly Judgement[]): Promise<Map<string, AlertRow>> {
  const caseIds = caseIdsOf(judged);
  const subjects = judged.flatMap((j) => (j.target.kind === 'subject' ? [j.subjectOrg] : []));
  const rows: AlertRow[] = [];
  if (caseIds.length)
    rows.push(
      ...(await db
        .select()
        .from(alerts)
        .where(and(inArray(alerts.caseId, caseIds), ne(alerts.status, 'closed')))),
    );
  if (subjects.length)
    rows.push(
      ...(await db
        .select()
        .from(alerts)
        .where(and(isNull(alerts.caseId), inArray(alerts.subjectOrg, subjects), ne(alerts.status, 'closed')))),
    );
  return new Map(rows.map((r) => [r.key, r]));
}

/** When the judged cases were last checked, by case id. */
async function checksOf(db: Db, judged: readonly Judgement[]) {
  const caseIds = caseIdsOf(judged);
  const rows = caseIds.length ? await db.select().from(alertChecks).where(inArray(alertChecks.caseId, caseIds)) : [];
  return new Map(rows.map((r) => [r.caseId, r]));
}

const sameText = (a: { zh: string; en: string }, b: { zh: string; en: string }) => a.zh === b.zh && a.en === b.en;

/**
 * Brings the stored alerts of the judged cases and subjects in line with the judgements, at `at`
 * (ISO instant). Raising twice is harmless: the open key is unique, and a concurrent raise of
 * the same alert is skipped.
 */
export async function reconcileAlerts(db: Db, judged: readonly Judgement[], at: string): Promise<Reconciled> {
  const out: Reconciled = { raised: 0, updated: 0, closed: 0 };
  if (judged.length === 0) return out;
  const { open, checks } = await storedOf(db, judged);
  const resolve = createRecipientResolver(db);
  type Raise = { row: typeof alerts.$inferInsert; recipients: string[] };
  const raises: Raise[] = [];
  const updates: { row: AlertRow; set: Partial<AlertRow> }[] = [];
  const closes: { row: AlertRow; why: 'cleared' | 'case-closed' }[] = [];
  for (const j of judged) {
    const keys = new Set<string>();
    for (const f of j.fired) {
      const key = alertKey(f.code, j);
      keys.add(key);
      const why = whyBoth(f);
      const existing = open.get(key);
      if (existing) {
        if (existing.level !== f.level || !sameText(existing.message, f.message) || !sameText(existing.why, why))
          updates.push({
            row: existing,
            set: { level: f.level, severity: LEVELS.indexOf(f.level), message: f.message, why, updatedAt: at },
          });
        continue;
      }
      raises.push({
        row: {
          id: randomUUID(),
          ruleCode: f.code,
          key,
          caseId: j.target.kind === 'case' ? j.target.caseId : null,
          subjectOrg: j.subjectOrg,
          subjectPath: j.subjectPath,
          packHash: j.packHash,
          level: f.level,
          severity: LEVELS.indexOf(f.level),
          name: f.name,
          message: f.message,
          why,
          notify: f.recipients,
          status: 'raised',
          raisedAt: at,
          updatedAt: at,
        },
        recipients: await resolve(f.recipients, j),
      });
    }
    // Open alerts of this case or subject that no longer fire, unless their rule went undecided.
    const prefix = j.target.kind === 'case' ? `:case:${j.target.caseId}` : `:subject:${j.subjectOrg}`;
    for (const row of open.values()) {
      if (!row.key.endsWith(prefix) || keys.has(row.key) || j.undetermined.has(row.ruleCode)) continue;
      closes.push({ row, why: j.target.kind === 'case' && j.target.closed ? 'case-closed' : 'cleared' });
    }
  }
  // Each case judged is recorded as checked on its day (and whether it stays watched), once a day.
  const checked = judged.flatMap((j) => {
    if (j.target.kind !== 'case') return [];
    const known = checks.get(j.target.caseId);
    return known?.checkedOn === j.judgedOn && known.watched === j.target.watched
      ? []
      : [{ caseId: j.target.caseId, checkedOn: j.judgedOn, watched: j.target.watched }];
  });
  if (raises.length + updates.length + closes.length + checked.length === 0) return out;
  await db.transaction(async (tx) => {
    for (const c of checked)
      await tx
        .insert(alertChecks)
        .values(c)
        .onConflictDoUpdate({ target: alertChecks.caseId, set: { checkedOn: c.checkedOn, watched: c.watched } });
    for (const r of raises) {
      const inserted = await tx.insert(alerts).values(r.row).onConflictDoNothing().returning({ id: alerts.id });
      if (inserted.length === 0) continue;
      if (r.recipients.length)
        await tx
          .insert(alertRecipients)
          .values(r.recipients.map((recipient) => ({ recipient, alertId: r.row.id as string })))
          .onConflictDoNothing();
      await appendEvent(
        tx,
        {
          actor: ALERT_SYSTEM_ACTOR,
          action: 'alert.raise',
          caseId: r.row.caseId ?? null,
          target: r.row.id,
          after: { rule: r.row.ruleCode, level: r.row.level, subject: r.row.subjectOrg, recipients: r.recipients },
        },
        at,
      );
      out.raised += 1;
    }
    for (const u of updates) {
      await tx.update(alerts).set(u.set).where(eq(alerts.id, u.row.id));
      if (u.set.level !== u.row.level)
        await appendEvent(
          tx,
          {
            actor: ALERT_SYSTEM_ACTOR,
            action: 'alert.level',
            caseId: u.row.caseId,
            target: u.row.id,
            before: { level: u.row.level },
            after: { level: u.set.level },
          },
          at,
        );
      out.updated += 1;
    }
    for (const c of closes) {
      const done = await tx
        .update(alerts)
        .set({ status: 'closed', closedAt: at, closedWhy: c.why })
        .where(and(eq(alerts.id, c.row.id), ne(alerts.status, 'closed')))
        .returning({ id: alerts.id });
      if (done.length === 0) continue;
      await appendEvent(
        tx,
        {
          actor: ALERT_SYSTEM_ACTOR,
          action: 'alert.close',
          caseId: c.row.caseId,
          target: c.row.id,
          before: { status: c.row.status },
          after: { status: 'closed', why: c.why },
        },
        at,
      );
      out.closed += 1;
    }
  });
  return out;
}
