/**
 * The query's filters checked against the active pack and the database and turned into what the
 * rollup reads: organisation codes that exist, an officer who exists, a matter, power type, sector
 * and state the pack has (power type and sector become the set of matters they cover). A code that
 * names nothing is refused with the field and the reason in zh and en, never read as "no rows";
 * so is an organisation outside the reader's data scope (403). Each filter comes back with its
 * name, for the breadcrumb and the workbook's header.
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { and, inArray, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { organisations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { FieldProblem } from '../validation.ts';
import { codelistNames, matterClasses, type Names, stateNames } from './dimensions.ts';
import { orgScope, type StatisticsFilters } from './rollup.ts';
import { NO_POWER_TYPE } from './table.ts';
import { FILTER_NAMES, type FilterField } from './words.ts';

/** The filters of a statistics query as given. */
export type FilterInput = Partial<Record<Exclude<FilterField, 'search'>, string>>;

/** A filter applied, with the name of its value. */
export interface AppliedFilter extends Names {
  field: FilterField;
  value: string;
  label: { zh: string; en: string };
}

const ORG_FIELDS = ['district', 'subject', 'unit'] as const;

function problem(field: string, zh: string, en: string): FieldProblem {
  return { path: `/${field}`, code: 'unknown-value', message: { zh, en } };
}

/** The rollup filters of a query and the filters as shown; throws `validation` naming each unknown value. */
export async function resolveFilters(
  db: Db,
  pack: ResolvedPack,
  input: FilterInput,
): Promise<{ filters: StatisticsFilters; applied: AppliedFilter[] }> {
  const problems: FieldProblem[] = [];
  const applied: AppliedFilter[] = [];
  const push = (field: FilterField, value: string, names: Names) =>
    applied.push({ field, value, label: FILTER_NAMES[field], ...names });

  const orgCodes = ORG_FIELDS.flatMap((f) => (input[f] ? [input[f] as string] : []));
  const orgs = orgCodes.length
    ? new Map(
        (
          await db
            .select({ code: organisations.code, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.code, orgCodes))
        ).map((o) => [o.code, o.name]),
      )
    : new Map<string, string>();
  for (const f of ORG_FIELDS) {
    const code = input[f];
    if (code === undefined) continue;
    const name = orgs.get(code);
    if (name === undefined)
      problems.push(problem(f, `没有编码为 ${code} 的组织`, `no organisation has the code ${code}`));
    else push(f, code, { name, nameEn: null });
  }

  if (input.officer !== undefined) {
    const [u] = await db
      .select({ name: users.displayName })
      .from(users)
      .where(inArray(users.id, [input.officer]));
    if (!u) problems.push(problem('officer', '没有该执法人员', 'no such officer'));
    else push('officer', input.officer, { name: u.name, nameEn: null });
  }

  const classes = [...matterClasses(pack).values()];
  let matters: Set<string> | undefined;
  const narrow = (codes: string[]) => {
    matters = new Set(codes.filter((c) => matters === undefined || matters.has(c)));
  };
  if (input.matter !== undefined) {
    const m = pack.items.matter.get(input.matter);
    if (!m)
      problems.push(
        problem('matter', `配置包中没有执法事项 ${input.matter}`, `the pack has no matter ${input.matter}`),
      );
    else {
      narrow([m.code]);
      push('matter', m.code, { name: m.name, nameEn: m.nameEn ?? null });
    }
  }
  for (const [field, list, of] of [
    ['powerType', 'power-types', (c: (typeof classes)[number]) => c.powerType],
    ['sector', 'sectors', (c: (typeof classes)[number]) => c.sector],
  ] as const) {
    const code = input[field];
    if (code === undefined) continue;
    const names = codelistNames(pack, list);
    const known = code === NO_POWER_TYPE ? { name: '其他', nameEn: 'Other' } : names.get(code);
    if (!known)
      problems.push(
        problem(field, `配置包的代码表 ${list} 中没有 ${code}`, `the pack's codelist ${list} has no ${code}`),
      );
    else {
      narrow(classes.filter((c) => (of(c) ?? NO_POWER_TYPE) === code).map((c) => c.code));
      push(field, code, known);
    }
  }

  if (input.state !== undefined) {
    const known = [...pack.items.workflow.values()].some((w) => w.states.some((s) => s.code === input.state));
    if (!known)
      problems.push(
        problem('state', `配置包的流程中没有环节 ${input.state}`, `no workflow of the pack has a state ${input.state}`),
      );
    else push('state', input.state, stateNames(pack, input.state));
  }
  if (input.from !== undefined) push('from', input.from, { name: input.from, nameEn: input.from });
  if (input.to !== undefined) push('to', input.to, { name: input.to, nameEn: input.to });
  if (problems.length) throw new AppError('validation', { problems });
  return {
    filters: {
      orgs: orgCodes,
      ...(input.officer !== undefined ? { officer: input.officer } : {}),
      ...(matters !== undefined ? { matters: [...(matters as Set<string>)] } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
      ...(input.from !== undefined ? { from: input.from } : {}),
      ...(input.to !== undefined ? { to: input.to } : {}),
    },
    applied,
  };
}

/**
 * Refuses (403, naming each field) an organisation filter outside the actor's data scope: one whose
 * tree holds no organisation the scope covers. The organisation itself in scope, or one above it
 * (a department head's district, the development zone of a bureau it supervises by sector), is
 * allowed: the rows are then those of the scope within that tree. Unknown codes are left to
 * resolveFilters.
 */
export async function refuseOutOfScope(db: Db, actor: Actor, scope: Scope, input: FilterInput): Promise<void> {
  if (scope === 'all') return;
  const asked = ORG_FIELDS.flatMap((f) => (input[f] ? [{ field: f, code: input[f] as string }] : []));
  if (!asked.length) return;
  const o = organisations;
  const paths = new Map(
    (
      await db
        .select({ code: o.code, path: o.path })
        .from(o)
        .where(
          inArray(
            o.code,
            asked.map((a) => a.code),
          ),
        )
    ).map((r) => [r.code, r.path]),
  );
  const problems: FieldProblem[] = [];
  for (const { field, code } of asked) {
    const path = paths.get(code);
    if (path === undefined) continue;
    const [inside] = await db
      .select({ one: sql<number>`1` })
      .from(o)
      .where(
        and(
          orgScope(actor, scope),
          sql`(${o.path} = ${path} OR substr(${o.path}, 1, ${path.length + 1}) = ${`${path}/`})`,
        ),
      )
      .limit(1);
    if (!inside) {
      const label = FILTER_NAMES[field];
      problems.push({
        path: `/${field}`,
        code: 'out-of-scope',
        message: {
          zh: `${label.zh} ${code} 不在您的数据范围内`,
          en: `${label.en.toLowerCase()} ${code} is outside your data scope`,
        },
      });
    }
  }
  if (problems.length) {
    const fields = problems.map((p) => p.path.slice(1) as (typeof ORG_FIELDS)[number]);
    throw new AppError(
      'forbidden',
      { problems },
      {
        zh: `筛选条件超出您的数据范围：${fields.map((f) => FILTER_NAMES[f].zh).join('、')}`,
        en: `the filter is outside your data scope: ${fields.map((f) => FILTER_NAMES[f].en.toLowerCase()).join(', ')}`,
      },
    );
  }
}
