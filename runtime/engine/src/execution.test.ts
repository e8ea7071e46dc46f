import { describe, expect, it } from 'vitest';
import { addCalendarMonths, executionStatus } from './execution.ts';

/** 70,000 元, the Binhai 食品 case's fine, in fen. */
const FINE = 7_000_000;
const status = (today: string, payments: { amount: number; paidOn: string }[] = [], fine = FINE, due = fine) =>
  executionStatus({ fine, due, servedOn: '2026-06-01', payments, today });

describe('paying a fine and the 加处罚款 (行政处罚法第六十七条、第七十二条)', () => {
  it('is due 15 days after service, not counting the day of service', () => {
    expect(status('2026-06-05').paymentDue).toBe('2026-06-16');
    expect(status('2026-06-16')).toMatchObject({ overdueDays: 0, surcharge: 0, outstanding: FINE });
  });

  it('adds 3 % of the fine a day from the day after the deadline', () => {
    expect(status('2026-06-17')).toMatchObject({ overdueDays: 1, surcharge: 210_000, totalDue: FINE + 210_000 });
    expect(status('2026-06-26')).toMatchObject({ overdueDays: 10, surcharge: 2_100_000 });
  });

  it('never adds more than the fine itself', () => {
    // 33 days: 99 %; 34 days would be 102 %.
    expect(status('2026-07-19')).toMatchObject({ overdueDays: 33, surcharge: 6_930_000, surchargeCapped: false });
    expect(status('2026-07-20')).toMatchObject({ overdueDays: 34, surcharge: FINE, surchargeCapped: true });
    expect(status('2027-06-01')).toMatchObject({ surcharge: FINE, totalDue: 2 * FINE });
  });

  it('stops the surcharge on the day the fine is paid, and counts to the fen', () => {
    const late = status('2026-09-01', [{ amount: FINE, paidOn: '2026-06-20' }]);
    expect(late).toMatchObject({ overdueDays: 4, surcharge: 840_000, paid: FINE, outstanding: 840_000 });
    const settled = status('2026-09-01', [
      { amount: 840_000, paidOn: '2026-06-25' },
      { amount: FINE, paidOn: '2026-06-20' },
    ]);
    expect(settled).toMatchObject({ outstanding: 0, paidInFullOn: '2026-06-25' });
    expect(status('2026-06-10', [{ amount: FINE, paidOn: '2026-06-10' }])).toMatchObject({
      surcharge: 0,
      outstanding: 0,
      paidInFullOn: '2026-06-10',
    });
    // 1,234.56 元 a day at 3 % is 37.0368 元: 37.04 元.
    expect(status('2026-06-17', [], 123_456).surcharge).toBe(3_704);
  });

  it('keeps growing while only part is paid; confiscated money is due but draws no surcharge', () => {
    const part = status('2026-06-18', [{ amount: 1_000_000, paidOn: '2026-06-10' }], FINE, FINE + 500_000);
    expect(part).toMatchObject({
      overdueDays: 2,
      surcharge: 420_000,
      outstanding: FINE + 500_000 + 420_000 - 1_000_000,
    });
  });
});

describe('申请人民法院强制执行 (行政强制法第五十三条)', () => {
  it('opens after the six months to sue and lasts three months', () => {
    expect(status('2026-06-05')).toMatchObject({
      remedyEnds: '2026-12-01',
      courtApplication: { from: '2026-12-02', due: '2027-03-01' },
    });
  });

  it('counts months to the same day, or to the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
    const august = executionStatus({
      fine: FINE,
      due: FINE,
      servedOn: '2026-08-31',
      payments: [],
      today: '2026-09-01',
    });
    expect(august.courtApplication).toEqual({ from: '2027-03-01', due: '2027-05-28' });
  });
});
