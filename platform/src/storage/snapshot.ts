/**
 * A case as the engine sees it: the stored row, its pinned pack's matter and workflow,
 * its officers' certificates, its documents' statuses and the latest legal review.
 * Routes build it here, once per request, for guards, deadlines, forms and alerts.
 */

import { type CaseSnapshot, checkDocument, type LinkedCase } from '@yifa/engine';
import type { ResolvedPack } from '@yifa/metamodel';
import { type RuleEnv, ruleEnvFromPack, scopedEnv } from '@yifa/rules';
import { type Column, eq, getTableName, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases, disclosures, documents, organisations, reviews, users } from '../db/schema.ts';
import { openData } from '../documents/sealed.ts';
import { AppError } from '../errors.ts';
import { legalDateOf } from '../time.ts';

const envs = new WeakMap<ResolvedPack, RuleEnv>();

/** The rule environment of a pack, made once per pack. */
export function envOf(pack: ResolvedPack): RuleEnv {
  let env = envs.get(pack);
  if (!env) {
    env = ruleEnvFromPack(pack);
    envs.set(pack, env);
  }
  return env;
}

const unset = new WeakMap<ResolvedPack, Record<string, false>>();

/**
 * The yes/no facts a document's issue sets (`sets` with value true: notified, waived, hearing
 * held), false until such a document is issued: only the document records them, so a case without
 * it has not been notified, has not waived — rather than leaving the guards undecided.
 */
export function unsetByDocuments(pack: ResolvedPack): Record<string, false> {
  let out = unset.get(pack);
  if (!out) {
    out = {};
    for (const form of pack.items.document.values())
      for (const s of form.sets ?? []) if (s.value === true) out[s.fact] = false;
    unset.set(pack, out);
  }
  return out;
}

/** A column with its table's name, as SQL: drizzle leaves the table out in a one-table select, and these subqueries need it. */
const q = (column: Column) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

/**
 * What a snapshot needs besides the case row, as columns of a select on `cases` (correlated on
 * its row), so the query that reads the case can read them too: the officers' certificate
 * numbers and expiry, the subject's type and name, every document version's form, version,
 * status, data (JSON) and sealed personal values, and the latest review's opinion.
 */
export const surroundings = {
  officers: sql<string>`(SELECT json_group_array(json_array(${q(users.certificateNo)}, ${q(users.certificateValidUntil)}))
    FROM ${users} WHERE ${q(users.id)} IN (SELECT value FROM json_each(${q(cases.officers)})))`,
  org: sql<string | null>`(SELECT json_object('type', ${q(organisations.type)}, 'name', ${q(organisations.name)})
    FROM ${organisations} WHERE ${q(organisations.code)} = ${q(cases.subjectOrg)})`,
  docs: sql<string>`(SELECT json_group_array(json_object('formCode', ${q(documents.formCode)},
    'version', ${q(documents.version)}, 'status', ${q(documents.status)}, 'data', json(${q(documents.data)}),
    'sealed', ${q(documents.sealedData)}))
    FROM ${documents} WHERE ${q(documents.caseId)} = ${q(cases.id)})`,
  opinion: sql<string | null>`(SELECT ${q(reviews.opinion)} FROM ${reviews} WHERE ${q(reviews.caseId)} = ${q(cases.id)}
    ORDER BY ${q(reviews.requestedAt)} DESC LIMIT 1)`,
  // The linked case (linked-cases.ts) under an alias: the same table, correlated on this row's link.
  linked: sql<string | null>`(SELECT json_object('number', lc.${sql.identifier(cases.number.name)},
    'matter', lc.${sql.identifier(cases.matterCode.name)}, 'state', lc.${sql.identifier(cases.state.name)},
    'packHash', lc.${sql.identifier(cases.packHash.name)}, 'facts', json(lc.${sql.identifier(cases.facts.name)}),
    'disclosed', (SELECT count(*) FROM ${disclosures} WHERE ${q(disclosures.caseId)} = lc.${sql.identifier(cases.id.name)}
      AND ${q(disclosures.state)} <> 'withdrawn'))
    FROM ${cases} AS lc WHERE lc.${sql.identifier(cases.id.name)} = ${q(cases.linkedCaseId)})`,
  // 公示 (public/disclosures.ts): the record decides the `disclosed` fact, shown and not withdrawn.
  disclosed: sql<number>`(SELECT count(*) FROM ${disclosures} WHERE ${q(disclosures.caseId)} = ${q(cases.id)}
    AND ${q(disclosures.state)} <> 'withdrawn')`,
};

/** The surroundings of a case as read. */
export interface Surroundings {
  officers: string;
  org: string | null;
  docs: string;
  opinion: string | null;
  linked: string | null;
  /** Whether the case's decision is disclosed (a count of its shown records: 0 or 1). */
  disclosed?: number;
}

/** The linked case as the surroundings read it. */
interface StoredLink {
  number: string;
  matter: string;
  state: string;
  packHash: string;
  facts: Record<string, unknown>;
  /** 1 when the linked case's decision is disclosed and not withdrawn. */
  disclosed: number;
}

/**
 * The linked case as the rules read it, its matter named by its own pinned pack. Its facts are
 * as stored, personal texts masked: the rules read its outcome and flags, not the names typed.
 */
async function linkedOf(packs: { byHash(hash: string): Promise<ResolvedPack> }, l: StoredLink): Promise<LinkedCase> {
  const pack = await packs.byHash(l.packHash);
  return {
    number: l.number,
    matter: l.matter,
    matterName: pack.items.matter.get(l.matter)?.name ?? l.matter,
    state: l.state,
    // Whether its decision is disclosed is its disclosure record's, not a typed fact.
    facts: { ...l.facts, disclosed: Number(l.disclosed) > 0 },
  };
}

/** Everything about a case the engine needs, with the pack it is pinned to. */
export interface LoadedCase {
  row: CaseRow;
  pack: ResolvedPack;
  env: RuleEnv;
  snapshot: CaseSnapshot;
}

/** Loads the engine's view of a stored case (with its surroundings, when the case's query read them). */
export async function loadCase(
  db: Db,
  packs: { byHash(hash: string): Promise<ResolvedPack> },
  row: CaseRow,
  today: string,
  prefetched?: Surroundings,
): Promise<LoadedCase> {
  let around = prefetched;
  const pack = await packs.byHash(row.packHash);
  const matter = pack.items.matter.get(row.matterCode);
  const workflow = pack.items.workflow.get(row.workflowCode);
  if (!matter || !workflow)
    throw new AppError('internal', { case: row.id, reason: 'matter or workflow missing from its pinned pack' });
  // Parameters in force for this case: its subject's (or an ancestor's), its sector's, on the day asked.
  const env = scopedEnv(envOf(pack), { orgPath: row.subjectPath.split('/'), sector: matter.sector, date: today });
  // Officers' certificates, the subject, the documents and the latest review in one statement.
  if (!around) [around] = await db.select(surroundings).from(cases).where(eq(cases.id, row.id));
  const officerRows = JSON.parse(around?.officers ?? '[]') as [string | null, string | null][];
  const org = around?.org ? (JSON.parse(around.org) as { type: string; name: string }) : undefined;
  const docs = JSON.parse(around?.docs ?? '[]') as {
    formCode: string;
    version: number;
    status: 'draft' | 'issued';
    data: Record<string, unknown>;
    sealed: string | null;
  }[];
  const review = around?.opinion ? { opinion: around.opinion as NonNullable<CaseSnapshot['legalReview']> } : undefined;
  const linked = around?.linked ? await linkedOf(packs, JSON.parse(around.linked) as StoredLink) : undefined;
  const partial: CaseSnapshot = {
    dateOf: legalDateOf,
    number: row.number,
    matter,
    workflow,
    state: row.state,
    // `disclosed` is the disclosure record's (public/disclosures.ts): published and not withdrawn.
    facts: { ...unsetByDocuments(pack), ...row.facts, disclosed: Number(around?.disclosed ?? 0) > 0 },
    stateEntered: row.stateEntered,
    extensions: row.extensions,
    party: { kind: row.party.kind, name: row.party.name },
    subject: { code: row.subjectOrg, type: org?.type ?? '', name: org?.name ?? row.subjectOrg },
    officers: officerRows.map(([no, validUntil]) => ({ certified: !!no && !!validUntil && validUntil >= today })),
    documents: [],
    openedAt: row.openedAt,
    violationDate: row.violationDate,
    ...(review?.opinion ? { legalReview: review.opinion } : {}),
    ...(linked ? { linked } : {}),
  };
  // The latest version of each form decides its status; a draft is complete when nothing required is missing.
  const latest = new Map<string, (typeof docs)[number]>();
  for (const d of docs) if ((latest.get(d.formCode)?.version ?? 0) < d.version) latest.set(d.formCode, d);
  // What each latest version says, for transitions that require a field's value (documentFields).
  const documentValues: Record<string, Record<string, unknown>> = {};
  const statuses = [...latest.values()].map((d) => {
    // Checked on the data as entered: personal values are stored masked (documents/sealed.ts),
    // and a mask would fail a field's pattern or a rule that reads the value.
    const data = openData(d.data, d.sealed);
    documentValues[d.formCode] = data;
    if (d.status === 'issued') return { form: d.formCode, status: 'issued' as const };
    const form = pack.items.document.get(d.formCode);
    const check = form ? checkDocument(form, data, { facts: partial.facts }, env) : undefined;
    return {
      form: d.formCode,
      status:
        check && check.problems.length === 0 && check.missing.length === 0 ? ('complete' as const) : ('draft' as const),
    };
  });
  return { row, pack, env, snapshot: { ...partial, documents: statuses, documentValues } };
}
