/**
 * Enforcement matters of the active pack, as the officer finds them by code, name, cause,
 * keyword, law, article or a word of its text (matter-search.ts: type 食品, 120116-SCJ or
 * 第一百二十四条): each with its authority item, the legal
 * bases in force on a date, penalty kinds, the discretion benchmark's range and tiers, the
 * workflow and documents. The case routes reuse the summary for a case's pinned pack.
 */

import { createRoute, z } from '@hono/zod-openapi';
import { factSetters } from '@yifa/engine';
import { basisGaps, type FactDefinition, type Matter, platformFact, type ResolvedPack } from '@yifa/metamodel';
import { type Actor, scopeFor } from '../auth/access.ts';
import { type PowerRefusal, powerRefusal } from '../auth/authority-list.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { organisationOf } from '../storage/case-view.ts';
import { ENTERABLE_FACTS } from '../storage/case-write.ts';
import { localDate } from '../time.ts';
import { searchMatters } from './matter-search.ts';
import { OK as ok, router } from './router.ts';

const SearchQuery = z.object({ q: z.string().max(100).optional() }).openapi('MatterSearch');
const CodeParam = z.object({ code: z.string().min(1).max(100) }).openapi('MatterCode');

/** Most matters one search answers (the rest are counted in `total`). */
export const SEARCH_LIMIT = 50;

interface Dated {
  effectiveFrom: string;
  effectiveTo?: string;
}

/** The version in force on a date (YYYY-MM-DD), if any. */
export function inForce<T extends Dated>(versions: readonly T[], date: string): T | undefined {
  return versions.find((v) => v.effectiveFrom <= date && (v.effectiveTo === undefined || v.effectiveTo >= date));
}

/** A codelist entry by code, with its names (the code itself when the pack lacks it). */
export function entryOf(pack: ResolvedPack, codelist: string, code: string) {
  const e = pack.items.codelist.get(codelist)?.entries.find((x) => x.code === code);
  return { code, name: e?.name ?? code, nameEn: e?.nameEn ?? null };
}

function basisOf(pack: ResolvedPack, code: string, date: string) {
  const b = pack.items['legal-basis'].get(code);
  if (!b) return { code, law: null, article: null, text: null, unverified: [] };
  // A version whose start is not yet known counts as in force (the basis is then 待核实).
  const v = inForce(
    (b.versions ?? []).map((x) => ({ ...x, effectiveFrom: x.effectiveFrom ?? '' })),
    date,
  );
  const gaps = basisGaps(b);
  return {
    code,
    law: b.law,
    level: b.level,
    article: b.article ?? null,
    // What is not yet known or verified: the officer's screen marks the basis 待核实.
    unverified: [...gaps.missing, ...gaps.unverified],
    title: b.title ?? null,
    text: v?.text ?? null,
    effectiveFrom: v?.effectiveFrom || null,
    effectiveTo: v?.effectiveTo ?? null,
  };
}

function discretionOf(pack: ResolvedPack, code: string | undefined, date: string) {
  const b = code ? pack.items.discretion.get(code) : undefined;
  if (!b) return null;
  const v = inForce(b.versions, date);
  return {
    code: b.code,
    name: b.name,
    nameEn: b.nameEn ?? null,
    version: v
      ? { label: v.version ?? v.effectiveFrom, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo ?? null }
      : null,
    // Amounts are pack expressions (e.g. 10–20 times the goods value): the client renders them as data.
    legalRange: v?.legalRange ?? null,
    tiers: (v?.tiers ?? []).map((t) => ({
      code: t.code,
      name: t.name,
      nameEn: t.nameEn ?? null,
      // null for a tier of 警告 alone, which has no fine range.
      fine: t.fine ?? null,
      measures: t.measures ?? [],
      description: t.description ?? null,
    })),
    noPenalty: (v?.noPenalty ?? []).map((n) => ({
      code: n.code,
      name: n.name,
      nameEn: n.nameEn ?? null,
      mandatory: n.mandatory ?? false,
    })),
  };
}

/** What an officer needs to know of a matter, with the texts in force on `date` (YYYY-MM-DD). */
export function matterSummary(pack: ResolvedPack, m: Matter, date: string) {
  const item = m.authorityItem ? pack.items['authority-item'].get(m.authorityItem) : undefined;
  const workflow = pack.items.workflow.get(m.workflow);
  return {
    code: m.code,
    name: m.name,
    nameEn: m.nameEn ?? null,
    category: m.category,
    sector: m.sector ? entryOf(pack, 'sectors', m.sector) : null,
    cause: m.cause ?? m.name,
    authorityItem: item
      ? {
          code: item.code,
          name: item.name,
          nameEn: item.nameEn ?? null,
          powerType: entryOf(pack, 'power-types', item.powerType),
          legalReview: item.legalReview ?? false,
        }
      : null,
    legalBasis: {
      violated: (m.violatedBasis ?? []).map((c) => basisOf(pack, c, date)),
      penalty: (m.penaltyBasis ?? []).map((c) => basisOf(pack, c, date)),
    },
    penaltyKinds: (m.penaltyKinds ?? []).map((c) => entryOf(pack, 'penalty-kinds', c)),
    discretion: discretionOf(pack, m.discretion, date),
    workflow: { code: m.workflow, name: workflow?.name ?? m.workflow, nameEn: workflow?.nameEn ?? null },
    alternativeWorkflows: (m.alternativeWorkflows ?? []).map((c) => ({
      code: c,
      name: pack.items.workflow.get(c)?.name ?? c,
      nameEn: pack.items.workflow.get(c)?.nameEn ?? null,
    })),
    documents: m.documents.map((c) => {
      const form = pack.items.document.get(c);
      return { code: c, name: form?.name ?? c, nameEn: form?.nameEn ?? null, issued: form?.issued ?? false };
    }),
    keywords: m.keywords ?? [],
  };
}

/** The facts a case of this matter records: the matter's own, then the platform facts an officer enters. */
export function factDefinitions(m: Matter, pack: ResolvedPack) {
  const setBy = factSetters(pack.items.document.values());
  const setters = (name: string) => {
    const forms = setBy.get(name);
    return forms ? { setBy: forms.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn ?? d.name })) } : {};
  };
  // A matter's own fact may be recorded by one of its documents too (the 信息报送单 sets 报送日期).
  const own = (m.facts ?? []).map((f: FactDefinition) => ({ ...f, ...setters(f.name), source: 'matter' as const }));
  const platform = ENTERABLE_FACTS.map((name) => {
    const f = platformFact(name);
    return {
      name,
      label: f?.label ?? name,
      labelEn: f?.labelEn ?? name,
      type: f?.type ?? 'string',
      ...(f?.unit ? { unit: f.unit } : {}),
      // Recorded by issuing these documents (a served notice, a written waiver), never typed: the
      // app shows it read-only, and PATCH /cases/{id}/facts refuses it.
      ...setters(name),
      source: 'platform' as const,
    };
  });
  return [...own, ...platform];
}

/**
 * Whether the actor's subject may open a case of a matter under the authority list, as POST
 * /cases judges it (the same check), so the 立案 picker can grey what the server would refuse.
 */
async function powerOf(actor: Actor, db: Db, pack: ResolvedPack) {
  const org = await organisationOf(db, actor.user.orgCode);
  return (m: Matter): PowerRefusal | undefined =>
    org
      ? powerRefusal(pack, org, m)
      : {
          message: { zh: '所在机构不是执法主体，不能立案', en: 'your organisation is not an enforcement subject' },
          details: { org: actor.user.orgCode },
        };
}

/** `allowed`, and when not, the reason in both languages. */
const allowance = (refused: PowerRefusal | undefined) =>
  refused ? { allowed: false, refusal: refused.message } : { allowed: true, refusal: null };

/** The matter routes. */
export function matterRoutes() {
  const r = router();
  const guard = (actor: Actor) => {
    if (!scopeFor(actor, 'case.read') && !scopeFor(actor, 'case.create'))
      throw new AppError('forbidden', { permission: ['case.read', 'case.create'] });
  };

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['matters'],
      summary: '检索执法事项 / search enforcement matters',
      request: { query: SearchQuery },
      responses: ok,
    }),
    async (c) => {
      guard(c.get('actor'));
      const s = c.get('services');
      const today = localDate(s.now());
      const { pack } = c.get('pack');
      const power = await powerOf(c.get('actor'), s.db, pack);
      // The subject's own matters first (权责清单), the others after them with the reason they are
      // refused; Array#sort is stable, so each group keeps the search's order.
      const found = searchMatters(pack, c.req.valid('query').q ?? '', today)
        .map((h) => ({ hit: h, refused: power(h.matter) }))
        .sort((a, b) => Number(a.refused !== undefined) - Number(b.refused !== undefined));
      return c.json({
        total: found.length,
        items: found.slice(0, SEARCH_LIMIT).map(({ hit, refused }) => ({
          ...matterSummary(pack, hit.matter, today),
          matchedBasis: hit.bases,
          ...allowance(refused),
        })),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{code}',
      tags: ['matters'],
      summary: '执法事项详情及立案所需事实 / a matter with the facts a case records',
      request: { params: CodeParam },
      responses: ok,
    }),
    async (c) => {
      guard(c.get('actor'));
      const s = c.get('services');
      const today = localDate(s.now());
      const { pack } = c.get('pack');
      const { code } = c.req.valid('param');
      const m = pack.items.matter.get(code);
      if (!m) throw new AppError('not-found', { matter: code });
      const power = await powerOf(c.get('actor'), s.db, pack);
      return c.json({ ...matterSummary(pack, m, today), ...allowance(power(m)), facts: factDefinitions(m, pack) });
    },
  );
  return r;
}
