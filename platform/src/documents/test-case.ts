/**
 * Test support only: a case inserted directly, pinned to a pack version, for the document
 * and attachment tests until they can open cases through the API.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sealPii } from '../crypto/pii.ts';
import type { Db } from '../db/client.ts';
import { type CaseRow, cases, organisations, type StoredParty } from '../db/schema.ts';

/** What a test case may set; everything else has a Binhai default. */
export interface TestCase {
  packHash: string;
  createdBy: string;
  officers?: string[];
  subjectOrg?: string;
  matterCode?: string;
  workflowCode?: string;
  state?: string;
  facts?: Record<string, unknown>;
  party?: Partial<StoredParty>;
}

let serial = 0;

/** Inserts a case of 未取得食品生产经营许可 at the Binhai market regulator unless told otherwise. */
export async function insertTestCase(db: Db, t: TestCase): Promise<CaseRow> {
  const subjectOrg = t.subjectOrg ?? '120116-SCJ';
  const [org] = await db.select().from(organisations).where(eq(organisations.code, subjectOrg));
  serial += 1;
  const [row] = await db
    .insert(cases)
    .values({
      id: randomUUID(),
      number: `TEST-${process.pid}-${serial}-${randomUUID().slice(0, 8)}`,
      matterCode: t.matterCode ?? '120116-SCJ-CF-0001-01',
      workflowCode: t.workflowCode ?? 'penalty-ordinary',
      category: 'enforcement',
      subjectOrg,
      subjectPath: org?.path ?? subjectOrg,
      packHash: t.packHash,
      state: t.state ?? 'investigation',
      party: {
        kind: 'organisation',
        name: '天津某某餐饮有限公司',
        idNumber: sealPii('91120116MA05JXQ21D'),
        address: sealPii('天津市滨海新区新港街道某某路18号'),
        phone: sealPii('13812345678'),
        representative: '张某某',
        ...t.party,
      },
      facts: t.facts ?? {},
      officers: t.officers ?? [t.createdBy],
      stateEntered: { filing: '2026-03-01T01:00:00.000Z', investigation: '2026-03-02T01:00:00.000Z' },
      extensions: {},
      openedAt: '2026-03-01T01:00:00.000Z',
      createdBy: t.createdBy,
    })
    .returning();
  return row as CaseRow;
}
