/**
 * Execution (执行) of a penalty decision, as the law counts it:
 * - the fine is due within 15 days of receiving the decision (行政处罚法第六十七条第三款);
 * - after that, 3 % of the fine is added each day, never more than the fine itself (第七十二条第一款第一项);
 * - an agency without its own power of compulsory enforcement may apply to the people's court
 *   within 3 months after the party's period to apply for reconsideration (60 days, 行政复议法第二十条)
 *   or to sue (6 months, 行政诉讼法第四十六条) has run (行政强制法第五十三条).
 * Periods are counted as 民法典第二百零一条 counts them: the day of service is not counted, and a
 * period of months ends on the same day of the last month (its last day when it has none).
 * Amounts are in fen (分), so that every sum is exact. Pure: dates are YYYY-MM-DD.
 */
import { addCalendarDays, daysBetween } from './deadlines.ts';

/** The periods execution counts with (national law; a pack may one day give others). */
export interface ExecutionTerms {
  /** Days to pay after service (第六十七条). */
  paymentDays: number;
  /** Surcharge per day, in percent of the fine (第七十二条). */
  surchargePercentPerDay: number;
  /** Days to apply for reconsideration after service (行政复议法第二十条). */
  reconsiderationDays: number;
  /** Months to sue after service (行政诉讼法第四十六条). */
  litigationMonths: number;
  /** Months to apply to the court after those periods end (行政强制法第五十三条). */
  courtApplicationMonths: number;
}

/** The periods of national law. */
export const NATIONAL_EXECUTION_TERMS: ExecutionTerms = {
  paymentDays: 15,
  surchargePercentPerDay: 3,
  reconsiderationDays: 60,
  litigationMonths: 6,
  courtApplicationMonths: 3,
};

/** A payment recorded against the decision. */
export interface Payment {
  /** In fen. */
  amount: number;
  /** The day it was paid. */
  paidOn: string;
}

/** Where the execution of a decision stands on a day. */
export interface ExecutionStatus {
  /** The last day to pay without surcharge. */
  paymentDue: string;
  /** Days of surcharge: from the day after paymentDue to the day paid in full, or to today. */
  overdueDays: number;
  /** 加处罚款 in fen: 3 % of the fine a day, capped at the fine. */
  surcharge: number;
  /** Whether the surcharge reached the fine and no longer grows. */
  surchargeCapped: boolean;
  /** Fine and confiscated money due, plus the surcharge, in fen. */
  totalDue: number;
  paid: number;
  outstanding: number;
  /** The day everything due was paid, if it has been. */
  paidInFullOn: string | null;
  /** The last day the party may apply for reconsideration or sue (the later of the two). */
  remedyEnds: string;
  /** The window to apply to the court for compulsory enforcement: from the day after remedyEnds. */
  courtApplication: { from: string; due: string };
}

/** The date `months` calendar months after `from`, on the same day or the last day of a shorter month. */
export function addCalendarMonths(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Where the execution stands on `today`: `fine` (the part that draws the surcharge) and `due`
 * (fine plus confiscated money) in fen, the decision served on `servedOn`, and the payments so far.
 * The surcharge stops growing on the day the payments reach what was due without it.
 */
export function executionStatus(
  o: { fine: number; due: number; servedOn: string; payments: readonly Payment[]; today: string },
  terms: ExecutionTerms = NATIONAL_EXECUTION_TERMS,
): ExecutionStatus {
  const paymentDue = addCalendarDays(o.servedOn, terms.paymentDays);
  const payments = [...o.payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  let running = 0;
  let settledOn: string | null = null;
  for (const p of payments) {
    running += p.amount;
    if (running >= o.due) {
      settledOn = p.paidOn;
      break;
    }
  }
  const until = settledOn ?? o.today;
  const overdueDays = Math.max(0, daysBetween(paymentDue, until));
  const uncapped = Math.round((o.fine * terms.surchargePercentPerDay * overdueDays) / 100);
  const surcharge = Math.min(uncapped, o.fine);
  const totalDue = o.due + surcharge;
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  const outstanding = Math.max(0, totalDue - paid);
  let paidInFullOn: string | null = null;
  if (outstanding === 0) {
    running = 0;
    for (const p of payments) {
      running += p.amount;
      if (running >= totalDue) {
        paidInFullOn = p.paidOn;
        break;
      }
    }
  }
  const remedyEnds = later(
    addCalendarDays(o.servedOn, terms.reconsiderationDays),
    addCalendarMonths(o.servedOn, terms.litigationMonths),
  );
  return {
    paymentDue,
    overdueDays,
    surcharge,
    surchargeCapped: o.fine > 0 && uncapped >= o.fine,
    totalDue,
    paid,
    outstanding,
    paidInFullOn,
    remedyEnds,
    courtApplication: {
      from: addCalendarDays(remedyEnds, 1),
      due: addCalendarMonths(remedyEnds, terms.courtApplicationMonths),
    },
  };
}
