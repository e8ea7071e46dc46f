/**
 * Execution (执行) of a case's penalty decision: where payment stands, the 加处罚款 and the window
 * to apply to the court (the engine's executionStatus), and recording a payment. The pack decides
 * which state is the execution (`kind: execution`), which documents are the decision (the
 * documents of its `kind: decision` states), and whether the decision gives a payment code (its
 * `paymentAccount` field); the fine is the decision's field that states the proposed fine.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { executionStatus, NATIONAL_EXECUTION_TERMS } from '@yifa/engine';
import type { ResolvedPack, Workflow } from '@yifa/metamodel';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type CaseRow, documents } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { documentFine } from '../fine-check.ts';
import { scopedCase } from '../storage/case-view.ts';
import { paymentsOf, recordPayment } from '../storage/payments.ts';
import { legalDateOf, localDate } from '../time.ts';
import { plainText } from '../validation.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('CaseId');
const PaymentInput = z
  .object({
    /** In fen (分). */
    amount: z.number().int().min(1).max(1e13),
    paidOn: z.iso.date(),
    reference: plainText(z.string().trim().min(1).max(200)).optional(),
  })
  .strict()
  .openapi('PaymentInput');

const fen = (yuan: unknown) => (typeof yuan === 'number' && Number.isFinite(yuan) ? Math.round(yuan * 100) : 0);

/** The issued decision of the case: the latest issued document of a form its decision states call for. */
async function decisionOf(db: Db, pack: ResolvedPack, workflow: Workflow, caseId: string) {
  const forms = workflow.states.filter((st) => st.kind === 'decision').flatMap((st) => st.documents ?? []);
  if (forms.length === 0) return undefined;
  const [doc] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.caseId, caseId), eq(documents.status, 'issued'), inArray(documents.formCode, forms)))
    .orderBy(desc(documents.issuedAt), desc(documents.version))
    .limit(1);
  const form = doc ? pack.items.document.get(doc.formCode) : undefined;
  if (!doc || !form) return undefined;
  const fine = documentFine(form, doc.data)?.fine ?? 0;
  const account = form.fields.find((f) => f.name === 'paymentAccount');
  const accountValue = account ? doc.data[account.name] : undefined;
  return {
    id: doc.id,
    number: doc.number,
    form: { code: form.code, name: form.name },
    fine: fen(fine),
    due: fen(fine) + fen(doc.data.confiscatedIncome),
    // Only where the pack's decision has the field, and the officer filled it.
    paymentCode:
      account && typeof accountValue === 'string' && accountValue.trim()
        ? { label: account.title, labelEn: account.titleEn ?? null, value: accountValue }
        : null,
  };
}

/** The execution view of a case, or null when its workflow has no execution state or it is not there yet. */
async function executionOf(db: Db, pack: ResolvedPack, row: CaseRow, today: string) {
  const workflow = pack.items.workflow.get(row.workflowCode);
  const state = workflow?.states.find((st) => st.kind === 'execution');
  const entered = state ? row.stateEntered[state.code] : undefined;
  if (!workflow || !state || !entered) return { state: state?.code ?? null, active: false as const };
  const decision = await decisionOf(db, pack, workflow, row.id);
  const rows = await paymentsOf(db, row.id);
  // Service is confirmed on entering execution (确认送达 after the 送达回证): the payment period counts from that day.
  const servedOn = legalDateOf(entered);
  const status = decision
    ? executionStatus({
        fine: decision.fine,
        due: decision.due,
        servedOn,
        payments: rows.map((p) => ({ amount: p.amount, paidOn: p.paidOn })),
        today,
      })
    : null;
  return {
    state: state.code,
    active: row.state === state.code,
    servedOn,
    decision,
    terms: NATIONAL_EXECUTION_TERMS,
    status,
    payments: rows.map((p) => ({ id: p.id, amount: p.amount, paidOn: p.paidOn, reference: p.reference })),
  };
}

/** The execution routes. */
export function executionRoutes() {
  const r = router();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/cases/{id}/execution',
      tags: ['cases'],
      summary: '执行情况：缴款、加处罚款、申请强制执行期限 / execution: payments, surcharge, court application window',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const { row } = await scopedCase(s.db, c.get('actor'), c.req.valid('param').id, ['case.read']);
      const pack = await s.packs.byHash(row.packHash);
      return c.json(await executionOf(s.db, pack, row, localDate(s.now())));
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/payments',
      tags: ['cases'],
      summary: '登记缴款 / record a payment',
      request: { params: IdParam, body: json(PaymentInput) },
      responses: { 201: { description: 'Recorded / 已登记' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { row } = await scopedCase(s.db, actor, c.req.valid('param').id, ['case.transition']);
      const pack = await s.packs.byHash(row.packHash);
      const state = pack.items.workflow.get(row.workflowCode)?.states.find((st) => st.kind === 'execution');
      if (!state || row.state !== state.code)
        throw new AppError(
          'transition-refused',
          { case: row.id, state: row.state },
          { zh: '只有在执行环节才能登记缴款', en: 'payments are recorded in the execution step only' },
        );
      const body = c.req.valid('json');
      const today = localDate(s.now());
      if (body.paidOn > today)
        throw new AppError('validation', {
          problems: [
            {
              path: '/paidOn',
              code: 'future-date',
              message: { zh: '缴款日期不能晚于今天', en: 'the day of payment cannot be in the future' },
            },
          ],
        });
      const payment = await recordPayment(s.db, {
        caseId: row.id,
        amount: body.amount,
        paidOn: body.paidOn,
        reference: body.reference ?? null,
        actorId: actor.user.id,
        at: s.now().toISOString(),
      });
      return c.json({ payment, execution: await executionOf(s.db, pack, row, today) }, 201);
    },
  );
  return r;
}
