/**
 * 案卷评查: review rounds (create and draw at once — period, subjects, checklist, rule — with the
 * seed and algorithm shown; verify the draw again from the audit record), their sampled files, the
 * scoring of a file against the pack's checklist (drafts, finish = lock, corrections with a
 * reason), and results per subject. Permissions: file-review.run, file-review.score,
 * file-review.read, each with its role's scope enforced in SQL (file-review/).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { checklistTotal, type ResolvedPack, type ReviewChecklist } from '@yifa/metamodel';
import { eq, inArray } from 'drizzle-orm';
import { type Actor, scopeFor } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { type FileReviewRoundRow, type FileReviewRow, fileReviewRounds, organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { assignReviewers, reviewersFor } from '../file-review/assign.ts';
import {
  correctReview,
  reviewsOfRound,
  roundResults,
  sampledSummary,
  scopedReview,
  scoreReview,
} from '../file-review/reviews.ts';
import { createRound, listRounds, scopedRound, subjectsForRound, verifyRound } from '../file-review/rounds.ts';
import { plainText } from '../validation.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('FileReviewId');
const RoundInput = z
  .object({
    name: plainText(z.string().trim().min(1).max(200)),
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    checklist: z.string().min(1).max(64),
    subjects: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
    rule: z
      .object({
        kind: z.enum(['share', 'count']),
        value: z.number().positive().max(10_000),
        per: z.enum(['subject', 'subject-workflow']),
      })
      .strict(),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict()
  .openapi('FileReviewRoundInput');
const Mark = z
  .object({
    point: z.string().min(1).max(64),
    deduction: z.string().min(1).max(64).optional(),
    points: z.number().positive().max(100).optional(),
    note: plainText(z.string().max(1000)),
  })
  .strict();
const ScoreInput = z
  .object({ version: z.number().int().min(1), marks: z.array(Mark).max(200), finish: z.boolean() })
  .strict()
  .openapi('FileReviewScoreInput');
const CorrectInput = z
  .object({
    version: z.number().int().min(1),
    marks: z.array(Mark).max(200),
    reason: plainText(z.string().trim().min(2).max(1000)),
  })
  .strict()
  .openapi('FileReviewCorrectInput');

const AssignInput = z
  .object({
    assignments: z
      .array(z.object({ file: z.string().min(1).max(100), reviewer: z.string().min(1).max(100).nullable() }).strict())
      .min(1)
      .max(1000),
  })
  .strict()
  .openapi('FileReviewAssignInput');

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const SummaryQuery = z
  .object({ from: Month.optional(), to: Month.optional(), org: z.string().min(1).max(100).optional() })
  .strict()
  .openapi('FileReviewSummaryQuery');

const mayDo = (actor: Actor) => ({
  run: scopeFor(actor, 'file-review.run') !== undefined,
  read: scopeFor(actor, 'file-review.read') !== undefined,
  score: scopeFor(actor, 'file-review.score') !== undefined,
});

/** The checklist as the scoring form shows it, with its maximum total. */
function checklistView(c: ReviewChecklist | undefined) {
  if (!c) return null;
  return { ...c, max: checklistTotal(c) };
}

async function names(db: Db, table: 'users' | 'organisations', ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows =
    table === 'users'
      ? await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, [...ids]))
      : await db
          .select({ id: organisations.code, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.code, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function roundView(db: Db, pack: ResolvedPack, r: FileReviewRoundRow) {
  const c = pack.items['review-checklist'].get(r.checklistCode);
  const orgs = await names(db, 'organisations', r.subjects);
  return {
    id: r.id,
    name: r.name,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    checklist: { code: r.checklistCode, name: c?.name ?? r.checklistCode, nameEn: c?.nameEn ?? null },
    subjects: r.subjects.map((code) => ({ code, name: orgs.get(code) ?? code })),
    rule: r.rule,
    seed: r.seed,
    algorithm: r.algorithm,
    strata: r.strata.map((s) => {
      const wf = s.workflow ? pack.items.workflow.get(s.workflow) : undefined;
      return {
        ...s,
        subjectName: orgs.get(s.subject) ?? s.subject,
        workflowName: wf?.name ?? s.workflow,
        workflowNameEn: wf?.nameEn ?? null,
      };
    }),
    createdAt: r.createdAt,
  };
}

async function filesView(db: Db, rows: FileReviewRow[]) {
  const orgs = await names(db, 'organisations', [...new Set(rows.map((r) => r.subjectOrg))]);
  const people = await names(db, 'users', [
    ...new Set(rows.flatMap((r) => [r.reviewerId, r.assigneeId].filter((x): x is string => x !== null))),
  ]);
  return rows.map((r) => ({
    id: r.id,
    ordinal: r.ordinal,
    case: { id: r.caseId, number: r.caseNumber },
    subject: { code: r.subjectOrg, name: orgs.get(r.subjectOrg) ?? r.subjectOrg },
    workflow: r.workflowCode,
    state: r.state,
    total: r.total,
    qualified: r.qualified,
    reviewer: r.reviewerId ? { id: r.reviewerId, name: people.get(r.reviewerId) ?? r.reviewerId } : null,
    assignee: r.assigneeId ? { id: r.assigneeId, name: people.get(r.assigneeId) ?? r.assigneeId } : null,
    finishedAt: r.finishedAt,
    corrections: r.corrections,
    version: r.version,
  }));
}

/**
 * The pack version a file's round was drawn under: its checklist scores the file, so a pack
 * activated mid-round changes nothing of how the round's files are scored.
 */
async function pinnedPack(
  s: { db: Db; packs: { byHash(hash: string): Promise<ResolvedPack> } },
  review: FileReviewRow,
): Promise<ResolvedPack> {
  const [round] = await s.db
    .select({ packHash: fileReviewRounds.packHash })
    .from(fileReviewRounds)
    .where(eq(fileReviewRounds.id, review.roundId));
  if (!round) throw new AppError('not-found', { round: review.roundId });
  return s.packs.byHash(round.packHash);
}

/** The 案卷评查 routes, mounted at /api/v1/file-review. */
export function fileReviewRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/rounds',
      tags: ['file-review'],
      summary: '评查批次 / review rounds in scope, newest first, and the checklists and subjects a new round may use',
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const rounds = await listRounds(s.db, actor);
      const checklists = [...pack.items['review-checklist'].values()].map((k) => ({
        code: k.code,
        name: k.name,
        nameEn: k.nameEn ?? null,
        workflows: k.appliesTo.workflows ?? [],
      }));
      const items = [];
      for (const round of rounds) items.push(await roundView(s.db, await s.packs.byHash(round.packHash), round));
      return c.json({ items, checklists, subjects: await subjectsForRound(s.db, actor), may: mayDo(actor) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/summary',
      tags: ['file-review'],
      summary:
        '抽查案卷 / files sampled by the rounds drawn in the months given, under an organisation: drawn, reviewed, passed (the supervision first screen)',
      request: { query: SummaryQuery },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const q = c.req.valid('query');
      return c.json(await sampledSummary(s.db, c.get('actor'), q));
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/rounds',
      tags: ['file-review'],
      summary: '抽取评查案卷 / create a round and draw its case files at random (seed recorded)',
      request: { body: json(RoundInput) },
      responses: { 201: { description: 'Created / 已创建' } },
    }),
    async (c) => {
      const s = c.get('services');
      const round = await createRound(s.db, c.get('actor'), c.get('pack'), c.req.valid('json'), s.now().toISOString());
      return c.json(await roundView(s.db, c.get('pack').pack, round), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}',
      tags: ['file-review'],
      summary: '评查批次 / one round: its draw, and the sampled files in scope',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const round = await scopedRound(s.db, actor, c.req.valid('param').id);
      const files = await filesView(s.db, await reviewsOfRound(s.db, actor, round.id));
      const pinned = await s.packs.byHash(round.packHash);
      return c.json({ ...(await roundView(s.db, pinned, round)), files, may: mayDo(actor) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/verify',
      tags: ['file-review'],
      summary: '复核抽取 / draw again from the recorded seed and candidates and compare',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const round = await scopedRound(s.db, c.get('actor'), c.req.valid('param').id);
      return c.json(await verifyRound(s.db, round));
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/results',
      tags: ['file-review'],
      summary: '评查结果 / per subject in scope: files sampled, finished, qualified, average score',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const round = await scopedRound(s.db, actor, c.req.valid('param').id);
      const rows = await roundResults(s.db, actor, round.id);
      const orgs = await names(
        s.db,
        'organisations',
        rows.map((x) => x.subject),
      );
      return c.json({
        round: { id: round.id, name: round.name },
        items: rows.map((x) => ({ ...x, subjectName: orgs.get(x.subject) ?? x.subject })),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/rounds/{id}/reviewers',
      tags: ['file-review'],
      summary: '评查人员 / the active case-file reviewers the round’s organiser may assign files to',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      return c.json({ items: await reviewersFor(s.db, c.get('actor'), c.get('pack').pack, c.req.valid('param').id) });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/rounds/{id}/assign',
      tags: ['file-review'],
      summary:
        '分配评查人员 / assign sampled files to reviewers (or take them back), all or none; 回避 of the case’s officers and, where the checklist says so, of its subject',
      request: { params: IdParam, body: json(AssignInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      await assignReviewers(
        s.db,
        actor,
        s.packs,
        c.req.valid('param').id,
        c.req.valid('json').assignments,
        s.now().toISOString(),
      );
      return c.json({ files: await filesView(s.db, await reviewsOfRound(s.db, actor, c.req.valid('param').id)) });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/files/{id}',
      tags: ['file-review'],
      summary: '评查案卷 / a sampled file: its case, the checklist and the marks so far',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const review = await scopedReview(s.db, actor, c.req.valid('param').id, 'file-review.read');
      const [file] = await filesView(s.db, [review]);
      const round = await scopedRound(s.db, actor, review.roundId);
      return c.json({
        ...file,
        marks: review.marks,
        round: { id: round.id, name: round.name },
        // The checklist of the pack version the round was drawn under, not the one active now.
        checklist: checklistView(
          (await s.packs.byHash(round.packHash)).items['review-checklist'].get(review.checklistCode),
        ),
        may: mayDo(actor),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/files/{id}/score',
      tags: ['file-review'],
      summary: '评分 / save the marks (draft), or finish the review, which locks it',
      request: { params: IdParam, body: json(ScoreInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const review = await scopedReview(s.db, actor, c.req.valid('param').id, 'file-review.score');
      const row = await scoreReview(
        s.db,
        actor,
        await pinnedPack(s, review),
        review,
        c.req.valid('json'),
        s.now().toISOString(),
      );
      const [file] = await filesView(s.db, [row]);
      return c.json({ ...file, marks: row.marks });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/files/{id}/correct',
      tags: ['file-review'],
      summary: '更正评分 / correct a finished review, with a reason (audited before and after)',
      request: { params: IdParam, body: json(CorrectInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const review = await scopedReview(s.db, actor, c.req.valid('param').id, 'file-review.score');
      const row = await correctReview(
        s.db,
        actor,
        await pinnedPack(s, review),
        review,
        c.req.valid('json'),
        s.now().toISOString(),
      );
      const [file] = await filesView(s.db, [row]);
      return c.json({ ...file, marks: row.marks });
    },
  );

  return r;
}
