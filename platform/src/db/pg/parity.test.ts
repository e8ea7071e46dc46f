import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { bigint, boolean, jsonb, pgTable, text as pgText, uniqueIndex as pgUniqueIndex } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { openDb } from '../client.ts';
import * as sqliteSchema from '../schema.ts';
import { differences, INTENDED_KIND_DIFFERENCES, pgShapes, sqliteShapes, TRIGGER_TRANSLATIONS } from './parity.ts';
import * as pgSchema from './schema.ts';

describe('the SQLite and PostgreSQL descriptions of the tables (#18)', () => {
  it('have the same tables, columns (name, nullability, kind, default, values), keys and indexes', () => {
    const sqlite = sqliteShapes(sqliteSchema);
    const pg = pgShapes(pgSchema);
    // On a difference: describe the change in platform/src/db/pg/schema.ts too, then
    // `npx drizzle-kit generate --config drizzle-pg.config.ts --name <name>` (docs/postgres.md).
    expect(differences(sqlite, pg), 'the SQLite and PostgreSQL schemas differ: see docs/postgres.md').toEqual([]);
    // Not vacuous: every table of the SQLite schema is read, with its columns and indexes.
    expect(Object.keys(pg)).toHaveLength(Object.keys(sqlite).length);
    expect(Object.keys(sqlite).length).toBeGreaterThanOrEqual(39);
    expect(Object.keys(sqlite.cases?.columns ?? {})).toContain('linked_case_id');
    expect(sqlite.alerts?.indexes.alerts_open_key).toEqual({ unique: true, columns: ['key'], where: "<> 'closed'" });
    expect(sqlite.users?.indexes.users_username_unique).toEqual({ unique: true, columns: ['username'], where: null });
    expect(pg.task_steps?.foreignKeys).toEqual(['case_id -> case_tasks(case_id) on delete cascade']);
    expect(pg.audit_events?.columns.seq).toMatchObject({ kind: 'integer', notNull: true });
    for (const key of Object.keys(INTENDED_KIND_DIFFERENCES)) {
      const [t, c] = key.split('.') as [string, string];
      expect(sqlite[t]?.columns[c], key).toBeDefined();
    }
  });

  it('reports a column, an index, a kind or a nullability in one description and not the other', () => {
    const a = sqliteTable(
      'things',
      {
        id: text('id').primaryKey(),
        n: integer('n').notNull(),
        flag: integer('flag', { mode: 'boolean' }).notNull(),
        added: text('added'),
      },
      (t) => [uniqueIndex('things_n').on(t.n).where(sql`${t.flag} = 1`)],
    );
    const b = pgTable('things', {
      id: pgText('id').primaryKey(),
      n: bigint('n', { mode: 'number' }),
      flag: jsonb('flag').notNull(),
    });
    expect(differences(sqliteShapes({ a }), pgShapes({ b }))).toEqual([
      'column things.added: only in SQLite',
      'column things.flag: kind boolean in SQLite, json in PostgreSQL',
      'column things.n: NOT NULL true in SQLite, false in PostgreSQL',
      'index things.things_n: only in SQLite',
    ]);
    const c = pgTable(
      'things',
      {
        id: pgText('id').primaryKey(),
        n: bigint('n', { mode: 'number' }).notNull(),
        flag: boolean('flag').notNull(),
        added: pgText('added'),
      },
      (t) => [pgUniqueIndex('things_n').on(t.n).where(sql`${t.flag} = 0`)],
    );
    expect(differences(sqliteShapes({ a }), pgShapes({ c }))).toEqual([
      'index things.things_n: {"unique":true,"columns":["n"],"where":"= 1"} in SQLite, {"unique":true,"columns":["n"],"where":"= 0"} in PostgreSQL',
    ]);
    expect(differences(sqliteShapes({ a }), {})).toEqual(['table things: only in SQLite']);
  });

  it('has a PostgreSQL counterpart (or a reason for none) for every trigger of the SQLite migrations', async () => {
    const db = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-pg-parity-')), 'yifa.db')}`);
    const rows = await db.all<{ name: string; tbl_name: string }>(
      sql`SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY 1`,
    );
    const inSqlite = rows.map((r) => `${r.tbl_name}.${r.name}`).sort();
    expect(inSqlite.length).toBeGreaterThan(40);
    // On a difference: write the trigger in PL/pgSQL (a `--custom` migration in platform/drizzle-pg)
    // and name it in parity.ts's TRIGGER_TRANSLATIONS (docs/postgres.md).
    expect(inSqlite, 'a SQLite trigger without its PostgreSQL counterpart: see docs/postgres.md').toEqual(
      Object.keys(TRIGGER_TRANSLATIONS).sort(),
    );
  });
});
