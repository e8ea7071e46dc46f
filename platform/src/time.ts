/**
 * The legal date: deadlines, certificate validity and document years follow the date in
 * China (Asia/Shanghai, or YIFA_TIME_ZONE), not UTC — between 00:00 and 08:00 Beijing time
 * the UTC date is still yesterday.
 */
const ZONE = process.env.YIFA_TIME_ZONE ?? 'Asia/Shanghai';
const format = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

// A request asks for the date of several instants (now, when the case entered its state, its
// events …), and a date changes only at a minute boundary (time-zone offsets are whole minutes):
// answers are kept by minute, a few thousand at most, since Intl's formatting is slow.
const byMinute = new Map<number, string>();
const KEPT_MINUTES = 4096;

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  let date = byMinute.get(minute);
  if (date === undefined) {
    if (Number.isNaN(minute)) throw new RangeError('no local date for an invalid instant');
    if (byMinute.size >= KEPT_MINUTES) byMinute.clear();
    date = format.format(at);
    byMinute.set(minute, date);
  }
  return date;
}

/**
 * The legal date of an instant written in ISO (`2026-03-01T17:00:00.000Z` → 2026-03-02); a date
 * already (YYYY-MM-DD) stays as it is. What the case engine counts deadlines and timelines from.
 */
export function legalDateOf(instant: string): string {
  return instant.length <= 10 ? instant : localDate(new Date(instant));
}

const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The instant a legal date begins (00:00 in Asia/Shanghai, or YIFA_TIME_ZONE): for periods such as "this year". */
export function startOfLegalDay(date: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const parts = Object.fromEntries(clock.formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  const shown = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
  return new Date(guess - (shown - guess));
}
