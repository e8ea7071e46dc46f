/**
 * One row of an authority-list sheet made into the authority item it describes, on top of the
 * pack's item of that code when there is one: a column the sheet has sets its field (an empty
 * cell removes an optional field), a column it lacks leaves the field as the pack has it. Names
 * are resolved against the pack — 职权类别 in codelist power-types, 执法领域 in sectors, 实施主体
 * as subject types (org-types) or organisations (whose type and sectors it takes: the schema
 * records implementing subjects by type and sector, which is how opening a case checks them),
 * 设定依据 / 实施依据 / 追责情形's bases as legal-basis codes or citations. Every cell that cannot
 * be read is an issue naming its column, in both languages.
 */
import type { AuthorityItem, Message, ResolvedPack } from '@yifa/metamodel';
import { type BasisIndex, resolveBasis } from './authority-basis.ts';
import {
  entriesOf,
  findEntry,
  listOf,
  type NamedEntry,
  readAccountability,
  readResponsibilities,
  readTimeLimit,
  readYesNo,
} from './authority-cells.ts';
import { type AuthorityColumnKey, columnOf } from './authority-columns.ts';
import type { SheetRow } from './authority-xlsx.ts';

/** Why a cell was refused. */
export type RowIssueCode =
  | 'empty-code'
  | 'duplicate-code'
  | 'empty'
  | 'unknown-category'
  | 'unknown-subject'
  | 'unknown-sector'
  | 'no-sector'
  | 'basis-not-found'
  | 'unreadable'
  | 'schema';

/** One refused cell of a row: its column (header and English label) and why. */
export interface RowIssue {
  column: AuthorityColumnKey;
  header: string;
  headerEn: string;
  code: RowIssueCode;
  message: Message;
  value?: string;
}

/** What a row's cells are resolved against. */
export interface RowContext {
  pack: ResolvedPack;
  basis: BasisIndex;
  /** Columns the sheet has. */
  present: ReadonlySet<AuthorityColumnKey>;
  powerTypes: NamedEntry[];
  sectors: NamedEntry[];
  orgTypes: NamedEntry[];
  organisations: (NamedEntry & { type: string; sectors: readonly string[] })[];
}

/** The context of a pack for the columns a sheet has. */
export function rowContext(
  pack: ResolvedPack,
  basis: BasisIndex,
  present: ReadonlySet<AuthorityColumnKey>,
): RowContext {
  return {
    pack,
    basis,
    present,
    powerTypes: entriesOf(pack.items.codelist.get('power-types')),
    sectors: entriesOf(pack.items.codelist.get('sectors')),
    orgTypes: entriesOf(pack.items.codelist.get('org-types')),
    organisations: [...pack.items.organisation.values()].map((o) => ({
      code: o.code,
      name: o.name,
      ...(o.shortName ? { aliases: [o.shortName] } : {}),
      type: o.type,
      sectors: o.sectors ?? [],
    })),
  };
}

/** An issue of a column. */
export function issue(column: AuthorityColumnKey, code: RowIssueCode, message: Message, value?: string): RowIssue {
  const c = columnOf(column);
  return { column, header: c.header, headerEn: c.headerEn, code, message, ...(value !== undefined ? { value } : {}) };
}

const names = (entries: readonly NamedEntry[]) => entries.map((e) => e.name).join('、');

/** The item a row describes (with `existing` under it), and the issues of its cells. */
export function rowItem(
  row: SheetRow,
  existing: AuthorityItem | undefined,
  ctx: RowContext,
): { value: Record<string, unknown>; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const value: Record<string, unknown> = existing
    ? (structuredClone(existing) as unknown as Record<string, unknown>)
    : { code: row.cells.code };
  const cell = (k: AuthorityColumnKey) => row.cells[k] ?? '';
  const set = (k: string, v: unknown) => {
    if (v === undefined) delete value[k];
    else value[k] = v;
  };
  const required = (k: AuthorityColumnKey) => {
    const c = columnOf(k);
    issues.push(issue(k, 'empty', { zh: `${c.header}不能为空`, en: `${c.headerEn} (${c.header}) is empty` }));
  };
  for (const k of ['name', 'nameEn', 'responsibleLevel', 'notes'] as const)
    if (ctx.present.has(k)) {
      if (k === 'name' && cell(k) === '') required(k);
      set(k, cell(k) === '' ? undefined : cell(k));
    }

  const power = cell('powerType');
  if (power === '') required('powerType');
  else {
    const found = findEntry(power, ctx.powerTypes);
    if (found) value.powerType = found.code;
    else
      issues.push(
        issue(
          'powerType',
          'unknown-category',
          {
            zh: `职权类别“${power}”不在本配置包的职权类别中（${names(ctx.powerTypes)}）`,
            en: `power type "${power}" is not one of the pack's power types (${ctx.powerTypes.map((e) => e.nameEn ?? e.name).join(', ')})`,
          },
          power,
        ),
      );
  }

  // 实施主体: subject types, or organisations standing for their type and sectors.
  const types: string[] = [];
  const orgSectors: string[] = [];
  for (const token of listOf(cell('subjects'))) {
    const type = findEntry(token, ctx.orgTypes);
    const org = type ? undefined : findEntry(token, ctx.organisations);
    const orgFull = org && ctx.organisations.find((o) => o.code === org.code);
    if (type) types.push(type.code);
    else if (orgFull) {
      types.push(orgFull.type);
      orgSectors.push(...orgFull.sectors);
    } else
      issues.push(
        issue(
          'subjects',
          'unknown-subject',
          {
            zh: `实施主体“${token}”既不是本配置包的主体类型（${names(ctx.orgTypes)}），也不是其中的组织机构（编码、名称或简称）`,
            en: `implementing subject "${token}" is neither a subject type of the pack (${ctx.orgTypes.map((e) => e.nameEn ?? e.name).join(', ')}) nor one of its organisations (code, name or short name)`,
          },
          token,
        ),
      );
  }
  set('subjectTypes', types.length ? [...new Set(types)] : undefined);

  const sectors: string[] = [];
  for (const token of listOf(cell('sectors'))) {
    const found = findEntry(token, ctx.sectors);
    if (found) sectors.push(found.code);
    else
      issues.push(
        issue(
          'sectors',
          'unknown-sector',
          {
            zh: `执法领域“${token}”不在本配置包的执法领域中（${names(ctx.sectors)}）`,
            en: `sector "${token}" is not one of the pack's sectors (${ctx.sectors.map((e) => e.nameEn ?? e.name).join(', ')})`,
          },
          token,
        ),
      );
  }
  if (sectors.length) value.sectors = [...new Set(sectors)];
  else if (orgSectors.length) value.sectors = [...new Set(orgSectors)];
  else if (ctx.present.has('sectors') || !existing) {
    if (!issues.some((i) => i.column === 'sectors'))
      issues.push(
        issue(ctx.present.has('sectors') ? 'sectors' : 'subjects', 'no-sector', {
          zh: '没有执法领域：请填写“执法领域”列，或在“实施主体”中写明组织机构（取其执法领域）',
          en: 'no sector: fill the 执法领域 (sectors) column, or name organisations under 实施主体 (their sectors are taken)',
        }),
      );
  }

  const basis = (k: 'setting' | 'implementing') => {
    const { codes, problems } = resolveBasis(cell(k), ctx.basis);
    for (const p of problems) issues.push(issue(k, 'basis-not-found', p.message, p.text));
    return codes;
  };
  if (cell('setting') === '') required('setting');
  const setting = cell('setting') === '' ? [] : basis('setting');
  const implementing = ctx.present.has('implementing')
    ? cell('implementing') === ''
      ? undefined
      : basis('implementing')
    : existing?.basis.implementing;
  value.basis = { setting, ...(implementing ? { implementing } : {}) };

  if (ctx.present.has('responsibilities')) {
    const r = cell('responsibilities') === '' ? undefined : readResponsibilities(cell('responsibilities'));
    if (r && !r.ok) issues.push(issue('responsibilities', 'unreadable', r.message, cell('responsibilities')));
    set('responsibilities', r?.ok ? r.value : undefined);
  }

  const accountability = readAccountability(cell('accountability')).map((a) => {
    if (a.basis === undefined) return { text: a.text };
    const { codes, problems } = resolveBasis(a.basis, ctx.basis);
    for (const p of problems) issues.push(issue('accountability', 'basis-not-found', p.message, p.text));
    return codes.length ? { text: a.text, basis: codes } : { text: a.text };
  });
  set('accountability', accountability.length ? accountability : undefined);

  if (ctx.present.has('timeLimit')) {
    const t = cell('timeLimit') === '' ? undefined : readTimeLimit(cell('timeLimit'));
    if (t && !t.ok) issues.push(issue('timeLimit', 'unreadable', t.message, cell('timeLimit')));
    set('timeLimit', t?.ok ? t.value : undefined);
  }
  if (ctx.present.has('legalReview')) {
    const y = cell('legalReview') === '' ? undefined : readYesNo(cell('legalReview'));
    if (y && !y.ok) issues.push(issue('legalReview', 'unreadable', y.message, cell('legalReview')));
    set('legalReview', y?.ok ? y.value : undefined);
  }
  return { value, issues };
}
