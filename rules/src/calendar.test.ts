import { describe, expect, it } from 'vitest';
import { CN_2025, CN_2026 } from '../fixtures/calendars.ts';
import { addWorkingDays, countWorkingDays, createWorkCalendar } from './calendar.ts';
import { dayOf, isoOf, weekdayOf } from './dates.ts';

const cal = createWorkCalendar([CN_2025, CN_2026]);

describe('working days', () => {
  it('skips the National Day holidays and counts the 调休 Saturday', () => {
    // 10-08 Thu, 10-09 Fri, 10-10 Sat (调休上班), 10-12 Mon; 10-11 is a Sunday.
    expect(countWorkingDays(cal, '2026-09-30', '2026-10-12')).toEqual({ ok: true, value: 4 });
    expect(cal.isWorkingDay(dayOf('2026-10-10') as number)).toBe(true);
    expect(cal.isWorkingDay(dayOf('2026-10-05') as number)).toBe(false);
  });

  it('counts across the Spring Festival with both 调休 Saturdays', () => {
    expect(countWorkingDays(cal, '2026-02-13', '2026-02-28')).toEqual({ ok: true, value: 6 });
  });

  it('counts across a year boundary and backwards', () => {
    expect(countWorkingDays(cal, '2025-12-31', '2026-01-05')).toEqual({ ok: true, value: 2 });
    expect(countWorkingDays(cal, '2026-01-05', '2025-12-31')).toEqual({ ok: true, value: -2 });
    expect(countWorkingDays(cal, '2026-03-02', '2026-03-02')).toEqual({ ok: true, value: 0 });
  });

  it('adds working days: 5 working days to apply for a hearing after 2026-04-30', () => {
    // 05-01..05 off; 05-06, 05-07, 05-08, 05-09 (调休 Saturday), 05-11.
    expect(addWorkingDays(cal, '2026-04-30', 5)).toEqual({ ok: true, value: '2026-05-11' });
    expect(addWorkingDays(cal, '2026-05-11', -5)).toEqual({ ok: true, value: '2026-04-30' });
  });

  it('reports a year without a calendar instead of guessing', () => {
    const r = countWorkingDays(cal, '2026-12-01', '2027-01-10');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('calendar.missing');
    expect(addWorkingDays(cal, '2026-12-28', 10).ok).toBe(false);
    expect(cal.isWorkingDay(dayOf('2024-05-06') as number)).toBeUndefined();
  });

  it('rejects dates that are not ISO dates', () => {
    expect(countWorkingDays(cal, '2026-02-30', '2026-03-01').ok).toBe(false);
  });

  it('agrees with a day-by-day count on random ranges', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const start = dayOf('2025-01-01') as number;
    for (let i = 0; i < 300; i++) {
      const a = start + Math.floor(rnd() * 700);
      const b = a + Math.floor(rnd() * 30);
      let slow = 0;
      for (let d = a + 1; d <= b; d++) if (cal.isWorkingDay(d)) slow++;
      expect(cal.workingDaysBetween(a, b), `${isoOf(a)}..${isoOf(b)}`).toBe(slow);
    }
  });

  it('knows the weekday of a day number', () => {
    expect(weekdayOf(dayOf('2026-10-10') as number)).toBe(6);
    expect(weekdayOf(dayOf('1969-12-28') as number)).toBe(0);
  });
});
