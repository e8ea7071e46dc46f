/**
 * The PostgreSQL store against a real server (#18): YIFA_TEST_PG_URL names a database on it whose
 * user may create databases (`.ci/postgres.sh start` prints it; .ci/run sets it). Each test makes
 * its own empty database and drops it after. Without the variable the tests are skipped, and the
 * describe's name says why.
 *
 * - Migrations apply to an empty database, once, with three processes' pools opening it at once,
 *   and leave exactly the tables, columns and indexes pg/schema.ts describes.
 * - The triggers keep what SQLite's keep: the same random writes (fixed seed) to a libsql temp file
 *   and to PostgreSQL leave the same rollups, officers' case lists, review marks and 我的待办 rows;
 *   the append-only audit chain and a published assessment run refuse changes on both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { seededUnit } from '../../random/seeded-sample.ts';
import { type Db, openDb } from '../client.ts';
import * as lite from '../schema.ts';
import { openPgDb, PG_MIGRATIONS, type PgDb } from './client.ts';
import { PG_ONLY_TRIGGERS, pgShapes, TRIGGER_TRANSLATIONS } from './parity.ts';
import * as pgs from './schema.ts';

const adminUrl = process.env.YIFA_TEST_PG_URL;
const title = adminUrl
  ? 'the PostgreSQL store (#18)'
  : 'the PostgreSQL store (#18) — SKIPPED: YIFA_TEST_PG_URL is unset; `eval "$(.ci/postgres.sh start)"` starts a server and sets it (CI does)';

// Said once in the run's output too, not only in the skipped describe's name.
if (!adminUrl) console.warn(title);

const created: string[] = [];
const pools: pg.Pool[] = [];

/** A new empty database on the test server (`options`: CREATE DATABASE's); its URL. */
async function freshDatabase(options = ''): Promise<string> {
  const name = `yifa_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" ${options}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(adminUrl as string);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openPg(url: string): Promise<PgDb> {
  const db = await openPgDb(url, { max: 4 });
  pools.push(db.$client);
  return db;
}

afterAll(async () => {
  for (const p of pools.splice(0)) await p.end();
  if (!adminUrl || created.length === 0) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

/** The kind parity.ts gives a PostgreSQL column type. */
const KIND: Record<string, string> = {
  text: 'text',
  jsonb: 'json',
  integer: 'integer',
  bigint: 'integer',
  boolean: 'boolean',
  'double precision': 'real',
};

describe.skipIf(!adminUrl)(title, () => {
  it('applies the migrations to an empty database once, with three processes opening it at once', async () => {
    const url = await freshDatabase();
    // Three pools as three app processes would open them: the advisory lock lets one migrate.
    const [db] = await Promise.all([openPg(url), openPg(url), openPg(url)]);
    const client = (db as PgDb).$client;
    // Every migration of drizzle-kit's journal, applied once.
    const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
    const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(applied.rows[0].n).toBe(journal.entries.length);
    // Opening again finds nothing to apply.
    await openPg(url);
    expect((await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n).toBe(
      journal.entries.length,
    );

    // The catalog is what pg/schema.ts describes: tables, columns (kind, nullability), indexes.
    const shapes = pgShapes(pgs);
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const catalog: Record<string, Record<string, { kind: string | undefined; notNull: boolean }>> = {};
    for (const c of columns.rows) {
      catalog[c.table_name] ??= {};
      (catalog[c.table_name] as Record<string, unknown>)[c.column_name] = {
        kind: KIND[c.data_type],
        notNull: c.is_nullable === 'NO',
      };
    }
    const described = Object.fromEntries(
      Object.entries(shapes).map(([t, s]) => [
        t,
        Object.fromEntries(Object.entries(s.columns).map(([c, col]) => [c, { kind: col.kind, notNull: col.notNull }])),
      ]),
    );
    expect(catalog).toEqual(described);
    // Every index with its columns in order (the primary keys' too), from the system catalog.
    const indexes = await client.query<{
      tablename: string;
      indexname: string;
      primary: boolean;
      unique: boolean;
      columns: string[];
    }>(
      `SELECT t.relname AS tablename, i.relname AS indexname, x.indisprimary AS primary, x.indisunique AS unique,
         array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid
       JOIN pg_namespace AS n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
    );
    const line = (t: string, name: string, unique: boolean, columns: string[]) =>
      `${t}.${name}${unique ? ' unique' : ''} (${columns})`;
    const inCatalog = indexes.rows
      .filter((i) => !i.primary)
      .map((i) => line(i.tablename, i.indexname, i.unique, i.columns))
      .sort();
    const inSchema = Object.entries(shapes)
      .flatMap(([t, s]) => Object.entries(s.indexes).map(([name, i]) => line(t, name, i.unique, i.columns)))
      .sort();
    expect(inCatalog).toEqual(inSchema);
    expect(inSchema.length).toBeGreaterThan(40);
    const keys = indexes.rows
      .filter((i) => i.primary)
      .map((i) => `${i.tablename} (${i.columns})`)
      .sort();
    expect(keys).toEqual(
      Object.entries(shapes)
        .map(([t, s]) => `${t} (${s.primaryKey})`)
        .sort(),
    );
    // Every SQLite trigger's counterpart (parity.ts), and PostgreSQL's own TRUNCATE guards, nothing else.
    const triggers = await client.query<{ t: string }>(
      `SELECT c.relname || '.' || g.tgname AS t FROM pg_trigger AS g JOIN pg_class AS c ON c.oid = g.tgrelid
       JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT g.tgisinternal`,
    );
    const translated = Object.values(TRIGGER_TRANSLATIONS).filter((v): v is string => typeof v === 'string');
    expect(triggers.rows.map((r) => r.t).sort()).toEqual([...new Set([...translated, ...PG_ONLY_TRIGGERS])].sort());
    // A default time is written as SQLite's default writes it: ISO 8601 in UTC with milliseconds.
    const [pack] = await (db as PgDb)
      .insert(pgs.packVersions)
      .values({ hash: 'h', packId: 'p', version: '1.0.0', name: 'p', bundle: '{}' })
      .returning({ at: pgs.packVersions.importedAt });
    expect(pack?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(pack?.at as string) - Date.now())).toBeLessThan(60_000);
    // The seed row of SQLite's 0013.
    expect((await client.query('SELECT month_offset FROM statistics_settings WHERE id = 1')).rows).toEqual([
      { month_offset: '+480 minutes' },
    ]);
  });

  it('refuses a database that collates text by a language, not by bytes, and changes nothing in it', async () => {
    const url = await freshDatabase(
      "TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C.UTF-8'",
    );
    await expect(openPgDb(url)).rejects.toThrow(
      /collates text by the ICU locale zh-CN, .*CREATE DATABASE .* LOCALE 'C.UTF-8'/,
    );
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const schemas = await check.query(`SELECT nspname FROM pg_namespace WHERE nspname = 'drizzle'`);
      const tables = await check.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect({ schemas: schemas.rows, tables: tables.rows }).toEqual({ schemas: [], tables: [] });
    } finally {
      await check.end();
    }
  });

  it('keeps the rollups, officers’ case lists, review marks and 我的待办 rows as SQLite’s triggers do', {
    timeout: 120_000,
  }, async () => {
    const sqlite = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-pg-parity-')), 'yifa.db')}`);
    const postgres = await openPg(await freshDatabase());
    const stores = [liteStore(sqlite), pgStore(postgres)] as const;
    const ops = randomOps();
    for (const o of SETUP) for (const s of stores) await s.apply(o);

    // By hand, on PostgreSQL: a case opened 2026-03-31T17:00Z is in April in Beijing (+480 minutes).
    await stores[1].apply({
      k: 'insertCase',
      row: caseRow('hand', { openedAt: '2026-03-31T17:00:00.000Z', matterCode: 'mx' }),
    });
    expect(
      await postgres
        .select()
        .from(pgs.casePeriodCounts)
        .where(eq(pgs.casePeriodCounts.matterCode, 'mx'))
        .orderBy(asc(pgs.casePeriodCounts.period)),
    ).toEqual([
      { period: '2026', matterCode: 'mx', closed: false, cases: 1 },
      { period: '2026-04', matterCode: 'mx', closed: false, cases: 1 },
    ]);
    await stores[1].apply({ k: 'deleteCase', id: 'hand' });
    expect(await postgres.select().from(pgs.casePeriodCounts).where(eq(pgs.casePeriodCounts.matterCode, 'mx'))).toEqual(
      [],
    );

    let compared = 0;
    for (let i = 0; i < ops.length; i++) {
      for (const s of stores) await s.apply(ops[i] as Op);
      // The stored 我的待办 rows after every write: a later write that stores a case's row again
      // would hide a row one store forgot and the other kept.
      const [x, y] = [await stores[0].tasks(), await stores[1].tasks()];
      expect({ after: i, op: ops[i], tasks: y }).toEqual({ after: i, op: ops[i], tasks: x });
      if (i % 60 === 59 || i === ops.length - 1) {
        const [a, b] = [await stores[0].tables(), await stores[1].tables()];
        expect({ after: i, ...b }).toEqual({ after: i, ...a });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
    // Not vacuous: every kept table holds rows, and some stored 我的待办 rows were forgotten.
    const end = await stores[1].tables();
    for (const [t, rows] of Object.entries(end)) expect({ t, n: rows.length > 0 }).toEqual({ t, n: true });
    const tasksWritten = ops.filter((o) => o.k === 'insertTask').length;
    expect(end.case_tasks?.length).toBeLessThan(tasksWritten);
    const marks = end.review_marks as { agreedAt: string | null }[];
    expect(marks.some((m) => m.agreedAt !== null) && marks.some((m) => m.agreedAt === null)).toBe(true);
  });

  it('refuses to change the audit chain or a published assessment run, as SQLite does', async () => {
    const sqlite = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-pg-refuse-')), 'yifa.db')}`);
    const postgres = await openPg(await freshDatabase());
    const event = { seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'u', action: 'x', prevHash: '0', hash: 'h' };
    await sqlite.insert(lite.auditEvents).values(event);
    await postgres.insert(pgs.auditEvents).values(event);
    const refusal = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        // drizzle wraps the driver's error: the database's own message is the cause's.
        const cause = (e as { cause?: { message?: string } }).cause;
        return cause?.message ?? (e as Error).message;
      }
      return 'accepted';
    };
    for (const [what, a, b] of [
      [
        'update',
        sqlite.update(lite.auditEvents).set({ actor: 'v' }),
        postgres.update(pgs.auditEvents).set({ actor: 'v' }),
      ],
      ['delete', sqlite.delete(lite.auditEvents), postgres.delete(pgs.auditEvents)],
    ] as const) {
      const [x, y] = [await refusal(a), await refusal(b)];
      expect({ what, y }).toEqual({ what, y: x });
      expect(y).toMatch(/append-only/);
    }
    expect(await refusal(postgres.execute('TRUNCATE audit_events'))).toBe(
      'audit_events is append-only: TRUNCATE is refused',
    );
    expect(await postgres.select({ actor: pgs.auditEvents.actor }).from(pgs.auditEvents)).toEqual([{ actor: 'u' }]);

    const run = {
      id: 'r1',
      schemeCode: 's',
      packHash: 'h',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      asOf: '2026-12-31',
      status: 'draft' as const,
      summary: {},
      computedAt: 'now',
      computedBy: 'u',
    };
    const result = { runId: 'r1', subjectCode: 'S1', subjectPath: 'GOV/S1', rank: 1, score: 90.5, result: {} };
    for (const [db, t] of [
      [sqlite, lite],
      [postgres, pgs],
    ] as const) {
      // Each store's own tables and handle; the same writes on both.
      const d = db as unknown as PgDb;
      const s = t as unknown as typeof pgs;
      await d.insert(s.assessmentRuns).values(run);
      await d.insert(s.assessmentResults).values(result);
      await d.update(s.assessmentRuns).set({ status: 'published', publishedAt: 'now', publishedBy: 'u' });
    }
    for (const [what, a, b] of [
      [
        'update run',
        sqlite.update(lite.assessmentRuns).set({ summary: { x: 1 } }),
        postgres.update(pgs.assessmentRuns).set({ summary: { x: 1 } }),
      ],
      ['delete run', sqlite.delete(lite.assessmentRuns), postgres.delete(pgs.assessmentRuns)],
      [
        'update result',
        sqlite.update(lite.assessmentResults).set({ rank: 2 }),
        postgres.update(pgs.assessmentResults).set({ rank: 2 }),
      ],
      ['delete result', sqlite.delete(lite.assessmentResults), postgres.delete(pgs.assessmentResults)],
      [
        'insert result',
        sqlite.insert(lite.assessmentResults).values({ ...result, subjectCode: 'S2' }),
        postgres.insert(pgs.assessmentResults).values({ ...result, subjectCode: 'S2' }),
      ],
    ] as const) {
      const [x, y] = [await refusal(a), await refusal(b)];
      expect({ what, y }).toEqual({ what, y: x });
      expect(y).toBe('a published assessment run is frozen');
    }
  });
});

// ---- The writes: data first, so both stores get exactly the same ones. ----

type CaseInsert = typeof lite.cases.$inferInsert;
type Op =
  | { k: 'insertOrg'; code: string }
  | { k: 'insertUser'; id: string }
  | { k: 'insertCase'; row: CaseInsert }
  | { k: 'updateCase'; id: string; set: Partial<CaseInsert> }
  | { k: 'deleteCase'; id: string }
  | {
      k: 'insertReview';
      id: string;
      caseId: string;
      requestedAt: string;
      opinion: 'agree' | 'disagree' | 'agree-after-change' | null;
    }
  | { k: 'updateReview'; id: string; set: { opinion?: 'agree' | 'disagree'; requestedAt?: string; caseId?: string } }
  | { k: 'deleteReview'; id: string }
  | { k: 'updateDocument'; id: string; number: string }
  | { k: 'insertTask'; caseId: string }
  | { k: 'insertDocument'; id: string; caseId: string }
  | { k: 'updateCertificate'; userId: string; until: string }
  | { k: 'renameOrg'; code: string; name: string }
  | { k: 'insertDisclosure'; caseId: string }
  | { k: 'updateDisclosure'; caseId: string; state: 'corrected' | 'withdrawn' }
  | { k: 'deleteDisclosure'; caseId: string };

const SUBJECTS = ['S1', 'S2', 'S3'];
const MATTERS = ['m1', 'm2', 'm3'];
const STATES = ['filing', 'investigation', 'decision', 'closed'];
const OFFICERS = ['o1', 'o2', 'o3', 'o4'];
// Instants around the ends of months and years, where UTC and Beijing months differ.
const INSTANTS = [
  '2025-12-31T15:30:00.000Z',
  '2025-12-31T16:30:00.000Z',
  '2026-01-15T02:00:00.000Z',
  '2026-03-31T17:00:00.000Z',
  '2026-06-30T10:00:00.000Z',
];
const SETUP: Op[] = [
  ...SUBJECTS.map((code): Op => ({ k: 'insertOrg', code })),
  ...OFFICERS.map((id): Op => ({ k: 'insertUser', id })),
];

function caseRow(id: string, over: Partial<CaseInsert> = {}): CaseInsert {
  return {
    id,
    number: `N-${id}`,
    matterCode: 'm1',
    workflowCode: 'w',
    category: 'enforcement',
    subjectOrg: 'S1',
    subjectPath: 'GOV/S1',
    packHash: 'h',
    state: 'filing',
    party: { kind: 'person', name: '某', idNumber: 'x' },
    facts: {},
    officers: ['o1'],
    stateEntered: {},
    extensions: {},
    openedAt: INSTANTS[0] as string,
    createdBy: 'o1',
    ...over,
  };
}

/** 480 writes from a fixed seed (mulberry32): inserts, transitions, closings, moves, reviews, 我的待办 rows and what forgets them. */
function randomOps(): Op[] {
  const rnd = seededUnit(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const officers = () => (rnd() < 0.2 ? [pick(OFFICERS)] : [pick(OFFICERS), pick(OFFICERS)]);
  const ops: Op[] = [];
  const live: string[] = [];
  const disclosed = new Set<string>();
  // Reviews and documents written so far, with their cases: a change to one forgets its case's rows,
  // which are stored just before so there is something to forget.
  const reviewsOf = new Map<string, string>();
  const documentsOf = new Map<string, string>();
  const storeTasks = (...ids: string[]) => {
    for (const c of ids) if (live.includes(c)) ops.push({ k: 'insertTask', caseId: c });
  };
  const linkedTo: string[] = [];
  const linking = new Map<string, string[]>();
  for (let i = 0; i < 60; i++) {
    const subject = pick(SUBJECTS);
    const closed = rnd() < 0.3;
    const linked = i > 5 && rnd() < 0.3 ? pick(live) : null;
    if (linked) {
      linkedTo.push(linked);
      linking.set(linked, [...(linking.get(linked) ?? []), `c${i}`]);
    }
    ops.push({
      k: 'insertCase',
      row: caseRow(`c${i}`, {
        matterCode: pick(MATTERS),
        category: rnd() < 0.8 ? 'enforcement' : 'legal-affairs',
        subjectOrg: subject,
        subjectPath: `GOV/${subject}`,
        state: closed ? 'closed' : pick(STATES),
        officers: officers(),
        openedAt: pick(INSTANTS),
        closedAt: closed ? pick(INSTANTS) : null,
        linkedCaseId: linked,
      }),
    });
    live.push(`c${i}`);
  }
  for (let step = 0; step < 420; step++) {
    const id = pick(live);
    const r = rnd();
    if (r < 0.2) ops.push({ k: 'updateCase', id, set: { state: pick(STATES) } });
    else if (r < 0.28) ops.push({ k: 'updateCase', id, set: { state: 'closed', closedAt: pick(INSTANTS) } });
    else if (r < 0.31) ops.push({ k: 'updateCase', id, set: { closedAt: null } });
    else if (r < 0.37) ops.push({ k: 'updateCase', id, set: { officers: officers() } });
    else if (r < 0.4) {
      const subject = pick(SUBJECTS);
      ops.push({
        k: 'updateCase',
        id,
        set: rnd() < 0.5 ? { subjectOrg: subject, subjectPath: `GOV/${subject}` } : { subjectPath: `GOV/X/${subject}` },
      });
    } else if (r < 0.43) ops.push({ k: 'updateCase', id, set: { matterCode: pick(MATTERS) } });
    else if (r < 0.46) ops.push({ k: 'updateCase', id, set: { openedAt: pick(INSTANTS) } });
    else if (r < 0.48) ops.push({ k: 'updateCase', id, set: { category: pick(['enforcement', 'legal-affairs']) } });
    else if (r < 0.49) ops.push({ k: 'updateCase', id, set: { number: `N-${id}-${step}` } });
    else if (r < 0.52)
      ops.push({
        k: 'updateCase',
        id,
        set: { stateEntered: { filing: pick(INSTANTS), [pick(STATES)]: pick(INSTANTS) } },
      });
    else if (r < 0.6) {
      const opinion = rnd() < 0.6 ? pick(['agree', 'disagree', 'agree-after-change'] as const) : null;
      ops.push({ k: 'insertReview', id: `r${step}`, caseId: id, requestedAt: pick(INSTANTS), opinion });
      reviewsOf.set(`r${step}`, id);
    } else if (r < 0.63 && reviewsOf.size > 0) {
      const [review, of] = pick([...reviewsOf]);
      const moved = rnd() < 0.2 ? id : of;
      storeTasks(of, moved);
      const set = { opinion: pick(['agree', 'disagree'] as const), requestedAt: pick(INSTANTS) };
      ops.push({ k: 'updateReview', id: review, set: moved === of ? set : { ...set, caseId: moved } });
      reviewsOf.set(review, moved);
    } else if (r < 0.65 && reviewsOf.size > 0) {
      const [review, of] = pick([...reviewsOf]);
      storeTasks(of);
      ops.push({ k: 'deleteReview', id: review });
      reviewsOf.delete(review);
    } else if (r < 0.67 && documentsOf.size > 0) {
      const [document, of] = pick([...documentsOf]);
      storeTasks(of);
      ops.push({ k: 'updateDocument', id: document, number: `W-${step}` });
    } else if (r < 0.82) ops.push({ k: 'insertTask', caseId: id });
    else if (r < 0.87) {
      ops.push({ k: 'insertDocument', id: `d${step}`, caseId: id });
      documentsOf.set(`d${step}`, id);
    } else if (r < 0.9)
      ops.push({ k: 'updateCertificate', userId: pick(OFFICERS), until: `2027-0${1 + (step % 9)}-01` });
    else if (r < 0.92) ops.push({ k: 'renameOrg', code: pick(SUBJECTS), name: `机关${step}` });
    else if (r < 0.94) {
      // 公示 of a decided case others link to: its own 我的待办 rows and the linking cases' are forgotten.
      const decided = pick(linkedTo);
      // It and the cases linking to it hold stored rows first, so there is something to forget.
      storeTasks(decided, ...(linking.get(decided) ?? []));
      if (!disclosed.has(decided)) ops.push({ k: 'insertDisclosure', caseId: decided });
      else if (rnd() < 0.7)
        ops.push({ k: 'updateDisclosure', caseId: decided, state: pick(['corrected', 'withdrawn'] as const) });
      else ops.push({ k: 'deleteDisclosure', caseId: decided });
      if (disclosed.has(decided) && ops.at(-1)?.k === 'deleteDisclosure') disclosed.delete(decided);
      else disclosed.add(decided);
    } else if (r < 0.965 && live.length > 30) {
      ops.push({ k: 'deleteCase', id });
      live.splice(live.indexOf(id), 1);
    } else ops.push({ k: 'insertTask', caseId: id });
  }
  return ops;
}

interface Store {
  apply(op: Op): Promise<void>;
  /** Every table the triggers keep, rows sorted, JSON columns parsed. */
  tables(): Promise<Record<string, unknown[]>>;
  /** The cases with stored 我的待办 rows, sorted. */
  tasks(): Promise<string[]>;
}

const sorted = (rows: unknown[]) =>
  rows
    .map((r) => {
      const row = { ...(r as Record<string, unknown>) };
      if (typeof row.stateEntered === 'string') row.stateEntered = JSON.parse(row.stateEntered);
      return row;
    })
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

const disclosureRow = (caseId: string) => ({
  id: `p-${caseId}`,
  caseId,
  documentId: `d-${caseId}`,
  subjectOrg: 'S1',
  subjectPath: 'GOV/S1',
  state: 'published' as const,
  documentNumber: `W-${caseId}`,
  partyName: '某',
  authority: 'S1',
  decidedOn: '2026-01-02',
  publishedOn: '2026-01-03',
  publishedAt: '2026-01-03T00:00:00.000Z',
  publishedBy: 'o1',
  content: [],
});
const taskRow = (caseId: string) => ({
  caseId,
  computedFor: '2026-12-07',
  legalReview: false,
  view: '{}',
  actions: '[]',
});
const stepRow = (caseId: string) => ({
  caseId,
  ord: 0,
  key: 'k',
  kind: 'transition',
  name: '{}',
  href: '/',
  officersOnly: true,
  needsIssue: false,
});

/**
 * The same writes and reads on either store. drizzle's builders take the same calls in both dialects
 * but their types do not unify, so the PostgreSQL database and tables go in typed as the libsql ones.
 */
function storeOn(db: Db, t: typeof lite): Store {
  return {
    async apply(op) {
      switch (op.k) {
        case 'insertOrg':
          await db
            .insert(t.organisations)
            .values({ code: op.code, name: op.code, type: 'bureau', enforcementSubject: true, path: `GOV/${op.code}` });
          return;
        case 'insertUser':
          await db
            .insert(t.users)
            .values({ id: op.id, username: op.id, displayName: op.id, passwordHash: 'x', orgCode: 'S1', roles: [] });
          return;
        case 'insertCase':
          await db.insert(t.cases).values(op.row);
          return;
        case 'updateCase':
          await db.update(t.cases).set(op.set).where(eq(t.cases.id, op.id));
          return;
        case 'deleteCase':
          await db.delete(t.cases).where(eq(t.cases.id, op.id));
          return;
        case 'insertReview':
          await db.insert(t.reviews).values({
            id: op.id,
            caseId: op.caseId,
            requestedBy: 'o1',
            requestedAt: op.requestedAt,
            opinion: op.opinion,
          });
          return;
        case 'updateReview':
          await db.update(t.reviews).set(op.set).where(eq(t.reviews.id, op.id));
          return;
        case 'deleteReview':
          await db.delete(t.reviews).where(eq(t.reviews.id, op.id));
          return;
        case 'updateDocument':
          await db.update(t.documents).set({ status: 'issued', number: op.number }).where(eq(t.documents.id, op.id));
          return;
        case 'insertTask':
          await db.delete(t.caseTasks).where(eq(t.caseTasks.caseId, op.caseId));
          await db.insert(t.caseTasks).values(taskRow(op.caseId));
          await db.insert(t.taskSteps).values(stepRow(op.caseId));
          return;
        case 'insertDocument':
          await db.insert(t.documents).values({
            id: op.id,
            caseId: op.caseId,
            formCode: op.id,
            version: 1,
            status: 'draft',
            data: {},
            formHash: 'h',
            createdBy: 'o1',
          });
          return;
        case 'updateCertificate':
          await db.update(t.users).set({ certificateValidUntil: op.until }).where(eq(t.users.id, op.userId));
          return;
        case 'renameOrg':
          await db.update(t.organisations).set({ name: op.name }).where(eq(t.organisations.code, op.code));
          return;
        case 'insertDisclosure':
          await db.insert(t.disclosures).values(disclosureRow(op.caseId));
          return;
        case 'updateDisclosure':
          await db.update(t.disclosures).set({ state: op.state }).where(eq(t.disclosures.caseId, op.caseId));
          return;
        case 'deleteDisclosure':
          await db.delete(t.disclosures).where(eq(t.disclosures.caseId, op.caseId));
          return;
      }
    },
    async tasks() {
      return (await db.select({ id: t.caseTasks.caseId }).from(t.caseTasks).orderBy(asc(t.caseTasks.caseId))).map(
        (r) => r.id,
      );
    },
    async tables() {
      return {
        case_counts: sorted(await db.select().from(t.caseCounts)),
        case_state_counts: sorted(await db.select().from(t.caseStateCounts)),
        case_closings: sorted(await db.select().from(t.caseClosings)),
        officer_counts: sorted(await db.select().from(t.officerCounts)),
        officer_matter_counts: sorted(await db.select().from(t.officerMatterCounts)),
        case_period_counts: sorted(await db.select().from(t.casePeriodCounts)),
        case_officers: sorted(await db.select().from(t.caseOfficers)),
        review_marks: sorted(await db.select().from(t.reviewMarks)),
        case_tasks: sorted(await db.select({ caseId: t.caseTasks.caseId }).from(t.caseTasks)),
        task_steps: sorted(await db.select({ caseId: t.taskSteps.caseId }).from(t.taskSteps)),
      };
    },
  };
}

const liteStore = (db: Db): Store => storeOn(db, lite);
const pgStore = (db: PgDb): Store => storeOn(db as unknown as Db, pgs as unknown as typeof lite);
