import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { verifyChain } from '../audit/chain.ts';
import { auditEvents, cases, documents } from '../db/schema.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let caseId = '';
const CODE = '9912345678901234567';

/** Beijing noon of a day. */
const noon = (day: string) => new Date(`${day}T04:00:00Z`);

/**
 * Takes the case to 执行 as the workflow leaves it there: the decision issued and service confirmed
 * on 2026-06-01 (the transitions themselves are tested with the workflow; this is about what follows).
 */
async function toExecution(paymentAccount: string | undefined) {
  await server.db.insert(documents).values({
    id: randomUUID(),
    caseId,
    formCode: 'penalty-decision',
    version: 1,
    status: 'issued',
    number: '津滨市监罚〔2026〕0001号',
    data: { penalties: ['罚款'], fine: 70000, ...(paymentAccount ? { paymentAccount } : {}) },
    formHash: 'test',
    createdBy: 'test',
    issuedAt: '2026-05-28T02:00:00.000Z',
  });
  const [row] = await server.db.select().from(cases).where(eq(cases.id, caseId));
  await server.db
    .update(cases)
    .set({ state: 'execution', stateEntered: { ...row?.stateEntered, execution: '2026-06-01T02:00:00.000Z' } })
    .where(eq(cases.id, caseId));
}

beforeAll(async () => {
  server = await startTestServer();
  server.setClock(() => noon('2026-05-20'));
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const li = await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  // The case's second officer (第四十二条); wang.officer stays an officer of another case.
  const zhou = await server.user({ username: 'zhou.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert });
  officer = await server.as('li.officer');
  const res = await officer.post('/api/v1/cases', {
    matter: '120116-SCJ-CF-0001-01',
    officers: [li.id, zhou.id],
    party: { kind: 'organisation', name: '天津某食品有限公司', idNumber: '91350100M000100Y43' },
  });
  caseId = ((await res.json()) as Json).id;
});

describe('execution: payments, 加处罚款 and the court application window', () => {
  it('is not there before the case reaches 执行, and takes no payment', async () => {
    const view = await (await officer.get(`/api/v1/cases/${caseId}/execution`)).json();
    expect(view).toEqual({ state: 'execution', active: false });
    const pay = await officer.post(`/api/v1/cases/${caseId}/payments`, { amount: 100, paidOn: '2026-05-20' });
    expect(pay.status).toBe(409);
    expect(((await pay.json()) as Json).error.message.zh).toContain('执行环节');
  });

  it('counts from the day service was confirmed, with the decision’s fine and payment code', async () => {
    await toExecution(`非税收入电子缴款码 ${CODE}`);
    server.setClock(() => noon('2026-06-20'));
    // Sessions end after the idle time: days later, the officer signs in again.
    officer = await server.as('li.officer');
    const view = (await (await officer.get(`/api/v1/cases/${caseId}/execution`)).json()) as Json;
    expect(view).toMatchObject({
      active: true,
      servedOn: '2026-06-01',
      decision: {
        number: '津滨市监罚〔2026〕0001号',
        fine: 7_000_000,
        due: 7_000_000,
        paymentCode: { label: '缴款银行、账户或电子缴款码', value: `非税收入电子缴款码 ${CODE}` },
      },
      status: {
        paymentDue: '2026-06-16',
        overdueDays: 4,
        surcharge: 840_000,
        outstanding: 7_840_000,
        courtApplication: { from: '2026-12-02', due: '2027-03-01' },
      },
      payments: [],
    });
  });

  it('records a payment with its audit event; the surcharge stops on the day the fine was paid', async () => {
    const res = await officer.post(`/api/v1/cases/${caseId}/payments`, {
      amount: 7_000_000,
      paidOn: '2026-06-18',
      reference: CODE,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as Json;
    expect(body.execution.status).toMatchObject({ overdueDays: 2, surcharge: 420_000, outstanding: 420_000 });
    const [event] = await server.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, caseId), eq(auditEvents.action, 'case.payment')));
    expect(event?.after).toEqual({ amount: 7_000_000, paidOn: '2026-06-18', reference: CODE });
    expect(event?.target).toBe(body.payment.id);
    expect((await verifyChain(server.db)).ok).toBe(true);
    server.setClock(() => noon('2026-07-30'));
    officer = await server.as('li.officer');
    const later = (await (await officer.get(`/api/v1/cases/${caseId}/execution`)).json()) as Json;
    expect(later.status).toMatchObject({ surcharge: 420_000, outstanding: 420_000 });
    expect(later.payments).toEqual([{ id: body.payment.id, amount: 7_000_000, paidOn: '2026-06-18', reference: CODE }]);
  });

  it('refuses a payment dated in the future, an empty one, and one by an officer of another case', async () => {
    const future = await officer.post(`/api/v1/cases/${caseId}/payments`, { amount: 100, paidOn: '2026-08-01' });
    expect(future.status).toBe(422);
    expect(((await future.json()) as Json).error.details.problems[0].path).toBe('/paidOn');
    const empty = await officer.post(`/api/v1/cases/${caseId}/payments`, { amount: 0, paidOn: '2026-07-01' });
    expect(empty.status).toBe(422);
    const other = await server.as('wang.officer');
    expect((await other.post(`/api/v1/cases/${caseId}/payments`, { amount: 1, paidOn: '2026-07-01' })).status).toBe(
      404,
    );
    expect((await other.get(`/api/v1/cases/${caseId}/execution`)).status).toBe(404);
  });
});
