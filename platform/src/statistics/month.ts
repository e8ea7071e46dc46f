/** Legal months (YYYY-MM) as instants, for conditions on when a case was opened. */
import { startOfLegalDay } from '../time.ts';

/** The first instant of a legal month (YYYY-MM), or of the month after it. */
export function monthStart(month: string, after = false): string {
  let [y, m] = month.split('-').map(Number) as [number, number];
  if (after) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return startOfLegalDay(`${y}-${String(m).padStart(2, '0')}-01`).toISOString();
}
