/**
 * 公示 records (#16): publishing a case's issued decision, correcting a disclosure after the
 * decision was changed, withdrawing it after the decision was revoked (行政处罚法第四十八条), and
 * the reads behind the public pages. Each write is one transaction with its audit event. What is
 * published and how soon is pack data: the matter's `disclosure` (items, time limit, the state the
 * count starts from) and its workflow's `disclosure` (the document published, the days to withdraw
 * or correct). The record is the one truth of whether a case is disclosed: the rules' `disclosed`
 * fact is read from it (storage/snapshot.ts), never typed by hand.
 */
import { randomUUID } from 'node:crypto';
import { addCalendarDays } from '@yifa/engine';
import type { Matter, ResolvedPack, Workflow } from '@yifa/metamodel';
import { addWorkingDays } from '@yifa/rules';
import { and, type Column, desc, eq, gte, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, type DisclosureRow, disclosures, documents } from '../db/schema.ts';
import { maskPersonalText } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import { envOf } from '../storage/snapshot.ts';
import { legalDateOf } from '../time.ts';
import { disclosureContent, type IssuedDecision } from './content.ts';

type Duration = { days: number; kind: 'calendar' | 'working' };

/** A day `d.days` after `from` by the pack's calendars; null when a year it spans has no calendar. */
export function dayAfter(pack: ResolvedPack, from: string, d: Duration): string | null {
  if (d.kind === 'calendar') return addCalendarDays(from, d.days);
  const r = addWorkingDays(envOf(pack).calendar, from, d.days);
  return r.ok ? r.value : null;
}

/** What the pack says about disclosing a case's decision, or a 422 saying why it is not disclosed. */
export function disclosureRules(pack: ResolvedPack, row: Pick<CaseRow, 'matterCode' | 'workflowCode'>) {
  const matter = pack.items.matter.get(row.matterCode);
  const workflow = pack.items.workflow.get(row.workflowCode);
  const refuse = (zh: string, en: string) => {
    throw new AppError(
      'validation',
      { problems: [{ path: '/case', code: 'not-disclosed', message: { zh, en } }] },
      { zh, en },
    );
  };
  if (!matter?.disclosure)
    return refuse('本事项的决定不公示（配置包未规定公示）', 'the pack does not disclose the decisions of this matter');
  if (!workflow?.disclosure) return refuse('本流程未规定公示的文书', 'the workflow names no document to disclose');
  return {
    matter: matter as Matter & { disclosure: NonNullable<Matter['disclosure']> },
    workflow: workflow as Workflow & { disclosure: NonNullable<Workflow['disclosure']> },
  };
}

/** The day the time limit to publish runs out: the matter's `within` from entering its `from` state. */
export function publicationDue(pack: ResolvedPack, row: Pick<CaseRow, 'stateEntered'>, matter: Matter): string | null {
  const d = matter.disclosure;
  const entered = d ? row.stateEntered[d.from] : undefined;
  return d && entered ? dayAfter(pack, legalDateOf(entered), d.within) : null;
}

/** The latest issued version of the case's decision document, or a 422 naming it. */
async function issuedDecision(
  db: Pick<Db, 'select'>,
  caseId: string,
  form: { code: string; name: string; nameEn?: string },
) {
  const [doc] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.caseId, caseId), eq(documents.formCode, form.code), eq(documents.status, 'issued')))
    .orderBy(desc(documents.version))
    .limit(1);
  if (!doc?.number || !doc.issuedAt) {
    const zh = `《${form.name}》尚未签发，不能公示`;
    const en = `${form.nameEn ?? form.code} has not been issued; there is nothing to disclose`;
    throw new AppError(
      'validation',
      { problems: [{ path: '/case', code: 'decision-not-issued', message: { zh, en } }] },
      { zh, en },
    );
  }
  const decision: IssuedDecision = {
    number: doc.number,
    data: doc.data,
    citations: doc.printContext?.citations ?? {},
    issuedOn: legalDateOf(doc.issuedAt),
  };
  return { id: doc.id, decision };
}

/** The disclosure record of a case, if any. */
export async function disclosureOf(db: Pick<Db, 'select'>, caseId: string): Promise<DisclosureRow | undefined> {
  const [row] = await db.select().from(disclosures).where(eq(disclosures.caseId, caseId)).limit(1);
  return row;
}

/** What publishing needs, already checked: the case, its pinned pack, who and when. */
export interface Publication {
  row: CaseRow;
  pack: ResolvedPack;
  actorId: string;
  at: string;
}

const itemValue = (items: DisclosureRow['content'], key: string) => items.find((i) => i.key === key)?.value;

/** Publishes a case's issued decision: one record, its content masked, and 'disclosure.publish' audited. */
export async function publishDecision(db: Db, p: Publication): Promise<DisclosureRow> {
  const { matter, workflow } = disclosureRules(p.pack, p.row);
  const form = p.pack.items.document.get(workflow.disclosure.document);
  if (!form) throw new AppError('internal', { document: workflow.disclosure.document });
  return db.transaction(async (tx) => {
    const existing = await disclosureOf(tx, p.row.id);
    if (existing) {
      const zh = `本案的决定已于${existing.publishedOn}公示${existing.state === 'withdrawn' ? '，并已撤回' : ''}`;
      const en = `the decision was disclosed on ${existing.publishedOn}${existing.state === 'withdrawn' ? ' and withdrawn since' : ''}`;
      throw new AppError(
        'validation',
        { problems: [{ path: '/case', code: 'already-disclosed', message: { zh, en } }] },
        { zh, en },
      );
    }
    const { id: documentId, decision } = await issuedDecision(tx, p.row.id, form);
    const content = disclosureContent({ matter, party: p.row.party, decision });
    const publishedOn = legalDateOf(p.at);
    const dueOn = publicationDue(p.pack, p.row, matter);
    const [row] = await tx
      .insert(disclosures)
      .values({
        id: randomUUID(),
        caseId: p.row.id,
        documentId,
        subjectOrg: p.row.subjectOrg,
        subjectPath: p.row.subjectPath,
        state: 'published',
        documentNumber: decision.number,
        partyName: p.row.party.name,
        authority: typeof decision.data.orgName === 'string' ? decision.data.orgName : p.row.subjectOrg,
        decidedOn: itemValue(content, '决定日期') ?? decision.issuedOn,
        dueOn,
        publishedOn,
        publishedAt: p.at,
        publishedBy: p.actorId,
        content,
      })
      .returning();
    if (!row) throw new AppError('internal', { case: p.row.id });
    await appendEvent(
      tx,
      {
        actor: p.actorId,
        action: 'disclosure.publish',
        caseId: p.row.id,
        target: row.id,
        after: {
          documentNumber: decision.number,
          publishedOn,
          dueOn,
          late: dueOn !== null && publishedOn > dueOn,
          content,
        },
      },
      p.at,
    );
    return row;
  });
}

/** A correction or a withdrawal, already checked. */
export interface Change {
  row: CaseRow;
  pack: ResolvedPack;
  kind: 'correct' | 'withdraw';
  reason: string;
  /** The case (复议, 应诉) whose outcome changed or revoked the decision, checked to link to this one. */
  cause: { id: string; number: string } | null;
  /** The day the decision was changed or revoked: the workflow's days to act count from it. */
  changedOn: string | null;
  version: number;
  actorId: string;
  at: string;
}

/**
 * Corrects a disclosure (its content read again from the latest issued decision, a corrected
 * version) or withdraws it, with the reason (masked of personal data) and its audit event; the
 * record must be shown (not withdrawn) and at `version`.
 */
export async function changeDisclosure(db: Db, w: Change): Promise<DisclosureRow> {
  const { matter, workflow } = disclosureRules(w.pack, w.row);
  const limit =
    w.kind === 'withdraw'
      ? workflow.disclosure.withdrawWithin
      : (workflow.disclosure.correctWithin ?? workflow.disclosure.withdrawWithin);
  return db.transaction(async (tx) => {
    const current = await disclosureOf(tx, w.row.id);
    if (!current) {
      const zh = '本案的决定尚未公示';
      const en = 'the decision has not been disclosed';
      throw new AppError(
        'validation',
        { problems: [{ path: '/case', code: 'not-published', message: { zh, en } }] },
        { zh, en },
      );
    }
    if (current.state === 'withdrawn') {
      const zh = `公示已于${current.changedOn}撤回`;
      const en = `the disclosure was withdrawn on ${current.changedOn}`;
      throw new AppError(
        'validation',
        { problems: [{ path: '/case', code: 'already-withdrawn', message: { zh, en } }] },
        { zh, en },
      );
    }
    if (current.version !== w.version)
      throw new AppError('conflict', { disclosure: current.id, currentVersion: current.version });
    let content = current.content;
    let documentId = current.documentId;
    let documentNumber = current.documentNumber;
    if (w.kind === 'correct') {
      const form = w.pack.items.document.get(workflow.disclosure.document);
      if (!form) throw new AppError('internal', { document: workflow.disclosure.document });
      const issued = await issuedDecision(tx, w.row.id, form);
      content = disclosureContent({ matter, party: w.row.party, decision: issued.decision });
      documentId = issued.id;
      documentNumber = issued.decision.number;
    }
    const changedOn = legalDateOf(w.at);
    const dueOn = w.changedOn ? dayAfter(w.pack, w.changedOn, limit) : null;
    const reason = maskPersonalText(w.reason);
    const [row] = await tx
      .update(disclosures)
      .set({
        state: w.kind === 'withdraw' ? 'withdrawn' : 'corrected',
        content,
        documentId,
        documentNumber,
        reason,
        changedAt: w.at,
        changedOn,
        changedBy: w.actorId,
        causeCaseId: w.cause?.id ?? null,
        version: sql`${disclosures.version} + 1`,
      })
      .where(and(eq(disclosures.id, current.id), eq(disclosures.version, w.version)))
      .returning();
    if (!row) throw new AppError('conflict', { disclosure: current.id });
    await appendEvent(
      tx,
      {
        actor: w.actorId,
        action: w.kind === 'withdraw' ? 'disclosure.withdraw' : 'disclosure.correct',
        caseId: w.row.id,
        target: row.id,
        before: { state: current.state, documentNumber: current.documentNumber },
        after: {
          state: row.state,
          documentNumber,
          reason,
          ...(w.cause ? { cause: w.cause.number } : {}),
          ...(w.changedOn ? { decisionChangedOn: w.changedOn, dueOn, late: dueOn !== null && changedOn > dueOn } : {}),
          ...(w.kind === 'correct' ? { content } : {}),
        },
      },
      w.at,
    );
    return row;
  });
}

/** The values that start with `q`, as a range an index reads: [q, q + U+10FFFF). */
const startingWith = (column: Column, q: string) => and(gte(column, q), lt(column, `${q}\u{10FFFF}`));

/** The public list's filters: the start of a name or of a 文号, a day range of publication. */
export interface PublicQuery {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The cursor of the next page: the last row's publication day and id. */
  after?: { on: string; id: string } | undefined;
  limit: number;
}

/** Columns the public list shows (never the content of a record, nor who published it). */
const listColumns = {
  id: disclosures.id,
  state: disclosures.state,
  documentNumber: disclosures.documentNumber,
  partyName: disclosures.partyName,
  authority: disclosures.authority,
  decidedOn: disclosures.decidedOn,
  publishedOn: disclosures.publishedOn,
};

/**
 * One page of shown records, newest publication first, in one statement: a walk of the partial
 * index of shown records (published_on, id) from the cursor (a row-value seek), stopping at the
 * page's last row, so page 1,000 costs what page 1 does; a date range is a range of it. A search
 * reads the names and the 文号 that start with what was typed — two index ranges (party_name,
 * document_number) — and sorts only what they match.
 */
export async function publicPage(db: Db, f: PublicQuery) {
  const where: (SQL | undefined)[] = [ne(disclosures.state, 'withdrawn')];
  if (f.q) where.push(or(startingWith(disclosures.partyName, f.q), startingWith(disclosures.documentNumber, f.q)));
  if (f.from) where.push(sql`${disclosures.publishedOn} >= ${f.from}`);
  if (f.to) where.push(sql`${disclosures.publishedOn} <= ${f.to}`);
  if (f.after) where.push(sql`(${disclosures.publishedOn}, ${disclosures.id}) < (${f.after.on}, ${f.after.id})`);
  const rows = await db
    .select(listColumns)
    .from(disclosures)
    .where(and(...where))
    .orderBy(desc(disclosures.publishedOn), desc(disclosures.id))
    .limit(f.limit + 1);
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** One record as the public detail page reads it (by id). */
export async function publicRecord(db: Db, id: string) {
  const [row] = await db
    .select({
      ...listColumns,
      content: disclosures.content,
      reason: disclosures.reason,
      changedOn: disclosures.changedOn,
    })
    .from(disclosures)
    .where(eq(disclosures.id, id))
    .limit(1);
  return row;
}
