/**
 * An organisation's relations besides its parent: its 行政区划代码 and location lie within the
 * division of the nearest organisation above it that has one (a county's code inside its city's,
 * a 街道's 9 digits inside its county's 6), and each sector supervisor (行业业务监督) shares a
 * sector with it and is not the organisation or one above it — the parent relation already
 * gives those their view, so such an entry is a slip of the pen.
 */
import type { Organisation } from '../generated/types.ts';
import { type Finding, finding } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Province-level codes of GB/T 2260 (the first two digits of every division code). */
// biome-ignore format: one table
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/**
 * The prefix every code inside a division starts with: its trailing zero pairs dropped from the
 * first six digits (130100 → 1301, 130000 → 13), the whole code below the county (120116001).
 */
export function divisionPrefix(code: string): string {
  if (code.length > 6) return code.replace(/(000)+$/, '');
  return code.replace(/(00)+$/, '');
}

/** Checks division codes, locations and sector supervisors. */
export const checkOrgRelations: Check = (ctx) => {
  const out: Finding[] = [];
  const orgs = new Map(validItems(ctx, 'organisation'));
  const above = (code: string): Organisation[] => {
    const chain: Organisation[] = [];
    let at = orgs.get(code)?.parent;
    while (at !== undefined && !chain.some((o) => o.code === at)) {
      const o = orgs.get(at);
      if (!o) break;
      chain.push(o);
      at = o.parent;
    }
    return chain;
  };
  for (const [code, o] of orgs) {
    const chain = above(code);
    const divided = chain.find((a) => a.divisionCode !== undefined);
    for (const field of ['divisionCode', 'location'] as const) {
      const value = o[field];
      if (value === undefined) continue;
      const province = value.slice(0, 2);
      if (!PROVINCES.has(province)) {
        out.push(finding('organisation', code, `/${field}`, 'org.division-province', { code: value, province }));
      } else if (divided?.divisionCode && !value.startsWith(divisionPrefix(divided.divisionCode))) {
        out.push(
          finding('organisation', code, `/${field}`, 'org.division-outside', {
            field,
            code: value,
            ancestor: divided.code,
            division: divided.divisionCode,
          }),
        );
      }
    }
    (o.sectorSupervisors ?? []).forEach((s, i) => {
      const supervisor = orgs.get(s);
      if (!supervisor) return; // an unknown code is ref.unresolved (references.ts)
      const at = `/sectorSupervisors/${i}`;
      if (s === code || chain.some((a) => a.code === s)) {
        out.push(finding('organisation', code, at, 'org.supervisor-self', { supervisor: s }));
      } else if (!(supervisor.sectors ?? []).some((x) => (o.sectors ?? []).includes(x))) {
        out.push(finding('organisation', code, at, 'org.supervisor-sector', { supervisor: s }));
      }
    });
  }
  return out;
};
