import { describe, expect, it } from 'vitest';
import { localDate, startOfLegalDay } from './time.ts';

describe('the legal date', () => {
  it('is the date in Beijing, not in UTC', () => {
    expect(localDate(new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(localDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('changes at midnight in Beijing although it keeps the last minute', () => {
    expect(localDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T15:59:30Z'))).toBe('2026-03-01');
  });

  it('keeps each minute apart when instants of many days alternate (more than it keeps), and refuses an invalid instant', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1, 15, 59) + n * 86_400_000 + (n % 2) * 60_000);
    for (let round = 0; round < 3; round++)
      for (let n = 0; n < 30_000; n += 7) {
        // 15:59 UTC is the day's last minute in Beijing, 16:00 the next day's first.
        const expected = new Date(Date.UTC(2026, 0, 1 + n + (n % 2))).toISOString().slice(0, 10);
        expect(localDate(day(n))).toBe(expected);
      }
    expect(() => localDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('begins a legal day at 00:00 Beijing time, 16:00 UTC the day before', () => {
    expect(startOfLegalDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(localDate(startOfLegalDay('2026-06-15'))).toBe('2026-06-15');
    expect(localDate(new Date(startOfLegalDay('2026-06-15').getTime() - 1))).toBe('2026-06-14');
  });
});
