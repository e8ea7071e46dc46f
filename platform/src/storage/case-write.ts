/**
 * Writing cases: opening one (its number allocated atomically, the party sealed), recording
 * facts and taking workflow actions under optimistic concurrency (`WHERE id = ? AND version = ?`),
 * and the 法制审核 rows that entering a legal-review state opens and an opinion decides. Every
 * write appends its audit event inside its own transaction, with the personal data typed into
 * its texts (facts, a transition's reason, a review's comment) masked.
 */

import { randomUUID } from 'node:crypto';
import { checkCreditCode, checkIdCardNumber, factSetters, formatDocumentNumber, maskId } from '@yifa/engine';
import type { FactType, Matter, ResolvedPack } from '@yifa/metamodel';
import { platformFact } from '@yifa/metamodel';
import { and, eq, getTableName, isNull, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { sealPii } from '../crypto/pii.ts';
import type { Db } from '../db/client.ts';
import { fixedStatement, jsonText } from '../db/fixed-statement.ts';
import { type CaseRow, cases, type OrganisationRow, type ReviewRow, reviews, type StoredParty } from '../db/schema.ts';
import { maskPersonalText, maskPersonalTexts } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import { localDate } from '../time.ts';
import type { FieldProblem } from '../validation.ts';
import { fileSource } from './case-sources.ts';
import { nextSequence } from './numbering.ts';
import { requireOpenCase } from './open-case.ts';
import { openCaseRow, openReview, reasonOf, sealComment, sealFacts } from './sealed-rows.ts';

/**
 * Platform facts an officer records on a case (the rest the platform computes). Those a document
 * form of the case's pack sets on issue (`sets`) are refused here: the document records them.
 */
export const ENTERABLE_FACTS = [
  'proposedFine',
  'proposedConfiscation',
  'proposedPenalties',
  'complex',
  'publicInterest',
  'hearingRequested',
  'hearingWaived',
  'statementWaived',
  'statementNotified',
  'hearingNotified',
  'hearingHeld',
  'collectiveDiscussed',
  'lateDecisionReason',
  'partyPriorPenalties12m',
] as const;

/** The key of case numbers in document_counters, and their pattern. */
export const CASE_COUNTER = 'case';
export const CASE_NUMBER_PATTERN = '{orgPrefix}案〔{year}〕{seq:4}号';

const MAX_FACTS = 200;
const MAX_TEXT = 2000;
const MAX_ITEMS = 50;

interface FactRule {
  label: string;
  labelEn: string;
  type: FactType;
  enum?: readonly string[];
  /** English labels of the enum values, in the same order. */
  enumEn?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** Allowed items of an array fact. */
  items?: readonly string[];
}

function factRules(pack: ResolvedPack, matter: Matter): Map<string, FactRule> {
  const rules = new Map<string, FactRule>();
  const kinds = pack.items.codelist.get('penalty-kinds')?.entries.map((e) => e.code);
  for (const name of ENTERABLE_FACTS) {
    const f = platformFact(name);
    if (!f) continue;
    const numeric = f.type === 'number' || f.type === 'integer';
    // Proposed penalties are penalty-kind codes, limited to the kinds the matter's basis allows.
    const items = name === 'proposedPenalties' ? (matter.penaltyKinds ?? kinds) : undefined;
    rules.set(name, {
      label: f.label,
      labelEn: f.labelEn,
      type: f.type,
      ...(numeric ? { minimum: 0 } : {}),
      ...(items ? { items } : {}),
    });
  }
  for (const f of matter.facts ?? []) {
    rules.set(f.name, {
      label: f.label,
      labelEn: f.labelEn ?? f.name,
      type: f.type,
      ...(f.enum ? { enum: f.enum } : {}),
      ...(f.enumEn ? { enumEn: f.enumEn } : {}),
      ...(f.minimum !== undefined ? { minimum: f.minimum } : {}),
      ...(f.maximum !== undefined ? { maximum: f.maximum } : {}),
    });
  }
  return rules;
}

function isDate(v: string): boolean {
  const t = Date.parse(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
}

function factProblem(rule: FactRule, value: unknown): { zh: string; en: string } | undefined {
  const need = (zh: string, en: string) => ({ zh: `${rule.label}：${zh}`, en: `${rule.labelEn}: ${en}` });
  switch (rule.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : need('应为是或否', 'must be true or false');
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return need('应为数字', 'must be a number');
      if (rule.type === 'integer' && !Number.isInteger(value)) return need('应为整数', 'must be a whole number');
      if (rule.minimum !== undefined && value < rule.minimum)
        return need(`不得小于 ${rule.minimum}`, `must be at least ${rule.minimum}`);
      if (rule.maximum !== undefined && value > rule.maximum)
        return need(`不得大于 ${rule.maximum}`, `must be at most ${rule.maximum}`);
      return undefined;
    }
    case 'date':
      return typeof value === 'string' && isDate(value)
        ? undefined
        : need('应为日期（YYYY-MM-DD）', 'must be a date (YYYY-MM-DD)');
    case 'string':
      if (typeof value !== 'string') return need('应为文字', 'must be text');
      if (value.length > MAX_TEXT) return need(`不得超过 ${MAX_TEXT} 字`, `must be at most ${MAX_TEXT} characters`);
      if (rule.enum && !rule.enum.includes(value))
        return need(
          `应为以下之一：${rule.enum.join('、')}`,
          `must be one of ${rule.enum.map((v, i) => (rule.enumEn?.[i] ? `${rule.enumEn[i]} (${v})` : v)).join(', ')}`,
        );
      return undefined;
    case 'array': {
      if (
        !Array.isArray(value) ||
        value.length > MAX_ITEMS ||
        value.some((x) => typeof x !== 'string' || x.length > 200)
      )
        return need(`应为不超过 ${MAX_ITEMS} 项的文字列表`, `must be a list of at most ${MAX_ITEMS} texts`);
      const bad = rule.items ? value.filter((x) => !rule.items?.includes(x as string)) : [];
      return bad.length
        ? need(
            `不在本事项的处罚种类内：${bad.join('、')}`,
            `not among the penalty kinds of the matter: ${bad.join(', ')}`,
          )
        : undefined;
    }
  }
}

/**
 * Checks entered facts against the matter's fact definitions and the enterable platform
 * facts: unknown names, wrong types, values outside the enum or the range. `null` clears a fact.
 */
export function checkFacts(
  pack: ResolvedPack,
  matter: Matter,
  input: Readonly<Record<string, unknown>>,
  pointer = '/facts',
): FieldProblem[] {
  const rules = factRules(pack, matter);
  const names = Object.keys(input);
  if (names.length > MAX_FACTS)
    return [
      {
        path: pointer,
        code: 'too-many-facts',
        message: { zh: `事实项不得超过 ${MAX_FACTS} 个`, en: `at most ${MAX_FACTS} facts` },
      },
    ];
  const problems: FieldProblem[] = [];
  const setBy = factSetters(pack.items.document.values());
  for (const name of names) {
    const value = input[name];
    const rule = rules.get(name);
    const path = `${pointer}/${name}`;
    // A fact a document's issue sets (a served notice, a written waiver) is never typed by hand.
    const forms = setBy.get(name);
    if (forms) {
      problems.push({
        path,
        code: 'fact-set-by-document',
        message: {
          zh: `“${rule?.label ?? name}”由出具${forms.map((f) => `《${f.name}》`).join('或')}记录，不能手工录入`,
          en: `"${rule?.labelEn ?? name}" is recorded by issuing ${forms.map((f) => f.nameEn ?? f.code).join(' or ')}; it cannot be entered by hand`,
        },
      });
      continue;
    }
    if (!rule) {
      problems.push({
        path,
        code: 'unknown-fact',
        message: { zh: `本事项没有事实项“${name}”`, en: `the matter has no fact "${name}"` },
      });
      continue;
    }
    if (value === null) continue;
    const problem = factProblem(rule, value);
    if (problem) problems.push({ path, code: 'invalid-fact', message: problem });
  }
  return problems;
}

/** Facts with a patch applied (`null` removes), and what changed, for the audit record. */
export function mergeFacts(current: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>) {
  const facts: Record<string, unknown> = { ...current };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(patch)) {
    const old = Object.hasOwn(current, name) ? current[name] : null;
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    before[name] = old;
    after[name] = value;
    if (value === null) delete facts[name];
    else facts[name] = value;
  }
  return { facts, before, after };
}

/** A party as entered: identifiers in the clear, sealed on the way into storage. */
export interface PartyInput {
  kind: 'person' | 'organisation';
  name: string;
  /** 身份证号 of a person, 统一社会信用代码 of an organisation. */
  idNumber: string;
  address?: string | undefined;
  phone?: string | undefined;
  representative?: string | undefined;
}

/** The party's identifier checked by its check digit (GB 11643 / GB 32100), the field named in both languages. */
export function partyProblems(p: PartyInput): FieldProblem[] {
  const person = p.kind === 'person';
  const problem = (person ? checkIdCardNumber : checkCreditCode)(p.idNumber.toUpperCase());
  if (!problem) return [];
  const field = person
    ? { zh: '当事人身份证号', en: 'party ID card number' }
    : { zh: '当事人统一社会信用代码', en: 'party unified social credit code' };
  return [
    {
      path: '/party/idNumber',
      code: 'id-number',
      message: { zh: `${field.zh}有误：${problem.zh}`, en: `${field.en} is wrong: ${problem.en}` },
    },
  ];
}

/** The party as stored: 身份证号 or credit code, address and phone SM4-sealed. */
function sealParty(p: PartyInput): StoredParty {
  return {
    kind: p.kind,
    name: p.name,
    idNumber: sealPii(p.idNumber.toUpperCase()),
    ...(p.address ? { address: sealPii(p.address) } : {}),
    ...(p.phone ? { phone: sealPii(p.phone) } : {}),
    ...(p.representative ? { representative: p.representative } : {}),
  };
}

async function conflict(tx: Pick<Db, 'select'>, id: string): Promise<AppError> {
  const [row] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, id));
  return new AppError('conflict', { case: id, currentVersion: row?.version ?? null });
}

/** What opening a case needs, already checked. */
export interface NewCase {
  actorId: string;
  org: OrganisationRow;
  matter: Matter;
  /** The matter's workflow, or the alternative chosen at opening (e.g. 简易程序). */
  workflowCode: string;
  workflowStart: string;
  packHash: string;
  party: PartyInput;
  facts: Record<string, unknown>;
  violationDate: string | null;
  officers: string[];
  at: string;
  /** Numbers of the open cases the officer confirmed this one does not duplicate (storage/duplicates.ts). */
  duplicatesConfirmed?: string[];
  /** The case this one concerns (storage/linked-cases.ts), already checked to be readable by the actor. */
  linked?: { id: string; number: string };
  /** The case source (案源) it is opened from, already checked pending and of this subject (case-sources.ts). */
  source?: { id: string };
}

/** Opens a case: allocates its number for the subject and year, stores it and records 'case.open'. */
export async function openCase(db: Db, n: NewCase): Promise<CaseRow> {
  // The legal year (Beijing time): a case opened at 2027-01-01 01:00 local is a 2027 case.
  const year = Number(localDate(new Date(n.at)).slice(0, 4));
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const seq = await nextSequence(tx, { pattern: CASE_COUNTER, orgCode: n.org.code, year });
    const number = formatDocumentNumber(CASE_NUMBER_PATTERN, {
      orgPrefix: n.org.numberingPrefix ?? n.org.shortName ?? n.org.name,
      orgShort: n.org.shortName ?? n.org.name,
      year,
      seq,
    });
    const [row] = await tx
      .insert(cases)
      .values({
        id,
        number,
        matterCode: n.matter.code,
        workflowCode: n.workflowCode,
        category: n.matter.category,
        subjectOrg: n.org.code,
        subjectPath: n.org.path,
        packHash: n.packHash,
        state: n.workflowStart,
        party: sealParty(n.party),
        ...sealFacts(n.facts),
        officers: n.officers,
        stateEntered: { [n.workflowStart]: n.at },
        extensions: {},
        violationDate: n.violationDate,
        openedAt: n.at,
        updatedAt: n.at,
        createdBy: n.actorId,
        linkedCaseId: n.linked?.id ?? null,
      })
      .returning();
    if (n.source)
      await fileSource(tx, {
        sourceId: n.source.id,
        subjectOrg: n.org.code,
        caseId: id,
        caseNumber: number,
        actorId: n.actorId,
        at: n.at,
      });
    await appendEvent(
      tx,
      {
        actor: n.actorId,
        action: 'case.open',
        caseId: id,
        target: id,
        after: {
          number,
          matter: n.matter.code,
          workflow: n.workflowCode,
          state: n.workflowStart,
          subject: n.org.code,
          packHash: n.packHash,
          party: { kind: n.party.kind, name: n.party.name, idNumber: maskId(n.party.idNumber.toUpperCase()) },
          officers: n.officers,
          facts: maskPersonalTexts(n.facts),
          violationDate: n.violationDate,
          ...(n.duplicatesConfirmed?.length ? { duplicatesConfirmed: n.duplicatesConfirmed } : {}),
          ...(n.linked ? { linkedCase: n.linked.number } : {}),
          ...(n.source ? { source: n.source.id } : {}),
        },
      },
      n.at,
    );
    return openCaseRow(row as CaseRow);
  });
}

/** Stores facts if the case is still open and at `version`; a stale version is a 409 with the current one. */
export async function writeFacts(
  db: Db,
  w: {
    id: string;
    version: number;
    facts: Record<string, unknown>;
    before: unknown;
    after: unknown;
    actorId: string;
    at: string;
  },
): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    await requireOpenCase(tx, w.id);
    const [row] = await tx
      .update(cases)
      .set({ ...sealFacts(w.facts), version: sql`${cases.version} + 1`, updatedAt: w.at })
      .where(and(eq(cases.id, w.id), eq(cases.version, w.version)))
      .returning();
    if (!row) throw await conflict(tx, w.id);
    await appendEvent(
      tx,
      {
        actor: w.actorId,
        action: 'case.facts',
        caseId: w.id,
        target: w.id,
        // A text fact (a reason, a description) may hold someone's ID, phone number or address.
        before: maskPersonalTexts(w.before),
        after: maskPersonalTexts(w.after),
      },
      w.at,
    );
    return openCaseRow(row);
  });
}

/** A transition the engine allowed, to be stored. */
export interface StoredTransition {
  id: string;
  version: number;
  action: string;
  from: string;
  to: string;
  reason: string | null;
  stateEntered: Record<string, string>;
  extensions: Record<string, number>;
  terminal: boolean;
  /** The state left is a legal-review node: its undecided review closes without an opinion. */
  leavesReview: boolean;
  /** The state entered is a legal-review node: a review is requested, due on this date. */
  opensReview: { dueDate: string | null } | null;
  actorId: string;
  at: string;
}

/** What a stored transition changed on the case. */
export interface MovedCase {
  state: string;
  version: number;
  closedAt: string | null;
}

const c = cases;
const col = (x: { name: string }) => `"${x.name}"`;
/** A transition's UPDATE: the case moves only if it is still at the version the actor saw. */
const moveCase = fixedStatement(
  `UPDATE "${getTableName(c)}" SET ${col(c.state)} = ?, ${col(c.stateEntered)} = ?, ${col(c.extensions)} = ?,
     ${col(c.version)} = ${col(c.version)} + 1, ${col(c.updatedAt)} = ?, ${col(c.closedAt)} = coalesce(?, ${col(c.closedAt)})
   WHERE ${col(c.id)} = ? AND ${col(c.version)} = ?
   RETURNING ${col(c.state)}, ${col(c.version)}, ${col(c.closedAt)}`,
);

/**
 * Stores a transition if the case is still at `version`, with its review rows and audit events.
 * The case's UPDATE is a fixed statement (db/fixed-statement.ts): this runs on every transition.
 */
export async function writeTransition(
  db: Db,
  t: StoredTransition,
): Promise<{ row: MovedCase; review: ReviewRow | null }> {
  return db.transaction(async (tx) => {
    const [moved] = await tx.all<{ state: string; version: number; closed_at: string | null }>(
      moveCase(t.to, jsonText(t.stateEntered), jsonText(t.extensions), t.at, t.terminal ? t.at : null, t.id, t.version),
    );
    const row = moved && { state: moved.state, version: Number(moved.version), closedAt: moved.closed_at };
    if (!row) throw await conflict(tx, t.id);
    await appendEvent(
      tx,
      {
        actor: t.actorId,
        action: 'case.transition',
        caseId: t.id,
        target: t.id,
        before: { state: t.from, version: t.version },
        after: { state: t.to, action: t.action, ...reasonOf(t.reason), version: row.version },
      },
      t.at,
    );
    if (t.leavesReview) {
      await tx
        .update(reviews)
        .set({ decidedAt: t.at })
        .where(and(eq(reviews.caseId, t.id), isNull(reviews.decidedAt)));
    }
    let review: ReviewRow | null = null;
    if (t.opensReview) {
      const [created] = await tx
        .insert(reviews)
        .values({
          id: randomUUID(),
          caseId: t.id,
          requestedBy: t.actorId,
          requestedAt: t.at,
          dueDate: t.opensReview.dueDate,
        })
        .returning();
      review = created ?? null;
      await appendEvent(
        tx,
        {
          actor: t.actorId,
          action: 'review.request',
          caseId: t.id,
          target: created?.id ?? null,
          after: { dueDate: t.opensReview.dueDate },
        },
        t.at,
      );
    }
    return { row, review };
  });
}

/** The opinion of a legal review. */
export interface Opinion {
  reviewId: string;
  caseId: string;
  opinion: 'agree' | 'disagree' | 'agree-after-change';
  checklist: Record<string, boolean>;
  comment: string | null;
  actorId: string;
  at: string;
}

/**
 * Records an opinion once: the update only matches an undecided review, so of two reviewers
 * deciding at once, one wins and the other gets 409. The case's version moves on, since its
 * legalReviewed fact changed.
 */
export async function writeOpinion(db: Db, o: Opinion): Promise<ReviewRow> {
  return db.transaction(async (tx) => {
    await requireOpenCase(tx, o.caseId);
    const [row] = await tx
      .update(reviews)
      .set({
        reviewer: o.actorId,
        opinion: o.opinion,
        checklist: o.checklist,
        ...sealComment(o.comment),
        decidedAt: o.at,
      })
      .where(and(eq(reviews.id, o.reviewId), isNull(reviews.decidedAt)))
      .returning();
    if (!row) throw new AppError('review-decided', { review: o.reviewId });
    await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, updatedAt: o.at })
      .where(eq(cases.id, o.caseId));
    await appendEvent(
      tx,
      {
        actor: o.actorId,
        action: 'review.opinion',
        caseId: o.caseId,
        target: o.reviewId,
        after: { opinion: o.opinion, checklist: o.checklist, comment: o.comment && maskPersonalText(o.comment) },
      },
      o.at,
    );
    return openReview(row);
  });
}
