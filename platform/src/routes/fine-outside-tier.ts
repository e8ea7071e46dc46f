/**
 * A proposed fine outside the discretion tier (裁量基准, 行政处罚法第三十四条) is a fact the server
 * establishes, not a sentence in a document: whenever a document that states the proposed fine
 * is saved or issued, or the officer records the case's proposed fine, the server decides the
 * matter's benchmark on the case's facts, and a fine outside the tier needs a reason (422
 * otherwise). The case then records `fineOutsideTier`, the fine, the reason and the tier, which
 * the national alert rule fine-outside-tier reads and the 法制审核 reviewer sees.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { DocumentForm } from '@yifa/metamodel';
import { formatNumber, formatRange } from '@yifa/rules';
import type { Context } from 'hono';
import { requireCertificate } from '../auth/access.ts';
import type { AppEnv } from '../context.ts';
import type { DocumentContext } from '../documents/context.ts';
import { AppError } from '../errors.ts';
import { checkFine, documentFine, FINE_FACTS, type FineCheck } from '../fine-check.ts';
import { scopedCase } from '../storage/case-view.ts';
import { mergeFacts, writeFacts } from '../storage/case-write.ts';
import { type LoadedCase, loadCase } from '../storage/snapshot.ts';
import { type FieldProblem, plainText } from '../validation.ts';
import { dayOf } from './case-views.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

/** The reason a fine leaves its tier, as requests give it. */
export const FineReason = plainText(z.string().trim().min(1).max(1000));

/** Where the fine should lie, in a language: the tier and its range, or the no-penalty rule. */
function tierText(check: FineCheck, lang: 'zh' | 'en'): string {
  if (check.noPenalty)
    return lang === 'zh' ? `不予处罚情形“${check.noPenalty}”` : `the no-penalty rule "${check.noPenalty}"`;
  if (!check.tier) return '';
  const range = formatRange(check.tier.fine, lang);
  return lang === 'zh'
    ? `裁量阶次“${check.tier.name}”（${range}）`
    : `the discretion tier "${check.tier.nameEn ?? check.tier.name}" (${range})`;
}

/** The 422 problem of a fine outside its tier without a reason. */
function reasonProblem(check: FineCheck, path: string, field?: string): FieldProblem & { field?: string } {
  const fine = formatNumber(check.fine);
  return {
    path,
    ...(field ? { field } : {}),
    code: 'fine-outside-tier-reason',
    message: {
      zh: `拟罚款 ${fine} 元超出所适用的${tierText(check, 'zh')}，须说明理由（可在案件“裁量”页填写）`,
      en: `the proposed fine of ${fine} yuan lies outside ${tierText(check, 'en')}: give a reason (on the case's Discretion tab)`,
    },
  };
}

/** The reason that stands for the fine: the one given now, else the one recorded for the same fine. */
function reasonFor(facts: Readonly<Record<string, unknown>>, fine: number, given: string | undefined) {
  if (given) return given;
  const recorded = facts[FINE_FACTS.reason];
  return facts[FINE_FACTS.outside] === true && facts[FINE_FACTS.fine] === fine && typeof recorded === 'string'
    ? recorded
    : undefined;
}

/**
 * The facts to record for a check: the flag, fine, reason and tier when the fine is outside; the
 * flag cleared when `clears` (the case's own proposal is back inside). Null clears a fact.
 */
function factsPatch(
  check: FineCheck,
  reason: string | undefined,
  facts: Readonly<Record<string, unknown>>,
  clears: boolean,
) {
  if (check.outside)
    return {
      [FINE_FACTS.outside]: true,
      [FINE_FACTS.fine]: check.fine,
      [FINE_FACTS.reason]: reason ?? null,
      [FINE_FACTS.tier]: check.noPenalty ?? check.tier?.name ?? null,
    };
  if (clears && facts[FINE_FACTS.outside] === true)
    return { [FINE_FACTS.outside]: false, [FINE_FACTS.fine]: null, [FINE_FACTS.reason]: null };
  return {};
}

/**
 * Checks a fine against the tier and records the outcome on the case: throws a 422 (at `path`,
 * on `field`) when it is outside and no reason is given or recorded for it. Returns the check
 * and the case's version after it.
 */
export async function recordFine(
  c: Context<AppEnv>,
  l: LoadedCase,
  fine: number,
  o: { reason?: string | undefined; path: string; field?: string; clears: boolean },
): Promise<{ check: FineCheck | undefined; version: number }> {
  const s = c.get('services');
  const now = s.now();
  const check = checkFine(l, dayOf(now), fine);
  const { row } = l;
  if (!check) return { check, version: row.version };
  const reason = check.outside ? reasonFor(row.facts, fine, o.reason) : undefined;
  if (check.outside && !reason) {
    const problem = reasonProblem(check, o.path, o.field);
    throw new AppError('validation', { problems: [problem] }, problem.message);
  }
  const { facts, before, after } = mergeFacts(row.facts, factsPatch(check, reason, row.facts, o.clears));
  if (Object.keys(after).length === 0) return { check, version: row.version };
  const updated = await writeFacts(s.db, {
    id: row.id,
    version: row.version,
    facts,
    before,
    after,
    actorId: c.get('actor').user.id,
    at: now.toISOString(),
  });
  return { check, version: updated.version };
}

/**
 * For the document routes: when the (checked) data of a document states the proposed fine,
 * checks it against the tier and records the outcome; a fine outside the tier needs the reason
 * in the request or one recorded for the same fine (422 on the fine's field otherwise).
 */
export async function checkDocumentFine(
  c: Context<AppEnv>,
  dc: DocumentContext,
  form: DocumentForm,
  data: Readonly<Record<string, unknown>>,
  reason?: string,
): Promise<void> {
  const found = documentFine(form, data);
  if (!found) return;
  // A document back inside the tier clears the flag when it states the case's own proposal (or
  // the case has none): the fine the flag was recorded for is no longer proposed anywhere.
  const proposed = dc.loaded.row.facts.proposedFine;
  await recordFine(c, dc.loaded, found.fine, {
    reason,
    path: '/fineOutsideTierReason',
    field: found.field,
    clears: proposed === undefined || proposed === found.fine,
  });
}

/**
 * What the 法制审核 reviewer is shown: the fine recorded outside its tier with the reason, or
 * the case's proposed fine when it lies outside but no reason was recorded; null otherwise.
 */
export function fineOutsideTierView(l: LoadedCase, today: string) {
  const facts = l.row.facts;
  const recorded = facts[FINE_FACTS.outside] === true && typeof facts[FINE_FACTS.fine] === 'number';
  const fine = recorded ? (facts[FINE_FACTS.fine] as number) : facts.proposedFine;
  if (typeof fine !== 'number') return null;
  const check = checkFine(l, today, fine);
  if (!recorded && !check?.outside) return null;
  const reason = facts[FINE_FACTS.reason];
  return {
    fine,
    reason: recorded && typeof reason === 'string' ? reason : null,
    recorded,
    tier: check?.tier ?? null,
    noPenalty: check?.noPenalty ?? null,
  };
}

const Id = z.object({ id: z.string().min(1).max(100) }).strict();
const FineCheckBody = z.object({ reason: FineReason.optional() }).strict().openapi('FineCheck');

/** The fine-check route, mounted at /api/v1. */
export function fineCheckRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/fine-check',
      tags: ['cases'],
      summary:
        '拟罚款与裁量阶次校验并记录理由 / check the proposed fine against the discretion tier and record the reason',
      request: { params: Id, body: json(FineCheckBody) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const today = dayOf(s.now());
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      // The reason for a fine outside its tier is the handling officers', never the reviewer's (separation of duties).
      const { row } = await scopedCase(s.db, actor, id, ['case.transition']);
      requireCertificate(actor, today);
      if (row.closedAt) throw new AppError('case-closed', { case: id });
      const fine = row.facts.proposedFine;
      if (typeof fine !== 'number') return c.json({ id, version: row.version, check: null });
      const loaded = await loadCase(s.db, s.packs, row, today);
      const { check, version } = await recordFine(c, loaded, fine, { reason, path: '/reason', clears: true });
      return c.json({ id, version, check: check ?? null });
    },
  );
  return r;
}
