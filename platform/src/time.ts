/**
 * The legal date: deadlines, certificate validity and document years follow the date in
 * China (Asia/Shanghai, or YIFA_TIME_ZONE), not UTC — between 00:00 and 08:00 Beijing time
 * the UTC date is still yesterday.
 */
const ZONE = process.env.YIFA_TIME_ZONE ?? 'Asia/Shanghai';
const format = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  return format.format(at);
}
