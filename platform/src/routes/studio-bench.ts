/**
 * The studio's rule test bench and validation as you type (#14), on a working copy with one item
 * edited and not saved:
 * - `POST /{id}/bench` evaluates a discretion benchmark, a workflow's guards, an alert rule or an
 *   assessment scheme for facts (studio/bench.ts) — the facts the item reads, and with `input`
 *   the result, its explanation and the golden case that holds it;
 * - `POST /{id}/bench/golden` adds such a case to a `test` item of the copy (one save, audited);
 * - `POST /{id}/validate-draft` validates the copy as it would be with the item saved.
 * Evaluating and validating save nothing: the draft is the files a save would write, resolved in
 * memory (`draftWorkspace`). All need `pack.author`.
 */
import { z } from '@hono/zod-openapi';
import type { ItemKind, PackTestSuite } from '@yifa/metamodel';
import { ruleEnvFromPack } from '@yifa/rules';
import { AppError } from '../errors.ts';
import { BENCH_KINDS, benchFacts, benchMetrics, evaluateBench } from '../studio/bench.ts';
import { workspaceIssues } from '../studio/workspace-resolve.ts';
import { issueView } from '../studio/workspace-views.ts';
import { draftWorkspace, saveItems, valueProblems } from '../studio/workspaces.ts';
import { jsonBody as json, router } from './router.ts';
import { Id, KINDS, loaded, route } from './studio-workspace-common.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Code = z.string().min(1).max(200);

const BenchInput = z
  .object({
    facts: z.record(z.string().min(1).max(100), z.unknown()).optional(),
    violationDate: Day.optional(),
    proposedFine: z.number().min(0).optional(),
    state: Code.optional(),
    roles: z.array(Code).max(50).optional(),
    date: Day.optional(),
    today: Day.optional(),
    org: Code.optional(),
    metrics: z.record(z.string().min(1).max(60), z.number().min(0)).optional(),
  })
  .strict();

const BenchBody = z
  .object({
    kind: z.enum(BENCH_KINDS),
    code: Code,
    /** The item as edited; the saved item when absent. */
    value: z.record(z.string(), z.unknown()).optional(),
    input: BenchInput.optional(),
  })
  .strict()
  .openapi('StudioBench');

const GoldenBody = z
  .object({
    case: z.record(z.string(), z.unknown()),
    suite: z
      .string()
      .regex(/^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/)
      .max(64)
      .default('studio-bench'),
    revision: z.number().int().min(1),
  })
  .strict()
  .openapi('StudioBenchGolden');

const DraftBody = z
  .object({ kind: z.enum(KINDS), code: Code, value: z.record(z.string(), z.unknown()) })
  .strict()
  .openapi('StudioValidateDraft');

/** The bench, save-as-golden and validate-draft routes, under /api/v1/studio/workspaces. */
export function studioBenchRoutes() {
  const r = router();

  r.openapi(
    route('post', '/{id}/bench', '测试台：以未保存的条目求值 / rule bench on the unsaved item', {
      params: Id,
      body: json(BenchBody),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { kind, code, value, input } = c.req.valid('json');
      const { row, ws, services } = await loaded(c, id);
      if (value) {
        const problems = valueProblems(kind, code, value);
        if (problems.length > 0)
          throw new AppError(
            'validation',
            { problems },
            {
              zh: `条目不符合格式，不能求值：${problems.map((p) => `${p.pointer || '/'} ${p.message.zh}`).join('；')}`,
              en: `the item does not fit its schema and cannot be evaluated: ${problems.map((p) => `${p.pointer || '/'} ${p.message.en}`).join('; ')}`,
            },
          );
      }
      const draft = value
        ? await draftWorkspace(services.db, row, [{ kind, code, value }], { packs: services.packs, now: services.now })
        : ws;
      const item = (draft.pack.items[kind] as unknown as ReadonlyMap<string, Record<string, unknown>>).get(code);
      if (!item)
        throw new AppError(
          'not-found',
          { kind, code },
          { zh: `工作副本中没有 ${kind} ${code}`, en: `the working copy has no ${kind} ${code}` },
        );
      const pack = draft.pack;
      const asks =
        kind === 'assessment'
          ? { metrics: benchMetrics(item) }
          : {
              facts: benchFacts(pack, kind, item),
              ...(kind === 'workflow'
                ? {
                    states: ((item.states ?? []) as { code: string; name: string; nameEn?: string }[]).map((s) => ({
                      code: s.code,
                      name: s.name,
                      ...(s.nameEn ? { nameEn: s.nameEn } : {}),
                    })),
                    start: item.start,
                    roles: [...pack.items.role.values()].map((x) => ({
                      code: x.code,
                      name: x.name,
                      ...(x.nameEn ? { nameEn: x.nameEn } : {}),
                    })),
                  }
                : {}),
            };
      if (!input) return c.json({ kind, code, ...asks });
      const env = ruleEnvFromPack(pack as never);
      const evaluated = evaluateBench(pack, kind, code, input, env);
      return c.json({ kind, code, ...asks, ...evaluated });
    },
  );

  r.openapi(
    route('post', '/{id}/bench/golden', '测试台：存为黄金用例 / save the bench as a golden case', {
      params: Id,
      body: json(GoldenBody),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { ws, services } = await loaded(c, id);
      const existing = ws.pack.items.test.get(body.suite) as PackTestSuite | undefined;
      const suite = existing
        ? { ...existing, cases: [...existing.cases, body.case] }
        : { code: body.suite, name: '配置工作室测试台用例', cases: [body.case] };
      const name = body.case.name;
      if (typeof name === 'string' && existing?.cases.some((x) => x.name === name))
        throw new AppError(
          'validation',
          {
            problems: [{ pointer: '/case/name', message: { zh: '同名用例已存在', en: 'a case of this name exists' } }],
          },
          {
            zh: `黄金测试 ${body.suite} 已有用例“${name}”，请换一个名称`,
            en: `golden tests ${body.suite} already have a case named "${name}": choose another name`,
          },
        );
      const saved = await saveItems(
        services.db,
        id,
        {
          revision: body.revision,
          actor: c.get('actor').user.id,
          items: [{ kind: 'test', code: body.suite, value: suite as unknown as Record<string, unknown> }],
        },
        { packs: services.packs, now: services.now },
      );
      return c.json({
        revision: saved.revision,
        suite: body.suite,
        index: suite.cases.length - 1,
        file: saved.saved[0]?.file ?? null,
      });
    },
  );

  r.openapi(
    route('post', '/{id}/validate-draft', '以未保存的条目校验工作副本 / validate the copy with an unsaved item', {
      params: Id,
      body: json(DraftBody),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { kind, code, value } = c.req.valid('json');
      const started = performance.now();
      const { row, services } = await loaded(c, id);
      let issues: ReturnType<typeof issueView>[];
      try {
        const draft = await draftWorkspace(services.db, row, [{ kind: kind as ItemKind, code, value }], {
          packs: services.packs,
          now: services.now,
        });
        issues = workspaceIssues(draft).map(issueView);
      } catch (e) {
        // An edit that cannot be written as an override: its problems are the item's issues.
        if (!(e instanceof AppError) || e.code !== 'validation') throw e;
        const problems = ((e.details as { problems?: { pointer: string; message: { zh: string; en: string } }[] })
          ?.problems ?? [{ pointer: '', message: e.messages }]) as {
          pointer: string;
          message: { zh: string; en: string };
        }[];
        issues = problems.map((p) => ({
          severity: 'error' as const,
          code: 'studio.override',
          message: p.message,
          pack: row.packId,
          kind: kind as ItemKind,
          itemCode: code,
          pointer: p.pointer,
        }));
      }
      const item = issues.filter((i) => i.kind === kind && i.itemCode === code);
      return c.json({ issues, item, ms: Math.round(performance.now() - started) });
    },
  );

  return r;
}
