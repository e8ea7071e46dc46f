/**
 * Evaluates the alert rules on some cases or subjects and stores the outcome (store.ts): the
 * case rules of each case's pinned pack through the same scan the board's summary uses
 * (scan.ts), the subject rules of the active pack on each subject's metrics this year
 * (subjects.ts). Used after every committed case event (after-write.ts) and by the scheduler.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Services } from '../context.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases, organisations } from '../db/schema.ts';
import { closedTargets } from '../storage/alerts.ts';
import { type LoadedCase, loadCase, type Surroundings, surroundings } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';
import { scanCase } from './scan.ts';
import { type Judgement, type Reconciled, reconcileAlerts } from './store.ts';
import { subjectReports } from './subjects.ts';

/** The services an evaluation needs. */
export type AlertServices = Pick<Services, 'db' | 'packs' | 'now'>;

/** Whether a rule of the pack with includeClosed still judges a closed case of this matter and workflow. */
const targetsOf = new WeakMap<ResolvedPack, ReturnType<typeof closedTargets>>();
function judgesClosed(pack: ResolvedPack, matter: string, workflow: string): boolean {
  let t = targetsOf.get(pack);
  if (!t) {
    t = closedTargets(pack);
    targetsOf.set(pack, t);
  }
  return t.any || t.matters.includes(matter) || t.workflows.includes(workflow);
}

/** Judges read case rows (with their surroundings) by their case rules, at `today`. */
export async function judgeCases(
  packs: { byHash(hash: string): Promise<ResolvedPack> },
  db: Services['db'],
  rows: readonly WrittenCase[],
  today: string,
): Promise<Judgement[]> {
  const out: Judgement[] = [];
  for (const { c, around, loaded } of rows) {
    // As the write loaded it, when it did so for the same legal date (its snapshot is then the same).
    const known = loaded?.today === today ? loaded.loaded : undefined;
    const scanned = scanCase(known ?? (await loadCase(db, packs, c, today, around)), today);
    const closed = c.closedAt !== null;
    out.push({
      target: {
        kind: 'case',
        caseId: c.id,
        officers: c.officers,
        closed,
        watched: !closed || judgesClosed(scanned.loaded.pack, c.matterCode, c.workflowCode),
      },
      judgedOn: today,
      subjectOrg: c.subjectOrg,
      subjectPath: c.subjectPath,
      pack: scanned.loaded.pack,
      packHash: c.packHash,
      fired: scanned.fired,
      undetermined: new Set(scanned.undeterminedCodes),
    });
  }
  return out;
}

/** A case as a write left it, with what loadCase reads beside the row: judged without reading it again. */
export interface WrittenCase {
  c: CaseRow;
  around: Surroundings;
  /** What loadCase gives for it on `today`, when the write has it (then it is not loaded again that day). */
  loaded?: { today: string; loaded: LoadedCase };
}

/** One case with its surroundings by id, prepared once per database (a write judges one case). */
type PreparedOne = { get(values: { id: string }): Promise<({ c: CaseRow } & Surroundings) | undefined> };
const byId = new WeakMap<Db, PreparedOne>();
/** The cases by id with their surroundings, as the alerts read them (one case by a prepared query). */
export async function readCases(db: Db, ids: readonly string[]): Promise<WrittenCase[]> {
  if (ids.length === 0) return [];
  if (ids.length > 1) {
    const rows = await db
      .select({ c: cases, ...surroundings })
      .from(cases)
      .where(inArray(cases.id, [...ids]));
    return rows.map(({ c, ...around }) => ({ c, around }));
  }
  let q = byId.get(db);
  if (!q) {
    q = db
      .select({ c: cases, ...surroundings })
      .from(cases)
      .where(eq(cases.id, sql.placeholder('id')))
      .prepare() as unknown as PreparedOne;
    byId.set(db, q);
  }
  const row = await q.get({ id: ids[0] as string });
  if (!row) return [];
  const { c, ...around } = row;
  return [{ c, around }];
}

/**
 * Evaluates the case alert rules on these cases and stores the result. Cases in `written` are
 * judged as the write that just committed left them (a transition knows its row and surroundings),
 * the others are read.
 */
export async function evaluateCases(
  s: AlertServices,
  caseIds: readonly string[],
  written?: ReadonlyMap<string, WrittenCase>,
): Promise<Reconciled> {
  if (caseIds.length === 0) return { raised: 0, updated: 0, closed: 0 };
  const at = s.now();
  const known = caseIds.flatMap((id) => {
    const w = written?.get(id);
    return w ? [w] : [];
  });
  const read = await readCases(
    s.db,
    caseIds.filter((id) => !written?.has(id)),
  );
  const judged = await judgeCases(s.packs, s.db, [...known, ...read], localDate(at));
  return reconcileAlerts(s.db, judged, at.toISOString());
}

/**
 * Evaluates the active pack's subject alert rules on these enforcement subjects, on their
 * metrics this year to date (as the assessment measures them), and stores the result.
 */
export async function evaluateSubjects(s: AlertServices, codes: readonly string[]): Promise<Reconciled> {
  if (codes.length === 0) return { raised: 0, updated: 0, closed: 0 };
  const at = s.now();
  const { hash, pack } = await s.packs.active();
  const reports = await subjectReports(s.db, pack, inArray(organisations.code, [...codes]), localDate(at));
  const judged: Judgement[] = reports.map((r) => ({
    target: { kind: 'subject' },
    judgedOn: localDate(at),
    subjectOrg: r.subject.code,
    subjectPath: r.subject.path,
    pack,
    packHash: hash,
    fired: r.fired,
    undetermined: new Set(r.undeterminedCodes),
  }));
  return reconcileAlerts(s.db, judged, at.toISOString());
}
