/**
 * 风险分类: an entity's risk class by the pack's risk scheme, over facts counted from the cases
 * whose party carries its 统一社会信用代码 — cases of the scheme's inspection workflows and of
 * its penalty workflows, opened in the last three years and the last twelve months before the day
 * classified. The class is the first whose condition holds (the last has none); the evaluation
 * that decided it is kept, so the screen can say why.
 *
 * A party's id number is sealed with a random IV (crypto/pii.ts), so the cases of the window are
 * read and each organisation party's code opened — once per process, as a party never changes
 * (docs/benchmarks.md, "双随机", has what this costs).
 */
import type { ResolvedPack, RiskScheme } from '@yifa/metamodel';
import { type CompiledCondition, compileCondition, explainEvaluation } from '@yifa/rules';
import { and, gte, inArray, sql } from 'drizzle-orm';
import { openPii } from '../crypto/pii.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { envOf } from '../storage/snapshot.ts';

/** An entity's facts (names as ENTITY_FACTS declares them). */
export interface EntityFacts {
  inspections3y: number;
  inspections12m: number;
  penaltyCases3y: number;
  penaltyCases12m: number;
  sector: string;
  today: string;
}

/** An entity's class, with why. */
export interface Classified {
  code: string;
  name: string;
  nameEn: string | null;
  facts: EntityFacts;
  /** The decisive conditions, zh and en (empty for the last class, which takes the rest). */
  why: { zh: string; en: string };
}

/** The risk scheme that classifies a sector: the one listing it, else one listing no sectors. */
export function schemeFor(pack: ResolvedPack, sector: string): RiskScheme {
  const all = [...pack.items['risk-scheme'].values()];
  const scheme = all.find((s) => s.sectors?.includes(sector)) ?? all.find((s) => !s.sectors?.length);
  if (!scheme)
    throw new AppError(
      'validation',
      { sector },
      {
        zh: `配置包没有适用于行业领域“${sector}”的风险分类方案`,
        en: `the pack has no risk scheme for the sector "${sector}"`,
      },
    );
  return scheme;
}

const compiled = new WeakMap<RiskScheme, (CompiledCondition | undefined)[]>();

function conditionsOf(pack: ResolvedPack, scheme: RiskScheme): (CompiledCondition | undefined)[] {
  let list = compiled.get(scheme);
  if (!list) {
    list = scheme.classes.map((k, i) => {
      if (!k.when) return undefined;
      const c = compileCondition(k.when, envOf(pack), { kind: 'risk-scheme', code: scheme.code, part: `classes/${i}` });
      if (!c.ok) throw new AppError('internal', { scheme: scheme.code, class: k.code, issues: c.issues });
      return c.value;
    });
    compiled.set(scheme, list);
  }
  return list;
}

/** The same day `years` years and `months` months earlier (ISO date; 29 Feb falls back to 28 Feb). */
function before(today: string, years: number, months = 0): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - years * 12 - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Organisation parties' credit codes by their sealed text. A case's party is written once, when
 * it is opened, and never changed, so a code opened once stays right; the codes are an
 * organisation's public 统一社会信用代码 (a person's 身份证号 is never opened here). Kept to
 * MEMO_LIMIT entries, then started afresh.
 */
const opened = new Map<string, string>();
const MEMO_LIMIT = 500_000;

function creditCodeOf(sealed: string): string {
  let code = opened.get(sealed);
  if (code === undefined) {
    code = openPii(sealed).toUpperCase();
    if (opened.size >= MEMO_LIMIT) opened.clear();
    opened.set(sealed, code);
  }
  return code;
}

/** Counts of inspections and penalty cases per credit code, over the scheme's workflows. */
export async function countRecords(
  db: Pick<Db, 'select'>,
  scheme: RiskScheme,
  today: string,
): Promise<Map<string, Omit<EntityFacts, 'sector' | 'today'>>> {
  const from3y = before(today, 3);
  const from12m = before(today, 0, 12);
  const inspection = new Set(scheme.inspectionWorkflows);
  const penalty = new Set(scheme.penaltyWorkflows);
  const rows = await db
    // The sealed id alone: the party's other sealed fields are neither read nor parsed.
    .select({
      sealed: sql<string>`json_extract(${cases.party}, '$.idNumber')`,
      workflow: cases.workflowCode,
      openedAt: cases.openedAt,
    })
    .from(cases)
    .where(
      and(
        inArray(cases.workflowCode, [...inspection, ...penalty]),
        gte(cases.openedAt, from3y),
        sql`json_extract(${cases.party}, '$.kind') = 'organisation'`,
      ),
    );
  const out = new Map<string, Omit<EntityFacts, 'sector' | 'today'>>();
  for (const r of rows) {
    const code = creditCodeOf(r.sealed);
    const f = out.get(code) ?? { inspections3y: 0, inspections12m: 0, penaltyCases3y: 0, penaltyCases12m: 0 };
    const recent = r.openedAt.slice(0, 10) >= from12m;
    if (inspection.has(r.workflow)) {
      f.inspections3y++;
      if (recent) f.inspections12m++;
    }
    if (penalty.has(r.workflow)) {
      f.penaltyCases3y++;
      if (recent) f.penaltyCases12m++;
    }
    out.set(code, f);
  }
  return out;
}

/** Classifies entities by the scheme over counted records. */
export function classify(
  pack: ResolvedPack,
  scheme: RiskScheme,
  records: ReadonlyMap<string, Omit<EntityFacts, 'sector' | 'today'>>,
  entity: { creditCode: string; sector: string },
  today: string,
): Classified {
  const counted = records.get(entity.creditCode) ?? {
    inspections3y: 0,
    inspections12m: 0,
    penaltyCases3y: 0,
    penaltyCases12m: 0,
  };
  const facts: EntityFacts = { ...counted, sector: entity.sector, today };
  const conditions = conditionsOf(pack, scheme);
  for (const [i, k] of scheme.classes.entries()) {
    const c = conditions[i];
    if (c && c.test({ facts: { ...facts }, today }) !== 1) continue;
    const ev = c?.evaluate({ facts: { ...facts }, today });
    return {
      code: k.code,
      name: k.name,
      nameEn: k.nameEn ?? null,
      facts,
      why: ev ? { zh: explainEvaluation(ev, 'zh'), en: explainEvaluation(ev, 'en') } : { zh: '', en: '' },
    };
  }
  // Unreachable for a valid pack: its last class has no condition (checks/risk-schemes.ts).
  throw new AppError('internal', { scheme: scheme.code });
}
