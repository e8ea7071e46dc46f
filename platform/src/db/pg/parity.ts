/**
 * The two descriptions of the tables (../schema.ts for SQLite, ./schema.ts for PostgreSQL) read
 * into one dialect-free shape, and the differences between them (#18). parity.test.ts runs it on
 * the real schemas; the PostgreSQL test compares a migrated database's catalog with the same shape.
 */
import { type Column, getTableName, is, SQL, StringChunk } from 'drizzle-orm';
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';

/** A column as both dialects can state it. */
export interface ColumnShape {
  kind: 'text' | 'json' | 'integer' | 'boolean' | 'real';
  notNull: boolean;
  /** 'sql' for an SQL expression (the time now), else the literal as JSON, or null for none. */
  default: string | null;
  enumValues: string[] | null;
}

export interface IndexShape {
  unique: boolean;
  columns: string[];
  /** The literal text of a partial index's condition (column names left out), or null. */
  where: string | null;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** Indexes by name, unique constraints on one column included (`<table>_<column>_unique`). */
  indexes: Record<string, IndexShape>;
  /** Foreign keys as `columns -> table(columns) on delete <action>`, sorted. */
  foreignKeys: string[];
}

const SQLITE_KINDS: Record<string, ColumnShape['kind']> = {
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteReal: 'real',
};
const PG_KINDS: Record<string, ColumnShape['kind']> = {
  PgText: 'text',
  PgJsonb: 'json',
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  PgBoolean: 'boolean',
  PgDoublePrecision: 'real',
};

function kindOf(column: Column, kinds: Record<string, ColumnShape['kind']>, where: string): ColumnShape['kind'] {
  const kind = kinds[column.columnType];
  if (!kind)
    throw new Error(`${where}: column type ${column.columnType} has no kind in parity.ts; add it to both maps`);
  return kind;
}

const literalText = (where: SQL | undefined): string | null =>
  where
    ? where.queryChunks
        .filter((c): c is StringChunk => is(c, StringChunk))
        .map((c) => c.value.join(''))
        .join('')
        .trim()
    : null;

function columnShape(column: Column, kinds: Record<string, ColumnShape['kind']>, where: string): ColumnShape {
  const d = column.default as unknown;
  return {
    kind: kindOf(column, kinds, where),
    notNull: column.notNull,
    default: d === undefined ? null : is(d, SQL) ? 'sql' : JSON.stringify(d),
    enumValues: column.enumValues?.length ? [...column.enumValues] : null,
  };
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function tableShape(config: Config, kinds: Record<string, ColumnShape['kind']>): TableShape {
  const columns: Record<string, ColumnShape> = {};
  const indexes: Record<string, IndexShape> = {};
  let primaryKey: string[] = [];
  for (const c of config.columns as Column[]) {
    columns[c.name] = columnShape(c, kinds, `${config.name}.${c.name}`);
    if (c.primary) primaryKey = [c.name];
    if (c.isUnique)
      indexes[c.uniqueName ?? `${config.name}_${c.name}_unique`] = { unique: true, columns: [c.name], where: null };
  }
  for (const pk of config.primaryKeys) primaryKey = pk.columns.map((c) => c.name);
  for (const i of config.indexes) {
    const ic = i.config as { name?: string; unique: boolean; columns: unknown[]; where?: SQL };
    indexes[ic.name ?? '(unnamed)'] = {
      unique: ic.unique,
      columns: ic.columns.map((c) => (c as { name?: string }).name ?? '(expression)'),
      where: literalText(ic.where),
    };
  }
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const r = fk.reference();
      return `${r.columns.map((c) => c.name).join(',')} -> ${getTableName(r.foreignTable)}(${r.foreignColumns
        .map((c) => c.name)
        .join(',')}) on delete ${fk.onDelete ?? 'no action'}`;
    })
    .sort();
  return { columns, primaryKey, indexes, foreignKeys };
}

/** Every SQLite table a module exports, by table name. */
export function sqliteShapes(module: Record<string, unknown>): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  for (const v of Object.values(module))
    if (is(v, SQLiteTable)) out[getTableName(v)] = tableShape(sqliteConfig(v), SQLITE_KINDS);
  return out;
}

/** Every PostgreSQL table a module exports, by table name. */
export function pgShapes(module: Record<string, unknown>): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  for (const v of Object.values(module)) if (is(v, PgTable)) out[getTableName(v)] = tableShape(pgConfig(v), PG_KINDS);
  return out;
}

/**
 * Differences the stores are meant to have, each with its reason: `table.column` → the kind
 * PostgreSQL uses instead of SQLite's.
 */
export const INTENDED_KIND_DIFFERENCES: Record<
  string,
  { sqlite: ColumnShape['kind']; pg: ColumnShape['kind']; why: string }
> = {
  'review_marks.state_entered': {
    sqlite: 'text',
    pg: 'json',
    why: 'a copy of cases.state_entered (JSON text in SQLite, jsonb in PostgreSQL): one JSON expression reads both columns',
  },
};

/** Every way the two descriptions differ (beyond INTENDED_KIND_DIFFERENCES), one line each. */
export function differences(sqlite: Record<string, TableShape>, pg: Record<string, TableShape>): string[] {
  const out: string[] = [];
  const names = [...new Set([...Object.keys(sqlite), ...Object.keys(pg)])].sort();
  for (const t of names) {
    const a = sqlite[t];
    const b = pg[t];
    if (!a || !b) {
      out.push(`table ${t}: only in ${a ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    for (const c of [...new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])].sort()) {
      const x = a.columns[c];
      const y = b.columns[c];
      if (!x || !y) {
        out.push(`column ${t}.${c}: only in ${x ? 'SQLite' : 'PostgreSQL'}`);
        continue;
      }
      const intended = INTENDED_KIND_DIFFERENCES[`${t}.${c}`];
      const kindsMatch = intended ? x.kind === intended.sqlite && y.kind === intended.pg : x.kind === y.kind;
      if (!kindsMatch) out.push(`column ${t}.${c}: kind ${x.kind} in SQLite, ${y.kind} in PostgreSQL`);
      if (x.notNull !== y.notNull)
        out.push(`column ${t}.${c}: NOT NULL ${x.notNull} in SQLite, ${y.notNull} in PostgreSQL`);
      if (x.default !== y.default)
        out.push(`column ${t}.${c}: default ${x.default} in SQLite, ${y.default} in PostgreSQL`);
      if (JSON.stringify(x.enumValues) !== JSON.stringify(y.enumValues))
        out.push(
          `column ${t}.${c}: values ${JSON.stringify(x.enumValues)} in SQLite, ${JSON.stringify(y.enumValues)} in PostgreSQL`,
        );
    }
    if (a.primaryKey.join(',') !== b.primaryKey.join(','))
      out.push(`table ${t}: primary key (${a.primaryKey}) in SQLite, (${b.primaryKey}) in PostgreSQL`);
    for (const i of [...new Set([...Object.keys(a.indexes), ...Object.keys(b.indexes)])].sort()) {
      const x = a.indexes[i];
      const y = b.indexes[i];
      if (!x || !y) out.push(`index ${t}.${i}: only in ${x ? 'SQLite' : 'PostgreSQL'}`);
      else if (JSON.stringify(x) !== JSON.stringify(y))
        out.push(`index ${t}.${i}: ${JSON.stringify(x)} in SQLite, ${JSON.stringify(y)} in PostgreSQL`);
    }
    if (a.foreignKeys.join(';') !== b.foreignKeys.join(';'))
      out.push(
        `table ${t}: foreign keys [${a.foreignKeys.join('; ')}] in SQLite, [${b.foreignKeys.join('; ')}] in PostgreSQL`,
      );
  }
  return out;
}

/**
 * Each SQLite trigger (`table.trigger`, from platform/drizzle) and the PostgreSQL trigger that does
 * its work (drizzle-pg/0001_triggers.sql), or null with the reason PostgreSQL needs none. A trigger
 * added to one store and not the other fails parity.test.ts (SQLite) or pg.test.ts (PostgreSQL).
 */
export const TRIGGER_TRANSLATIONS: Record<string, string | { none: string }> = {
  'assessment_results.assessment_results_frozen_delete': 'assessment_results.assessment_results_frozen',
  'assessment_results.assessment_results_frozen_insert': 'assessment_results.assessment_results_frozen',
  'assessment_results.assessment_results_frozen_update': 'assessment_results.assessment_results_frozen',
  'assessment_runs.assessment_runs_frozen_delete': 'assessment_runs.assessment_runs_frozen_delete',
  'assessment_runs.assessment_runs_frozen_update': 'assessment_runs.assessment_runs_frozen_update',
  'audit_events.audit_events_no_delete': 'audit_events.audit_events_no_delete',
  'audit_events.audit_events_no_replace': {
    none: 'no INSERT OR REPLACE in PostgreSQL; the primary key refuses a second seq, ON CONFLICT DO UPDATE fires the UPDATE trigger',
  },
  'audit_events.audit_events_no_update': 'audit_events.audit_events_no_update',
  'cases.case_closings_update': 'cases.case_rollups_update',
  'cases.case_counts_update': 'cases.case_rollups_update',
  'cases.case_officers_delete': 'cases.case_rollups_delete',
  'cases.case_officers_insert': 'cases.case_rollups_insert',
  'cases.case_officers_update': 'cases.case_rollups_update',
  'cases.case_period_counts_delete': 'cases.case_rollups_delete',
  'cases.case_period_counts_insert': 'cases.case_rollups_insert',
  'cases.case_period_counts_update': 'cases.case_rollups_update',
  'cases.case_rollups_delete': 'cases.case_rollups_delete',
  'cases.case_rollups_insert': 'cases.case_rollups_insert',
  'cases.case_state_counts_update': 'cases.case_rollups_update',
  'cases.case_tasks_case_update': 'cases.case_tasks_case_update',
  'cases.officer_counts_update': 'cases.case_rollups_update',
  'cases.officer_matter_counts_delete': 'cases.case_rollups_delete',
  'cases.officer_matter_counts_insert': 'cases.case_rollups_insert',
  'cases.officer_matter_counts_update': 'cases.case_rollups_update',
  'cases.review_marks_case_delete': 'cases.review_marks_case_delete',
  'cases.review_marks_case_update': 'cases.review_marks_case_update',
  'disclosures.case_tasks_disclosures_delete': 'disclosures.case_tasks_disclosures',
  'disclosures.case_tasks_disclosures_insert': 'disclosures.case_tasks_disclosures',
  'disclosures.case_tasks_disclosures_update': 'disclosures.case_tasks_disclosures',
  'disclosures.case_tasks_disclosures_linking': 'disclosures.case_tasks_disclosures_linking',
  'disclosures.case_tasks_disclosures_linking_delete': 'disclosures.case_tasks_disclosures_linking',
  'disclosures.case_tasks_disclosures_linking_update': 'disclosures.case_tasks_disclosures_linking',
  'documents.case_tasks_documents_delete': 'documents.case_tasks_documents',
  'documents.case_tasks_documents_insert': 'documents.case_tasks_documents',
  'documents.case_tasks_documents_update': 'documents.case_tasks_documents',
  'organisations.case_tasks_subject_update': 'organisations.case_tasks_subject_update',
  'reviews.case_tasks_reviews_delete': 'reviews.case_tasks_reviews',
  'reviews.case_tasks_reviews_insert': 'reviews.case_tasks_reviews',
  'reviews.case_tasks_reviews_update': 'reviews.case_tasks_reviews',
  'reviews.review_marks_review_delete': 'reviews.review_marks_review',
  'reviews.review_marks_review_insert': 'reviews.review_marks_review',
  'reviews.review_marks_review_update': 'reviews.review_marks_review',
  'users.case_tasks_certificate_update': 'users.case_tasks_certificate_update',
};

/** PostgreSQL's own additions, with no SQLite trigger: TRUNCATE skips row triggers there. */
export const PG_ONLY_TRIGGERS = [
  'assessment_results.assessment_results_no_truncate',
  'assessment_runs.assessment_runs_no_truncate',
  'audit_events.audit_events_no_truncate',
];
