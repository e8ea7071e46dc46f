/**
 * The rollups the triggers keep (migrations 0028–0032) equal a recount from the cases after any
 * mix of writes: inserts, transitions, closing and reopening, a case moved to another subject (or
 * its subject to another place in the tree), matter, category or opening day, renumbered, its
 * officers changed, 法制审核 requested, decided, changed and removed, deletes — each rollup
 * (each officer's cases among them) compared row by row, count included, and no count left at
 * zero. Then the legal time zone changes and the recount rewrites them.
 * A real database (temp libsql file with the checked-in migrations), writes in random order from a
 * fixed seed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client.ts';
import { cases, reviews } from '../db/schema.ts';
import { seededUnit } from '../random/seeded-sample.ts';
import { ensureLegalMonths } from './month.ts';
import { COUNTED, ROLLUPS, rollupDifferences } from './recount.ts';

type Db = Awaited<ReturnType<typeof openDb>>;
let db: Db;

// mulberry32: the same writes on every run.
const rnd = seededUnit(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const SUBJECTS = ['S1', 'S2', 'S3'];
const MATTERS = ['m1', 'm2', 'm3', 'm4'];
const STATES = ['filing', 'investigation', 'decision', 'closed'];
const OFFICERS = ['o1', 'o2', 'o3', 'o4', 'o5'];
// Instants around the ends of months and years, where UTC and Beijing months differ.
const INSTANTS = [
  '2025-12-31T15:30:00.000Z',
  '2025-12-31T16:30:00.000Z',
  '2026-01-15T02:00:00.000Z',
  '2026-03-31T17:00:00.000Z',
  '2026-06-30T10:00:00.000Z',
  '2026-12-31T16:00:00.000Z',
];
const officersOf = () => {
  const a = pick(OFFICERS);
  const b = pick(OFFICERS);
  return rnd() < 0.2 ? [a] : [a, b]; // sometimes the same officer twice
};

async function expectEqualToRecount(modifier: string) {
  for (const table of ROLLUPS) {
    const diff = await rollupDifferences(db, table, modifier);
    expect({ table, ...diff }).toEqual({ table, stored: [], recounted: [] });
    if (!COUNTED.has(table)) continue;
    const [zero] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table} WHERE cases <= 0`));
    expect({ table, zeroRows: Number(zero?.n) }).toEqual({ table, zeroRows: 0 });
  }
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-recount-'));
  db = await openDb(`file:${join(dir, 'yifa.db')}`);
});

describe('the rollups equal a recount', () => {
  it('after inserts, transitions, closings, reopenings, moves, officer changes and deletes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const opened = pick(INSTANTS);
      const closed = rnd() < 0.4;
      const subject = pick(SUBJECTS);
      await db.insert(cases).values({
        id: `c${i}`,
        number: `N${i}`,
        matterCode: pick(MATTERS),
        workflowCode: 'w',
        category: rnd() < 0.8 ? 'enforcement' : 'legal-affairs',
        subjectOrg: subject,
        subjectPath: `GOV/${subject}`,
        packHash: 'h',
        state: closed ? 'closed' : pick(STATES),
        party: { kind: 'person', name: '某', idNumber: 'x' },
        facts: {},
        officers: officersOf(),
        stateEntered: {},
        extensions: {},
        openedAt: opened,
        closedAt: closed ? pick(INSTANTS) : null,
        createdBy: 'o1',
      });
      ids.push(`c${i}`);
    }
    await expectEqualToRecount('+480 minutes');
    const live = new Set(ids);
    for (let step = 0; step < 400; step++) {
      const id = pick([...live]);
      const r = rnd();
      const where = eq(cases.id, id);
      if (r < 0.3)
        await db
          .update(cases)
          .set({ state: pick(STATES) })
          .where(where);
      else if (r < 0.45)
        await db
          .update(cases)
          .set({ state: 'closed', closedAt: pick(INSTANTS) })
          .where(where);
      else if (r < 0.5) await db.update(cases).set({ closedAt: null }).where(where);
      else if (r < 0.6) await db.update(cases).set({ officers: officersOf() }).where(where);
      else if (r < 0.65) {
        const subject = pick(SUBJECTS);
        await db
          .update(cases)
          .set(
            rnd() < 0.5 ? { subjectOrg: subject, subjectPath: `GOV/${subject}` } : { subjectPath: `GOV/X/${subject}` },
          )
          .where(where);
      } else if (r < 0.7)
        await db
          .update(cases)
          .set({ matterCode: pick(MATTERS) })
          .where(where);
      else if (r < 0.75)
        await db
          .update(cases)
          .set({ openedAt: pick(INSTANTS) })
          .where(where);
      else if (r < 0.8)
        await db
          .update(cases)
          .set({ category: pick(['enforcement', 'legal-affairs']) })
          .where(where);
      else if (r < 0.85)
        await db
          .update(cases)
          .set({ state: pick(STATES), officers: officersOf(), closedAt: rnd() < 0.5 ? null : pick(INSTANTS) })
          .where(where);
      else if (r < 0.86)
        await db
          .update(cases)
          .set({ version: sql`${cases.version} + 1` })
          .where(where);
      else if (r < 0.87)
        await db
          .update(cases)
          .set({ number: `N${id}-${step}` })
          .where(where);
      else if (r < 0.89)
        await db
          .update(cases)
          .set({ stateEntered: { filing: pick(INSTANTS), [pick(STATES)]: pick(INSTANTS) } })
          .where(where);
      else if (r < 0.94)
        await db.insert(reviews).values({
          id: `r${step}`,
          caseId: id,
          requestedBy: 'o1',
          requestedAt: pick(INSTANTS),
          ...(rnd() < 0.6 ? { opinion: pick(['agree', 'disagree', 'agree-after-change'] as const) } : {}),
        });
      else if (r < 0.96) {
        const [one] = await db
          .select({ id: reviews.id })
          .from(reviews)
          .limit(1)
          .offset(Math.floor(rnd() * 5));
        if (one)
          await db
            .update(reviews)
            .set({ opinion: pick(['agree', 'disagree'] as const), requestedAt: pick(INSTANTS) })
            .where(eq(reviews.id, one.id));
      } else if (r < 0.97) {
        const [one] = await db.select({ id: reviews.id }).from(reviews).limit(1);
        if (one) await db.delete(reviews).where(eq(reviews.id, one.id));
      } else if (live.size > 20) {
        await db.delete(cases).where(where);
        live.delete(id);
      }
      if (step % 100 === 99) await expectEqualToRecount('+480 minutes');
    }
    // The writes left reviewed cases, agreeing and not, and cases of every kind of change.
    const [marks] = await db.all<{ n: number; agreed: number }>(
      sql`SELECT count(*) AS n, count(agreed_at) AS agreed FROM review_marks`,
    );
    expect(Number(marks?.n)).toBeGreaterThan(Number(marks?.agreed));
    expect(Number(marks?.agreed)).toBeGreaterThan(0);
    // A copy in UTC: the recount moves the cases opened near the ends of months and years.
    const before = await db.all<{ period: string }>(sql`SELECT DISTINCT period FROM case_counts ORDER BY 1`);
    await ensureLegalMonths(db, '+0 minutes');
    await expectEqualToRecount('+0 minutes');
    const after = await db.all<{ period: string }>(sql`SELECT DISTINCT period FROM case_counts ORDER BY 1`);
    expect(after).not.toEqual(before);
    // The triggers count in the zone now written, as the recount does.
    await db
      .update(cases)
      .set({ openedAt: '2025-12-31T16:30:00.000Z' })
      .where(eq(cases.id, [...live][0] as string));
    await expectEqualToRecount('+0 minutes');
  });
});
