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

  it('begins a legal day at 00:00 Beijing time, 16:00 UTC the day before', () => {
    expect(startOfLegalDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(localDate(startOfLegalDay('2026-06-15'))).toBe('2026-06-15');
    expect(localDate(new Date(startOfLegalDay('2026-06-15').getTime() - 1))).toBe('2026-06-14');
  });
});
