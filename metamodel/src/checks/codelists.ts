/** Codelists list each entry once; a holiday calendar's dates lie in its year. */
import { type Finding, finding, pointerOf } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks codelists and calendars. */
export const checkCodelistsAndCalendars: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, list] of validItems(ctx, 'codelist')) {
    const seen = new Set<string>();
    list.entries.forEach((e, i) => {
      if (seen.has(e.code))
        out.push(
          finding('codelist', code, pointerOf('entries', i, 'code'), 'codelist.entry-duplicate', { entry: e.code }),
        );
      seen.add(e.code);
    });
  }
  for (const [code, cal] of validItems(ctx, 'calendar')) {
    for (const key of ['holidays', 'workdays'] as const) {
      cal[key].forEach((date, i) => {
        if (!date.startsWith(`${cal.year}-`))
          out.push(finding('calendar', code, pointerOf(key, i), 'calendar.wrong-year', { date, year: cal.year }));
      });
    }
  }
  return out;
};
