/**
 * A small recorded history for the assessment's tests: two subjects of Binhai (市场监管局 A and
 * 生态环境局 B), their officers and certificates, cases in and around 2026 with the states they
 * entered, 法制审核 opinions and case sources — rows as the case routes leave them, counted by
 * hand in the comments (the tests' expectations). Used only by tests.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { caseSources, cases, organisations, reviews, users } from '../db/schema.ts';

export const A = '120116-SCJ';
export const B = '120116-STJ';
/** Matters of A's authority items 0001 and 0002, and of B's 0001 and 0002 (all penalty-ordinary). */
export const MA1 = '120116-SCJ-CF-0001-01';
export const MA2 = '120116-SCJ-CF-0002-01';
export const MB1 = '120116-STJ-CF-0001-01';
export const MB2 = '120116-STJ-CF-0002-01';

const CERT = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };

/** The states of penalty-ordinary a case decided and closed went through. */
const THROUGH_CLOSED = [
  'filing',
  'investigation',
  'case-review',
  'legal-review',
  'notification',
  'decision',
  'service',
  'execution',
  'closed',
];

type AddUser = (
  username: string,
  orgCode: string,
  roles: string[],
  extra?: { certificateNo?: string; certificateValidUntil?: string; legalQualification?: boolean },
) => Promise<string>;

/**
 * Writes the history; returns the ids by name. Hand counts for the period 2026-01-01…2026-12-31
 * (as of 2026-12-31):
 *
 * A: officers a1 a2 a3 a4 a7 = 5 (a6 disabled; a5 a department head); certified a1 a2 a3 a7 = 4
 *    (a4's certificate ended 2026-06-30); cases c1 c2 c3 c6 (enforcement) and c7 (legal affairs),
 *    c4 opened 2025-12-31 and c5 on 2027-01-01 China time are outside; officers who acted a1 a2 a3
 *    = 3; enforcementActions 4; cases 4; closed c1 = 1 (c6 closed 2027-01-05); major c1 c3 = 2
 *    (c2 entered 法制审核 but no decision yet); reviewed c1 = 1 (c3's opinion disagreed); authority
 *    items 10 of Binhai's list (with the 双随机抽查 item), exercised 0001 and 0002 = 2; case sources: complaints s1 s2 = 2,
 *    handled in time s1 = 1 (s4 is of 2025, s2 decided late); undecided past their day on 12-31:
 *    s3 and s4 (of 2025, still pending) = 2 — s2 was decided (late) on 05-25, before.
 * B: officers b1 b2 = 2, certified 2; cases d1 d2 d3; officers who acted 2; enforcementActions 3;
 *    cases 3; closed d1 d3 = 2; major 0; authority items 8, exercised 2; no case sources.
 */
export async function writeHistory(db: Db, packHash: string, addUser: AddUser): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const expired = { certificateNo: '12011620260009', certificateValidUntil: '2026-06-30' };
  for (const [name, org, roles, extra] of [
    ['a1', A, ['officer'], CERT],
    ['a2', A, ['officer'], CERT],
    ['a3', A, ['officer'], CERT],
    ['a4', A, ['officer'], expired],
    ['a5', A, ['department-head'], {}],
    ['a6', A, ['officer'], CERT],
    ['a7', A, ['officer'], CERT],
    ['b1', B, ['officer'], CERT],
    ['b2', B, ['officer'], CERT],
  ] as const)
    ids[name] = await addUser(`asm.${name}`, org, [...roles], extra);
  await db
    .update(users)
    .set({ disabled: true })
    .where(eq(users.id, ids.a6 as string));

  const paths = new Map(
    (await db.select({ code: organisations.code, path: organisations.path }).from(organisations)).map((o) => [
      o.code,
      o.path,
    ]),
  );
  let n = 0;
  const addCase = async (
    name: string,
    c: {
      subject: string;
      matter: string;
      officers: string[];
      openedAt: string;
      states: string[];
      closedAt?: string;
      category?: string;
      workflow?: string;
    },
  ) => {
    const id = randomUUID();
    ids[name] = id;
    n += 1;
    const stateEntered = Object.fromEntries(c.states.map((s) => [s, c.openedAt]));
    await db.insert(cases).values({
      id,
      number: `津滨考核测〔2026〕${n}号`,
      matterCode: c.matter,
      workflowCode: c.workflow ?? 'penalty-ordinary',
      category: c.category ?? 'enforcement',
      subjectOrg: c.subject,
      subjectPath: paths.get(c.subject) ?? c.subject,
      packHash,
      state: c.states[c.states.length - 1] as string,
      party: { kind: 'organisation', name: '某公司', idNumber: 'sealed' },
      facts: {},
      officers: c.officers.map((o) => ids[o] as string),
      stateEntered,
      extensions: {},
      openedAt: c.openedAt,
      closedAt: c.closedAt ?? null,
      createdBy: ids[c.officers[0] as string] as string,
    });
  };
  await addCase('c1', {
    subject: A,
    matter: MA1,
    officers: ['a1', 'a2'],
    openedAt: '2026-02-02T02:00:00.000Z',
    states: THROUGH_CLOSED,
    closedAt: '2026-06-01T02:00:00.000Z',
  });
  await addCase('c2', {
    subject: A,
    matter: MA1,
    officers: ['a1', 'a3'],
    openedAt: '2026-03-02T02:00:00.000Z',
    states: ['filing', 'investigation', 'case-review', 'legal-review', 'notification', 'decision'],
  });
  await addCase('c3', {
    subject: A,
    matter: MA2,
    officers: ['a2', 'a3'],
    openedAt: '2026-04-01T02:00:00.000Z',
    states: ['filing', 'investigation', 'case-review', 'legal-review', 'notification', 'decision', 'service'],
  });
  // 2025-12-31 23:00 China time: last year.
  await addCase('c4', {
    subject: A,
    matter: MA1,
    officers: ['a1', 'a2'],
    openedAt: '2025-12-31T15:00:00.000Z',
    states: THROUGH_CLOSED,
    closedAt: '2026-02-01T02:00:00.000Z',
  });
  // 2027-01-01 01:00 China time: next year.
  await addCase('c5', {
    subject: A,
    matter: MA1,
    officers: ['a4', 'a7'],
    openedAt: '2026-12-31T17:00:00.000Z',
    states: ['filing'],
  });
  await addCase('c6', {
    subject: A,
    matter: MA2,
    officers: ['a2', 'a3'],
    openedAt: '2026-05-06T02:00:00.000Z',
    states: ['filing', 'investigation', 'case-review', 'notification', 'decision', 'service', 'execution', 'closed'],
    closedAt: '2027-01-05T02:00:00.000Z',
  });
  await addCase('c7', {
    subject: A,
    matter: 'legal-contract-review',
    workflow: 'contract-review',
    category: 'legal-affairs',
    officers: ['a1'],
    openedAt: '2026-07-01T02:00:00.000Z',
    states: ['received'],
  });
  await addCase('d1', {
    subject: B,
    matter: MB1,
    officers: ['b1'],
    openedAt: '2026-02-10T02:00:00.000Z',
    states: ['filing', 'investigation', 'case-review', 'notification', 'decision', 'service', 'closed'],
    closedAt: '2026-04-01T02:00:00.000Z',
  });
  await addCase('d2', {
    subject: B,
    matter: MB1,
    officers: ['b1', 'b2'],
    openedAt: '2026-09-01T02:00:00.000Z',
    states: ['filing', 'investigation'],
  });
  await addCase('d3', {
    subject: B,
    matter: MB2,
    officers: ['b2'],
    openedAt: '2026-03-03T02:00:00.000Z',
    states: ['filing', 'investigation', 'case-review', 'notification', 'decision', 'service', 'closed'],
    closedAt: '2026-08-01T02:00:00.000Z',
  });
  const review = (caseId: string, opinion: 'agree' | 'disagree') =>
    db.insert(reviews).values({ id: randomUUID(), caseId, requestedBy: ids.a5 as string, opinion });
  await review(ids.c1 as string, 'disagree');
  await review(ids.c1 as string, 'agree');
  await review(ids.c3 as string, 'disagree');

  const source = async (
    name: string,
    s: { kind: string; receivedOn: string; dueOn: string; outcome: 'pending' | 'filed'; decidedAt?: string },
  ) => {
    const id = randomUUID();
    ids[name] = id;
    await db.insert(caseSources).values({
      id,
      subjectOrg: A,
      subjectPath: paths.get(A) ?? A,
      packHash,
      kind: s.kind,
      receivedOn: s.receivedOn,
      description: '线索',
      registeredBy: ids.a1 as string,
      dueOn: s.dueOn,
      outcome: s.outcome,
      decidedAt: s.decidedAt ?? null,
    });
  };
  await source('s1', {
    kind: 'complaint-report',
    receivedOn: '2026-03-02',
    dueOn: '2026-03-20',
    outcome: 'filed',
    decidedAt: '2026-03-10T02:00:00.000Z',
  });
  await source('s2', {
    kind: 'complaint-report',
    receivedOn: '2026-05-01',
    dueOn: '2026-05-22',
    outcome: 'filed',
    decidedAt: '2026-05-25T02:00:00.000Z',
  });
  await source('s3', { kind: 'inspection', receivedOn: '2026-12-01', dueOn: '2026-12-22', outcome: 'pending' });
  await source('s4', { kind: 'complaint-report', receivedOn: '2025-11-01', dueOn: '2025-11-20', outcome: 'pending' });
  return ids;
}
