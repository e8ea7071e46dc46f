/**
 * The rules a case's screens evaluate in the browser: from the case's pinned pack, the document
 * forms of its matter, its discretion benchmark, the parameters, named conditions and holiday
 * calendars those compile against, the facts an officer records, the facts, timeline and
 * deadlines the case presents to the rules, and the documents its present state calls for. The
 * web app builds a rule environment from these and runs the same compiled field rules and
 * discretion the server runs (no eval, no copy of the rules in the app's code); the server
 * still checks every write itself.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { caseContext } from '@yifa/engine';
import { PLATFORM_FACTS } from '@yifa/metamodel';
import { issuersOf } from '../documents/procedure.ts';
import { caseFor } from '../storage/cases.ts';
import { loadCase } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';
import { factDefinitions } from './matters.ts';
import { OK as ok, router } from './router.ts';

/** The codelists platform facts are declared with (proposedPenalties → penalty-kinds). */
const PLATFORM_CODELISTS = [...new Set(PLATFORM_FACTS.flatMap((f) => (f.codelist ? [f.codelist] : [])))];

const Id = z.object({ id: z.string().min(1).max(100) }).strict();

/** The case-rules route, mounted at /api/v1. */
export function caseRulesRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/cases/{id}/rules',
      tags: ['cases'],
      summary: '案件适用的表单规则与裁量基准 / the forms, discretion and rule environment of a case',
      request: { params: Id },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const today = localDate(s.now());
      const row = await caseFor(s.db, c.get('actor'), c.req.valid('param').id, 'case.read');
      const loaded = await loadCase(s.db, s.packs, row, today);
      const { pack, snapshot } = loaded;
      const { context } = caseContext(snapshot, today, loaded.env);
      const { matter } = snapshot;
      const benchmark = matter.discretion ? pack.items.discretion.get(matter.discretion) : undefined;
      c.header('cache-control', 'no-store');
      // The documents the workflow lists for the case's present state, to put first; the server
      // lets the step create them even when the matter does not list them (a 送达回证, a waiver).
      const stateDocuments = snapshot.workflow.states.find((x) => x.code === row.state)?.documents ?? [];
      const forms = [...new Set([...matter.documents, ...stateDocuments])]
        .map((code) => pack.items.document.get(code))
        .filter((f) => f !== undefined);
      return c.json({
        packHash: row.packHash,
        today,
        matter: matter.code,
        stateDocuments,
        // Names of every action of the workflow, for the timeline of past steps.
        actionNames: Object.fromEntries(
          snapshot.workflow.transitions.map((t) => [t.action, { zh: t.name, en: t.nameEn ?? t.name }]),
        ),
        forms,
        // Who issues (签发) each form that names its issuers, by form: the documents panel says who will.
        issuers: Object.fromEntries(
          forms.flatMap((f) => {
            const who = issuersOf(pack, f);
            return who ? [[f.code, who]] : [];
          }),
        ),
        discretion: benchmark ?? null,
        // The values in force for this case (its subject's, its sector's, today's), as the server judges it.
        parameters: [...loaded.env.params.values()],
        conditions: [...pack.items.condition.values()],
        calendars: [...pack.items.calendar.values()],
        // The codelists platform facts take their values from (penalty-kinds): a tier's penalties
        // and a refusal's values read as the pack names them (警告, not warning).
        codelists: PLATFORM_CODELISTS.flatMap((code) => {
          const list = pack.items.codelist.get(code);
          return list ? [list] : [];
        }),
        facts: factDefinitions(matter, pack),
        context,
      });
    },
  );
  return r;
}
