/**
 * Parameters: every value (the default, its dated versions, an organisation's or a sector's)
 * has the declared type, and the dated values of one scope never overlap — otherwise two
 * values would be in force on the same day and the one a case gets would depend on file order.
 */
import type { Parameter } from '../generated/types.ts';
import { type Finding, finding } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every parameter. */
export const checkParameters: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, p] of validItems(ctx, 'parameter')) {
    if (!hasType(p.type, p.value)) out.push(finding('parameter', code, '/value', 'param.type', { type: p.type }));
    for (const [field, list] of [
      ['versions', p.versions],
      ['byOrganisation', p.byOrganisation],
      ['bySector', p.bySector],
    ] as const) {
      (list ?? []).forEach((v, i) => {
        const at = `/${field}/${i}`;
        if (!hasType(p.type, v.value))
          out.push(finding('parameter', code, `${at}/value`, 'param.type', { type: p.type }));
        if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom)
          out.push(
            finding('parameter', code, `${at}/effectiveTo`, 'param.dates-reversed', {
              from: v.effectiveFrom,
              to: v.effectiveTo,
            }),
          );
      });
    }
    out.push(...overlaps(code, p));
  }
  return out;
};

function hasType(type: Parameter['type'], value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

/** Values of the same scope (the default, one organisation, one sector) in force on the same day. */
function overlaps(code: string, p: Parameter): Finding[] {
  const groups = new Map<string, { at: string; from: string; to: string; zh: string; en: string }[]>();
  const add = (key: string, at: string, v: { effectiveFrom: string; effectiveTo?: string }, zh: string, en: string) => {
    const list = groups.get(key) ?? [];
    list.push({ at, from: v.effectiveFrom, to: v.effectiveTo ?? '9999-12-31', zh, en });
    groups.set(key, list);
  };
  p.versions?.forEach((v, i) => add('', `/versions/${i}`, v, '默认值', 'of the default'));
  p.byOrganisation?.forEach((v, i) =>
    add(`o:${v.organisation}`, `/byOrganisation/${i}`, v, `组织“${v.organisation}”`, `of "${v.organisation}"`),
  );
  p.bySector?.forEach((v, i) =>
    add(`s:${v.sector}`, `/bySector/${i}`, v, `领域“${v.sector}”`, `of sector "${v.sector}"`),
  );
  const out: Finding[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]] as [(typeof sorted)[number], (typeof sorted)[number]];
      if (b.from <= a.to)
        out.push(
          finding('parameter', code, `${b.at}/effectiveFrom`, 'param.versions-overlap', {
            scope: b.zh,
            scopeEn: b.en,
            from: b.from,
          }),
        );
    }
  }
  return out;
}
