/**
 * A case as the engine sees it: the stored row, its pinned pack's matter and workflow,
 * its officers' certificates, its documents' statuses and the latest legal review.
 * Routes build it here, once per request, for guards, deadlines, forms and alerts.
 */

import { type CaseSnapshot, checkDocument } from '@yifa/engine';
import type { ResolvedPack } from '@yifa/metamodel';
import { type RuleEnv, ruleEnvFromPack } from '@yifa/rules';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type CaseRow, documents, organisations, reviews, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';

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

/** Everything about a case the engine needs, with the pack it is pinned to. */
export interface LoadedCase {
  row: CaseRow;
  pack: ResolvedPack;
  env: RuleEnv;
  snapshot: CaseSnapshot;
}

/** Loads the engine's view of a stored case. */
export async function loadCase(
  db: Db,
  packs: { byHash(hash: string): Promise<ResolvedPack> },
  row: CaseRow,
  today: string,
): Promise<LoadedCase> {
  const pack = await packs.byHash(row.packHash);
  const env = envOf(pack);
  const matter = pack.items.matter.get(row.matterCode);
  const workflow = pack.items.workflow.get(row.workflowCode);
  if (!matter || !workflow)
    throw new AppError('internal', { case: row.id, reason: 'matter or workflow missing from its pinned pack' });
  const officerRows = row.officers.length
    ? await db
        .select({ id: users.id, validUntil: users.certificateValidUntil, no: users.certificateNo })
        .from(users)
        .where(inArray(users.id, row.officers))
    : [];
  const [org] = await db.select().from(organisations).where(eq(organisations.code, row.subjectOrg));
  const docs = await db.select().from(documents).where(eq(documents.caseId, row.id));
  const [review] = await db
    .select()
    .from(reviews)
    .where(eq(reviews.caseId, row.id))
    .orderBy(desc(reviews.requestedAt))
    .limit(1);
  const partial: CaseSnapshot = {
    number: row.number,
    matter,
    workflow,
    state: row.state,
    facts: row.facts,
    stateEntered: row.stateEntered,
    extensions: row.extensions,
    party: { kind: row.party.kind, name: row.party.name },
    subject: { code: row.subjectOrg, type: org?.type ?? '', name: org?.name ?? row.subjectOrg },
    officers: officerRows.map((o) => ({ certified: !!o.no && !!o.validUntil && o.validUntil >= today })),
    documents: [],
    openedAt: row.openedAt,
    violationDate: row.violationDate,
    ...(review?.opinion ? { legalReview: review.opinion } : {}),
  };
  // The latest version of each form decides its status; a draft is complete when nothing required is missing.
  const latest = new Map<string, (typeof docs)[number]>();
  for (const d of docs) if ((latest.get(d.formCode)?.version ?? 0) < d.version) latest.set(d.formCode, d);
  const statuses = [...latest.values()].map((d) => {
    if (d.status === 'issued') return { form: d.formCode, status: 'issued' as const };
    const form = pack.items.document.get(d.formCode);
    const check = form ? checkDocument(form, d.data, { facts: partial.facts }, env) : undefined;
    return {
      form: d.formCode,
      status:
        check && check.problems.length === 0 && check.missing.length === 0 ? ('complete' as const) : ('draft' as const),
    };
  });
  return { row, pack, env, snapshot: { ...partial, documents: statuses } };
}
