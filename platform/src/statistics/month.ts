/** Legal months (YYYY-MM) as instants, for conditions on when a case was opened. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { statisticsSettings } from '../db/schema.ts';
import { startOfLegalDay } from '../time.ts';
import { ROLLUPS, recount, ZONE_FREE } from './recount.ts';

/** The first instant of a legal month (YYYY-MM), or of the month after it. */
export function monthStart(month: string, after = false): string {
  let [y, m] = month.split('-').map(Number) as [number, number];
  if (after) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return startOfLegalDay(`${y}-${String(m).padStart(2, '0')}-01`).toISOString();
}

/** The SQLite date modifier from UTC to the legal time zone (YIFA_TIME_ZONE), e.g. '+480 minutes'. */
export function legalMonthModifier(): string {
  const minutes = Math.round((Date.parse('2026-01-01T00:00:00Z') - startOfLegalDay('2026-01-01').getTime()) / 60_000);
  return `${minutes < 0 ? '-' : '+'}${Math.abs(minutes)} minutes`;
}

const checked = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Makes the rollups' months the legal months of this copy: migration 0013 wrote +480 minutes
 * (Asia/Shanghai, the default zone); a copy running in another YIFA_TIME_ZONE gets its modifier
 * written and the rollups by month counted again from the cases, in one transaction, once per
 * process (those of no month, ZONE_FREE, stay).
 */
export function ensureLegalMonths(db: Db, modifier = legalMonthModifier()): Promise<void> {
  const byModifier = checked.get(db) ?? new Map<string, Promise<void>>();
  checked.set(db, byModifier);
  let done = byModifier.get(modifier);
  if (!done) {
    done = (async () => {
      const [row] = await db.select().from(statisticsSettings).where(eq(statisticsSettings.id, 1));
      if (row?.monthOffset === modifier) return;
      await db.transaction(async (tx) => {
        await tx
          .insert(statisticsSettings)
          .values({ id: 1, monthOffset: modifier })
          .onConflictDoUpdate({ target: statisticsSettings.id, set: { monthOffset: modifier } });
        for (const table of ROLLUPS) if (!ZONE_FREE.has(table)) await recount(tx, table, modifier);
      });
    })();
    // Another modifier asked later (a test) checks again; a failure is retried on the next call.
    byModifier.clear();
    byModifier.set(modifier, done);
    done.catch(() => byModifier.delete(modifier));
  }
  return done;
}
