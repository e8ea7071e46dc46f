/**
 * What the statistics group and filter by, read from the active pack and the organisation tree:
 * a matter's power type (职权类别, by its authority item), sector and kind of record; an
 * organisation's place in the tree (district, subject, unit); the names shown for each key. No
 * region is named here: the levels are depths of whatever tree the pack's organisations form.
 */
import type { ResolvedPack } from '@yifa/metamodel';

/** A name in both languages. */
export interface Names {
  name: string;
  nameEn: string | null;
}

/** What the statistics know of a matter. */
export interface MatterClass {
  code: string;
  /** The power type code of its authority item, or null (legal-affairs matters have none). */
  powerType: string | null;
  sector: string | null;
  /** What the first screen counts it as: its power type, or the matter itself when it has none (复议, 应诉 …). */
  kind: string;
  workflow: string | null;
}

/** The matter classes of a pack, by matter code. */
export function matterClasses(pack: ResolvedPack): Map<string, MatterClass> {
  const out = new Map<string, MatterClass>();
  for (const m of pack.items.matter.values()) {
    const item = m.authorityItem ? pack.items['authority-item'].get(m.authorityItem) : undefined;
    const powerType = item?.powerType ?? null;
    out.set(m.code, {
      code: m.code,
      powerType,
      sector: m.sector ?? item?.sectors[0] ?? null,
      kind: powerType ?? `matter:${m.code}`,
      workflow: m.workflow,
    });
  }
  return out;
}

/** The class of a matter the active pack no longer has: counted under its own code. */
export function unknownMatter(code: string): MatterClass {
  return { code, powerType: null, sector: null, kind: `matter:${code}`, workflow: null };
}

/** The entries of a codelist of the pack by code, with their names. */
export function codelistNames(pack: ResolvedPack, code: string): Map<string, Names> {
  const list = pack.items.codelist.get(code);
  return new Map((list?.entries ?? []).map((e) => [e.code, { name: e.name, nameEn: e.nameEn ?? null }]));
}

/** The name of a kind of record (a power type, or a matter without one). */
export function kindNames(pack: ResolvedPack, kind: string, powerTypes: Map<string, Names>): Names {
  if (kind.startsWith('matter:')) {
    const m = pack.items.matter.get(kind.slice('matter:'.length));
    return { name: m?.name ?? kind, nameEn: m?.nameEn ?? null };
  }
  return powerTypes.get(kind) ?? { name: kind, nameEn: null };
}

/** The name of a state code, from the first of the pack's workflows that has it. */
export function stateNames(pack: ResolvedPack, state: string, workflow?: string | null): Names {
  const flows = workflow ? [pack.items.workflow.get(workflow)] : [];
  for (const w of [...flows, ...pack.items.workflow.values()]) {
    const st = w?.states.find((s) => s.code === state);
    if (st) return { name: st.name, nameEn: st.nameEn ?? null };
  }
  return { name: state, nameEn: null };
}

/** The organisation levels of the drill-down, as depths of the tree (0 = its root). */
export const ORG_LEVELS = { district: 0, subject: 1, unit: 2 } as const;
export type OrgLevel = keyof typeof ORG_LEVELS;

/**
 * The organisation an organisation is counted under at a level. The district is the root of its
 * tree; the subject and unit are the first and second organisations below the root that the
 * reader's scope covers (so a sector supervisor sees a development zone's bureau as a subject,
 * not the zone it belongs to), or the organisation itself when the path is shorter.
 *
 * @example
 * orgAtLevel('GOV/BSQ/BSQ-SCJ', 'subject')                            // 'BSQ'
 * orgAtLevel('GOV/BSQ/BSQ-SCJ', 'subject', (c) => c === 'BSQ-SCJ')   // 'BSQ-SCJ'
 * orgAtLevel('GOV', 'unit')                                           // 'GOV'
 */
export function orgAtLevel(path: string, level: OrgLevel, inScope: (code: string) => boolean = () => true): string {
  const parts = path.split('/');
  if (level === 'district' || parts.length === 1) return parts[0] as string;
  const below = parts.slice(1).filter(inScope);
  if (!below.length) return parts[parts.length - 1] as string;
  return below[Math.min(ORG_LEVELS[level] - 1, below.length - 1)] as string;
}
