import { describe, expect, it } from 'vitest';
import { localDate } from './time.ts';

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
});
