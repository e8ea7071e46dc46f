/**
 * The statistics table: rollup groups folded into the rows of one dimension (district, subject,
 * unit, officer, matter, power type, sector, state, month or year), each with its cases, open and
 * closed, its cases by power type, and for the organisation levels the seed's rates; the first
 * screen's figures (records by kind and the rates of the whole selection); sorted, searched and
 * paged. Organisation levels list every enforcement subject in scope, those without a case too
 * (a subject that exercised nothing is what supervision looks for).
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { authorityItemsOf } from '../alerts/subjects.ts';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import {
  codelistNames,
  kindNames,
  type MatterClass,
  matterClasses,
  type Names,
  ORG_LEVELS,
  type OrgLevel,
  orgAtLevel,
  stateNames,
  unknownMatter,
} from './dimensions.ts';
import { organisationNames } from './names.ts';
import { RATES, type RateCounts, ratesOf } from './rates.ts';
import {
  certifiedOfficers,
  officerNames,
  officersWithCases,
  type RollupRow,
  rollupRows,
  type ScopedOrg,
  type StatisticsFilters,
  scopedOrgs,
} from './rollup.ts';

export const GROUP_BYS = [
  'district',
  'subject',
  'unit',
  'officer',
  'matter',
  'powerType',
  'sector',
  'state',
  'month',
  'year',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** The columns a table sorts by (a '-' before one sorts descending). */
export const SORTS = ['name', 'cases', 'open', 'closed', ...RATES.map((r) => r.code)] as const;
export type SortKey = (typeof SORTS)[number];

/** The level a row of each grouping drills into: the organisation levels go down the tree, the rest to the subjects. */
export const NEXT: Record<GroupBy, GroupBy | 'cases'> = {
  district: 'subject',
  subject: 'unit',
  unit: 'officer',
  officer: 'cases',
  matter: 'subject',
  powerType: 'subject',
  sector: 'subject',
  state: 'subject',
  month: 'subject',
  year: 'subject',
};

/** Counts of one row. */
export interface Counts {
  cases: number;
  open: number;
  closed: number;
  byPowerType: Record<string, number>;
}

/** A row of the table. */
export interface StatisticsRow extends Counts, Names {
  key: string;
  /** The rate counts and rates, on the organisation levels. */
  counts?: RateCounts;
  rates?: ReturnType<typeof ratesOf>;
}

/** What the table is asked for. */
export interface TableQuery {
  groupBy: GroupBy;
  filters: StatisticsFilters;
  sort: string;
  search?: string;
  page: number;
  pageSize: number;
  /** The legal date officers' certificates must be valid on. */
  today: string;
}

/** The powers types without one: matters with no authority item. */
export const NO_POWER_TYPE = 'none';

function emptyCounts(): Counts {
  return { cases: 0, open: 0, closed: 0, byPowerType: {} };
}

function add(c: Counts, r: RollupRow, cls: MatterClass): void {
  c.cases += r.cases;
  if (r.closed) c.closed += r.cases;
  else c.open += r.cases;
  const pt = cls.powerType ?? NO_POWER_TYPE;
  c.byPowerType[pt] = (c.byPowerType[pt] ?? 0) + r.cases;
}

const isOrgLevel = (g: GroupBy): g is OrgLevel => g in ORG_LEVELS;

/** The rate counts of each organisation: certified officers, officers who acted, items and items exercised. */
async function orgRateCounts(
  db: Db,
  pack: ResolvedPack,
  actor: Actor,
  scope: Scope,
  q: TableQuery,
  orgs: readonly ScopedOrg[],
  rows: readonly RollupRow[],
): Promise<Map<string, RateCounts>> {
  const certified = await certifiedOfficers(db, actor, scope, q.filters, q.today);
  const acted = await officersWithCases(db, actor, scope, q.filters);
  const out = new Map<string, RateCounts>();
  const items = new Map<string, Set<string>>();
  const exercised = new Map<string, Set<string>>();
  for (const org of orgs) {
    items.set(org.code, org.enforcementSubject ? authorityItemsOf(pack, org) : new Set());
    exercised.set(org.code, new Set());
  }
  const cases = new Map<string, number>();
  for (const r of rows) {
    cases.set(r.subjectOrg, (cases.get(r.subjectOrg) ?? 0) + r.cases);
    const item = pack.items.matter.get(r.matter)?.authorityItem;
    if (item && items.get(r.subjectOrg)?.has(item)) exercised.get(r.subjectOrg)?.add(item);
  }
  for (const org of orgs)
    out.set(org.code, {
      cases: cases.get(org.code) ?? 0,
      certifiedOfficers: certified.get(org.code) ?? 0,
      officersWithCases: acted.get(org.code) ?? 0,
      authorityItems: items.get(org.code)?.size ?? 0,
      authorityItemsExercised: exercised.get(org.code)?.size ?? 0,
    });
  return out;
}

function sumCounts(into: RateCounts, c: RateCounts): void {
  for (const k of Object.keys(into) as (keyof RateCounts)[]) into[k] += c[k];
}

const zeroRates = (): RateCounts => ({
  cases: 0,
  certifiedOfficers: 0,
  officersWithCases: 0,
  authorityItems: 0,
  authorityItemsExercised: 0,
});

/** The key of a rollup row in a grouping. */
function keyOf(
  g: GroupBy,
  r: RollupRow,
  cls: MatterClass,
  orgPath: (code: string) => string,
  inScope: (code: string) => boolean,
): string {
  switch (g) {
    case 'district':
    case 'subject':
    case 'unit':
      return orgAtLevel(orgPath(r.subjectOrg), g, inScope);
    case 'officer':
      return r.officer ?? '';
    case 'matter':
      return r.matter;
    case 'powerType':
      return cls.powerType ?? NO_POWER_TYPE;
    case 'sector':
      return cls.sector ?? NO_POWER_TYPE;
    case 'state':
      return r.state ?? '';
    case 'month':
      return r.month ?? '';
    case 'year':
      return (r.month ?? '').slice(0, 4);
  }
}

/** Each matter of the pack → the first matter of its power type (so both have the same class). */
function byPowerType(classes: ReadonlyMap<string, MatterClass>): Map<string, string> {
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const [code, cls] of classes) {
    const pt = cls.powerType ?? NO_POWER_TYPE;
    if (!first.has(pt)) first.set(pt, code);
    out.set(code, first.get(pt) as string);
  }
  return out;
}

/** Compares two rows by a sort key ('-' first: descending); ties by name. */
function comparator(sort: string): (a: StatisticsRow, b: StatisticsRow) => number {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const byName = (a: StatisticsRow, b: StatisticsRow) =>
    a.name.localeCompare(b.name, 'zh') || a.key.localeCompare(b.key);
  const value = (r: StatisticsRow): number => {
    if (key === 'cases' || key === 'open' || key === 'closed') return r[key];
    return r.rates?.[key as keyof NonNullable<StatisticsRow['rates']>] ?? -1;
  };
  return (a, b) => {
    const d = key === 'name' ? byName(a, b) : value(a) - value(b) || -byName(a, b);
    return desc ? -d : d;
  };
}

/** The statistics table, its figures and the names it needs, in the actor's scope. */
export async function statisticsTable(db: Db, pack: ResolvedPack, actor: Actor, scope: Scope, q: TableQuery) {
  const classes = matterClasses(pack);
  const classOf = (m: string) => classes.get(m) ?? unknownMatter(m);
  const powerTypes = codelistNames(pack, 'power-types');
  const sectors = codelistNames(pack, 'sectors');
  const orgs = await scopedOrgs(db, actor, scope, q.filters);
  const orgNames = await organisationNames(db);
  const orgPath = (code: string) => orgNames.get(code)?.path ?? code;
  const scoped = new Set(orgs.map((o) => o.code));
  const inScope = (code: string) => scoped.has(code);
  const g = q.groupBy;
  // The figures and rates count each case once: the case rollup, unless an officer is filtered on.
  const base = await rollupRows(db, actor, scope, q.filters, {});
  const grouped =
    g === 'officer' || g === 'state' || g === 'month' || g === 'year'
      ? await rollupRows(db, actor, scope, q.filters, {
          org: g === 'officer',
          officer: g === 'officer',
          state: g === 'state',
          month: g === 'month',
          year: g === 'year',
          // By state, month or year a row reads only the matter's power type: one matter stands for each.
          ...(g === 'officer' ? {} : { matterAs: byPowerType(classes) }),
        })
      : base;
  const rateCounts = await orgRateCounts(db, pack, actor, scope, q, orgs, base);

  const groups = new Map<string, Counts>();
  if (isOrgLevel(g))
    for (const org of orgs) if (org.enforcementSubject) groups.set(orgAtLevel(org.path, g, inScope), emptyCounts());
  for (const r of grouped) {
    const cls = classOf(r.matter);
    const key = keyOf(g, r, cls, orgPath, inScope);
    const c = groups.get(key) ?? emptyCounts();
    add(c, r, cls);
    groups.set(key, c);
  }
  const officers = g === 'officer' ? await officerNames(db, [...groups.keys()]) : new Map();
  const nameOf = (key: string): Names => {
    switch (g) {
      case 'district':
      case 'subject':
      case 'unit': {
        const o = orgNames.get(key);
        return { name: o?.name ?? key, nameEn: null };
      }
      case 'officer': {
        const u = officers.get(key);
        return { name: u ? `${u.name}（${orgNames.get(u.orgCode)?.shortName ?? u.orgCode}）` : key, nameEn: null };
      }
      case 'matter': {
        const m = pack.items.matter.get(key);
        return { name: m?.name ?? key, nameEn: m?.nameEn ?? null };
      }
      case 'powerType':
        return key === NO_POWER_TYPE
          ? { name: '其他（无职权类别）', nameEn: 'Other (no power type)' }
          : (powerTypes.get(key) ?? { name: key, nameEn: null });
      case 'sector':
        return key === NO_POWER_TYPE
          ? { name: '未分行业', nameEn: 'No sector' }
          : (sectors.get(key) ?? { name: key, nameEn: null });
      case 'state':
        return stateNames(pack, key);
      case 'month':
      case 'year':
        return { name: key, nameEn: key };
    }
  };

  // The rate counts of each organisation-level group: the sum over the organisations it holds.
  const groupRates = new Map<string, RateCounts>();
  if (isOrgLevel(g))
    for (const org of orgs) {
      const rc = rateCounts.get(org.code);
      if (!rc) continue;
      const key = orgAtLevel(org.path, g, inScope);
      const sum = groupRates.get(key) ?? zeroRates();
      sumCounts(sum, rc);
      groupRates.set(key, sum);
    }
  let rows: StatisticsRow[] = [...groups].map(([key, c]) => {
    const row: StatisticsRow = { key, ...nameOf(key), ...c };
    const counts = groupRates.get(key);
    if (isOrgLevel(g)) {
      row.counts = counts ?? zeroRates();
      row.rates = ratesOf(row.counts);
    }
    return row;
  });
  const search = q.search?.trim().toLowerCase();
  if (search) rows = rows.filter((r) => [r.key, r.name, r.nameEn ?? ''].some((s) => s.toLowerCase().includes(search)));
  rows.sort(comparator(q.sort));
  const total = rows.length;
  const start = (q.page - 1) * q.pageSize;

  // The first screen: records by kind and the rates of the whole selection.
  const all = emptyCounts();
  const kinds = new Map<string, number>();
  for (const r of base) {
    const cls = classOf(r.matter);
    add(all, r, cls);
    kinds.set(cls.kind, (kinds.get(cls.kind) ?? 0) + r.cases);
  }
  const counts = zeroRates();
  for (const rc of rateCounts.values()) sumCounts(counts, rc);
  const usedTypes = new Set([...groups.values()].flatMap((c) => Object.keys(c.byPowerType)));
  for (const k of Object.keys(all.byPowerType)) usedTypes.add(k);
  const typeColumns = [...powerTypes.keys(), NO_POWER_TYPE]
    .filter((k) => usedTypes.has(k))
    .map((code) => ({
      code,
      ...(code === NO_POWER_TYPE ? { name: '其他', nameEn: 'Other' } : (powerTypes.get(code) as Names)),
    }));
  return {
    groupBy: g,
    next: NEXT[g],
    powerTypes: typeColumns,
    figures: {
      cases: all.cases,
      open: all.open,
      closed: all.closed,
      subjects: orgs.filter((o) => o.enforcementSubject).length,
      kinds: [...kinds]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => ({ kind, ...kindNames(pack, kind, powerTypes), cases: n })),
      counts,
      rates: ratesOf(counts),
    },
    rows: rows.slice(start, start + q.pageSize),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The answer of the statistics table. */
export type StatisticsTable = Awaited<ReturnType<typeof statisticsTable>>;
