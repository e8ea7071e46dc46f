/**
 * 法制审核 (行政处罚法第五十八条): the queue of reviews whose cases the reviewer's scope
 * covers, each with what the reviewer checks (matter, party, proposed penalty, the discretion
 * tier and its explanation, documents), and the opinion with the seven-item checklist. Only a
 * reviewer with 法律职业资格 may decide, once; the case's legalReviewed fact follows. The opinion fills
 * the 法制审核意见书 and takes 审核同意 (or, disagreeing, 退回补充调查) in the same transaction
 * (review-opinion.ts): entered once.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { caseContext } from '@yifa/engine';
import { decideDiscretion, explainDiscretion } from '@yifa/rules';
import { requirePermission } from '../auth/access.ts';
import { maskPersonalTexts } from '../documents/pii.ts';
import { mayReadPersonalData } from '../documents/view.ts';
import { AppError } from '../errors.ts';
import { documentsOf, partyView, reviewFor, reviewQueue, reviewView } from '../storage/case-view.ts';
import { type LoadedCase, loadCase } from '../storage/snapshot.ts';
import { legalDateOf } from '../time.ts';
import type { FieldProblem } from '../validation.ts';
import { dayOf, stateOf } from './case-views.ts';
import { fineOutsideTierView } from './fine-outside-tier.ts';
import { entryOf } from './matters.ts';
import { giveOpinion, reviewDocumentView } from './review-opinion.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

/**
 * The checklist of a review (宁夏住建厅 template, domain.md §1.3). The first five are true when
 * the case passes that check; crimeReferral is true when the case must go to the judicial
 * organs (涉嫌犯罪需移送), other when some other problem was found.
 */
const Checklist = z
  .object({
    subjectLawful: z.boolean(),
    procedureLawful: z.boolean(),
    factsClear: z.boolean(),
    lawCorrectDiscretionProper: z.boolean(),
    documentsComplete: z.boolean(),
    crimeReferral: z.boolean(),
    other: z.boolean(),
  })
  .strict()
  .openapi('ReviewChecklist');

const OpinionBody = z
  .object({
    opinion: z.enum(['agree', 'disagree', 'agree-after-change']),
    checklist: Checklist,
    comment: z.string().trim().max(2000).optional(),
    /**
     * The review document's other fields (法制审核情形, 送审材料, 修改建议 …), entered on the review
     * page; the fields the opinion fills (`source: review.*`) are not sent.
     */
    document: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/), z.unknown()).optional(),
  })
  .strict()
  .openapi('ReviewOpinion');

const QueueQuery = z
  .object({
    status: z.enum(['pending', 'decided']).default('pending'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .openapi('ReviewQueueQuery');

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('ReviewId');

const PASSING = ['subjectLawful', 'procedureLawful', 'factsClear', 'lawCorrectDiscretionProper', 'documentsComplete'];

/** Why an opinion contradicts its checklist or lacks its comment. */
function opinionProblems(b: z.infer<typeof OpinionBody>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (b.opinion !== 'agree' && !b.comment)
    problems.push({
      path: '/comment',
      code: 'comment-required',
      message: {
        zh: '不同意或修改后同意的，须写明审核意见和理由',
        en: 'a disagreement or a conditional agreement needs a comment',
      },
    });
  if (b.opinion === 'agree') {
    const list = b.checklist as Record<string, boolean>;
    const failing = [
      ...PASSING.filter((k) => !list[k]),
      ...(['crimeReferral', 'other'] as const).filter((k) => list[k]),
    ];
    for (const k of failing)
      problems.push({
        path: `/checklist/${k}`,
        code: 'agree-with-problems',
        message: {
          zh: '核查项存在问题的，不能出具同意意见',
          en: 'an opinion cannot agree while a checklist item finds a problem',
        },
      });
  }
  return problems;
}

/** The discretion decision on the case's facts, with its explanation (裁量基准适用情况). */
function discretionOf(l: LoadedCase, today: string) {
  const { matter } = l.snapshot;
  const benchmark = matter.discretion ? l.pack.items.discretion.get(matter.discretion) : undefined;
  if (!benchmark) return null;
  const { context } = caseContext(l.snapshot, today, l.env);
  const fine = l.row.facts.proposedFine;
  const result = decideDiscretion(
    benchmark,
    {
      ...context,
      violationDate: l.row.violationDate ?? legalDateOf(l.row.openedAt),
      ...(typeof fine === 'number' ? { proposedFine: fine } : {}),
    },
    l.env,
  );
  if (!result.ok) return { benchmark: benchmark.code, problems: result.issues.map((i) => i.message) };
  const d = result.value;
  return {
    benchmark: d.benchmark,
    version: d.version,
    outcome: d.outcome,
    tier: d.tier ?? null,
    noPenalty: d.noPenalty ?? null,
    legalRange: d.legalRange,
    circumstances: d.circumstances,
    proposedFine: d.proposedFine ?? null,
    proposedFineOutsideTier: d.proposedFineOutsideTier ?? null,
    proposedFineOutsideLegalRange: d.proposedFineOutsideLegalRange ?? null,
    explanation: { zh: explainDiscretion(d, 'zh'), en: explainDiscretion(d, 'en') },
  };
}

/** Penalty-kind codes with their names from the case's pinned pack. */
function penaltyKinds(l: LoadedCase, codes: unknown) {
  return Array.isArray(codes) ? codes.map((code) => entryOf(l.pack, 'penalty-kinds', String(code))) : [];
}

/** What a reviewer sees of the case under review: personal data masked, the party's and what free text names. */
async function caseSummary(l: LoadedCase, docs: Awaited<ReturnType<typeof documentsOf>>, today: string) {
  const { row, pack, snapshot } = l;
  const { matter } = snapshot;
  const labelled = (matter.facts ?? []).map((f) => {
    const value = row.facts[f.name] ?? null;
    // An enumerated value is the pack's word, not the officer's text: its English label goes along.
    const valueEn = typeof value === 'string' ? f.enumEn?.[f.enum?.indexOf(value) ?? -1] : undefined;
    return {
      name: f.name,
      label: f.label,
      labelEn: f.labelEn ?? null,
      value: maskPersonalTexts(value),
      ...(valueEn ? { valueEn } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
    };
  });
  return {
    id: row.id,
    number: row.number,
    state: stateOf(snapshot.workflow, row.state),
    subject: snapshot.subject,
    matter: { code: matter.code, name: matter.name, nameEn: matter.nameEn ?? null, cause: matter.cause ?? matter.name },
    party: partyView(row.party, false),
    violationDate: row.violationDate,
    openedAt: row.openedAt,
    proposedFine: row.facts.proposedFine ?? null,
    proposedPenalties: row.facts.proposedPenalties ?? [],
    // The kinds as the pack's codelist names them (罚款, not fine).
    proposedPenaltyKinds: penaltyKinds(l, row.facts.proposedPenalties),
    facts: labelled,
    enteredFacts: maskPersonalTexts(row.facts),
    discretion: discretionOf(l, today),
    // A fine outside its tier, as the server recorded it with the officer's reason (fine-outside-tier.ts).
    fineOutsideTier: maskPersonalTexts(fineOutsideTierView(l, today)),
    documents: docs.map((d) => {
      const form = pack.items.document.get(d.form);
      return { ...d, name: form?.name ?? d.form, nameEn: form?.nameEn ?? null };
    }),
    version: row.version,
  };
}

/** The review routes. */
export function reviewRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['reviews'],
      summary: '法制审核待办 / the legal review queue',
      request: { query: QueueQuery },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const today = dayOf(s.now());
      const query = c.req.valid('query');
      const { total, rows } = await reviewQueue(s.db, actor, query);
      const items = [];
      for (const { r: review, c: row, reviewerName } of rows) {
        const loaded = await loadCase(s.db, s.packs, row, today);
        items.push({
          ...reviewView(review, reviewerName),
          case: await caseSummary(loaded, await documentsOf(s.db, row.id), today),
          // The document the opinion fills, with what the reviewer enters of it on the same page.
          ...(review.decidedAt === null
            ? { document: await reviewDocumentView(s, loaded, today, await mayReadPersonalData(s.db, actor, row.id)) }
            : {}),
        });
      }
      return c.json({ status: query.status, total, page: query.page, pageSize: query.pageSize, items });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/opinion',
      tags: ['reviews'],
      summary: '出具法制审核意见 / give the review opinion',
      request: { params: IdParam, body: json(OpinionBody) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      const s = c.get('services');
      const at = s.now().toISOString();
      requirePermission(actor, 'review.perform');
      const qualificationRequired = actor.roles.some(
        (role) => role.permissions.includes('review.perform') && role.requiresLegalQualification,
      );
      if (qualificationRequired && !actor.user.legalQualification)
        throw new AppError('legal-qualification-required', { user: actor.user.id });
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { review, row } = await reviewFor(s.db, actor, id);
      if (review.decidedAt !== null) throw new AppError('review-decided', { review: id });
      if (row.createdBy === actor.user.id || row.officers.includes(actor.user.id))
        throw new AppError(
          'forbidden',
          { review: id, reason: 'recusal' },
          {
            zh: '承办本案的执法人员不得审核本案（回避，行政处罚法第四十三条）',
            en: 'an officer of the case may not review it (recusal, art. 43)',
          },
        );
      const problems = opinionProblems(body);
      if (problems.length)
        throw new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);
      const today = dayOf(s.now());
      const loaded = await loadCase(s.db, s.packs, row, today);
      const { decided, document, transition } = await giveOpinion(
        s,
        actor,
        loaded,
        {
          reviewId: id,
          caseId: row.id,
          opinion: body.opinion,
          checklist: body.checklist,
          comment: body.comment || null,
          actorId: actor.user.id,
          at,
        },
        review,
        body.document ?? {},
        today,
      );
      return c.json({ ...reviewView(decided, actor.user.displayName), document, transition });
    },
  );
  return r;
}
