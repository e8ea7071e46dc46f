/**
 * The client for an embedded database file: the part of `@libsql/client`'s `Client` that
 * drizzle-orm/libsql uses (execute, batch, transaction, migrate, executeMultiple, close), on
 * libsql's own `Database` — the engine `@libsql/client` itself runs for `file:` URLs — with
 * three things that client does not do:
 *
 * - **Prepared statements are kept**, per connection and keyed by their SQL text, instead of
 *   being prepared again (and their columns read twice) on every call: drizzle builds the same
 *   text for the same query, so every query the platform runs is prepared once per connection.
 * - **Two connections**: one writer, on which writes take turns (what serial-writes.ts does for
 *   the pooled client), and one reader for everything outside a transaction (WAL gives it the last
 *   committed state while a write is open).
 * - **Group commit.** When a write transaction ends and no other write is waiting, its COMMIT is
 *   put off until the event loop has run the I/O that arrived meanwhile (`setImmediate`); writes
 *   that start in that window run inside the same database transaction, each in its own
 *   SAVEPOINT, and one COMMIT (one fsync) makes them all durable. Nobody hears "committed" before
 *   that COMMIT has returned: each transaction's `commit()` (and each single write statement)
 *   resolves only then, and rejects if it fails. A transaction that rolls back rolls back to its
 *   savepoint and takes no one else with it.
 *
 * Inside a transaction, write through the transaction (`tx`), never the database: a write on the
 * database waits for the turn its own transaction holds and fails after WRITE_WAIT_MS.
 */

import type {
  Client,
  InArgs,
  InStatement,
  InValue,
  ResultSet,
  Row,
  Transaction,
  TransactionMode,
} from '@libsql/client';
import Database from 'libsql';

/** How long a write waits for its turn before it fails. */
export const WRITE_WAIT_MS = 15_000;
/** Most transactions one COMMIT makes durable. */
export const MAX_GROUP = 64;
/** Most statements kept prepared per connection (the first prepared go first). */
export const STATEMENT_CACHE_SIZE = 500;

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection['prepare']>;

/** A statement prepared once, with what is needed to turn its raw rows into client rows. */
interface Prepared {
  stmt: Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** Prototype of its rows: index getters and `length`, none of them enumerable. */
  rowProto: object;
}

const VALUES = Symbol('values');

/** Rows like `@libsql/client`'s: column names enumerable, indexes and `length` not. */
function rowPrototype(width: number): object {
  const proto: PropertyDescriptorMap = { length: { value: width } };
  for (let i = 0; i < width; i++) {
    proto[i] = {
      get(this: { [VALUES]: unknown[] }) {
        return this[VALUES][i];
      },
    };
  }
  return Object.create(Object.prototype, proto);
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v < MIN_SAFE || v > MAX_SAFE)
      throw new RangeError('an integer in the database is too large for a JavaScript number');
    return Number(v);
  }
  if (v instanceof Buffer) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}

function toSql(v: InValue | undefined): unknown {
  if (v === undefined) throw new TypeError('undefined cannot be bound to an SQL parameter');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.valueOf();
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  return v;
}

function bind(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) named[/^[@$:]/.test(k) ? k.slice(1) : k] = toSql(v);
  return named;
}

const sqlOf = (s: InStatement | string) => (typeof s === 'string' ? s : s.sql);
const argsOf = (s: InStatement | string) => (typeof s === 'string' ? undefined : s.args);
const isRead = (s: InStatement | string) => /^\s*select\b/i.test(sqlOf(s));
/** Statements SQLite will not run inside a transaction (a checkpoint, VACUUM) or that set up a connection. */
const isOutsideTransactions = (s: InStatement | string) => /^\s*(pragma|vacuum)\b/i.test(sqlOf(s));

/** One connection with its statements kept prepared. */
class CachedConnection {
  readonly db: Connection;
  readonly #cache = new Map<string, Prepared>();

  constructor(path: string) {
    this.db = new Database(path, { timeout: 5000 } as never);
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    // Kept in the order first prepared; past the limit the oldest goes (and is prepared again if
    // it comes back). The platform runs far fewer distinct statements than the limit.
    if (hit) return hit;
    const stmt = this.db.prepare(sql);
    stmt.safeIntegers(true);
    const reader = stmt.reader;
    const cols = reader ? (stmt.columns() as { name: string; type: string | null }[]) : [];
    if (reader) stmt.raw(true);
    const prepared: Prepared = {
      stmt,
      reader,
      columns: cols.map((c) => c.name),
      columnTypes: cols.map((c) => c.type ?? ''),
      rowProto: rowPrototype(cols.length),
    };
    this.#cache.set(sql, prepared);
    if (this.#cache.size > STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    return prepared;
  }

  execute(s: InStatement | string): ResultSet {
    const p = this.#prepare(sqlOf(s));
    const args = bind(argsOf(s));
    if (!p.reader) {
      const info = p.stmt.run(args) as { changes: number; lastInsertRowid: number | bigint };
      return result([], [], [], info.changes, BigInt(info.lastInsertRowid));
    }
    const raw = p.stmt.all(args) as unknown[][];
    const rows = raw.map((values) => {
      const row = Object.create(p.rowProto) as Record<string | symbol, unknown>;
      const vs = values.map(fromSql);
      row[VALUES] = vs;
      for (let i = 0; i < p.columns.length; i++) {
        const name = p.columns[i] as string;
        if (!Object.hasOwn(row, name)) row[name] = vs[i];
      }
      return row as unknown as Row;
    });
    return result(p.columns, p.columnTypes, rows, 0, undefined);
  }

  /** Runs one statement without parameters, prepared once (BEGIN, SAVEPOINT, COMMIT …). */
  run(sql: string): void {
    this.#prepare(sql).stmt.run([]);
  }

  /** Runs a script of statements without parameters (DDL, a migration). */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  close(): void {
    this.#cache.clear();
    if (this.db.open) this.db.close();
  }
}

function result(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((r) => Array.prototype.map.call(r, (v) => (typeof v === 'bigint' ? `${v}` : v))),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : `${lastInsertRowid}`,
    }),
  };
}

/** One database transaction that several write transactions share: committed once for all. */
interface Group {
  members: number;
  waiting: { resolve: () => void; reject: (e: unknown) => void }[];
  scheduled: boolean;
}

interface Waiter {
  /** Joins an open group (a write transaction or statement), or needs the database alone. */
  joins: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * What the client reports as it works, to whoever observes it (the metrics, observability.ts): a
 * read outside a transaction, the wait for the write turn, a write transaction from its turn to
 * its durable COMMIT (or its rollback), and each group COMMIT with the transactions it made durable.
 */
export type DatabaseEvent =
  | { kind: 'read'; seconds: number }
  | { kind: 'wait'; seconds: number }
  | { kind: 'transaction'; seconds: number; outcome: 'committed' | 'rolled-back' | 'failed' }
  | { kind: 'commit'; members: number };

type Listener = (e: DatabaseEvent) => void;

/** What the writer has done since the database was opened. */
export interface WriterStats {
  /** COMMITs that made work durable. */
  commits: number;
  /** Write transactions and statements they made durable. */
  committed: number;
}

/** Turns on the writer connection, and the group they share. */
class Writer {
  readonly conn: CachedConnection;
  readonly stats: WriterStats = { commits: 0, committed: 0 };
  readonly listeners = new Set<Listener>();
  #busy = false;
  readonly #queue: Waiter[] = [];
  #group: Group | undefined;

  constructor(conn: CachedConnection) {
    this.conn = conn;
  }

  /** Write transactions and statements waiting for their turn now. */
  get waiting(): number {
    return this.#queue.length;
  }

  emit(e: DatabaseEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Waits for the writer; `joins` turns may run inside an open group. */
  take(joins: boolean): Promise<void> {
    const g = this.#group;
    if (!this.#busy && !this.#queue.length && (g ? joins && g.members < MAX_GROUP : true)) {
      this.#busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        joins,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#queue.splice(this.#queue.indexOf(w), 1);
          reject(new Error(`no database write turn within ${WRITE_WAIT_MS} ms (a write on db inside a transaction?)`));
        }, WRITE_WAIT_MS),
      };
      w.timer.unref();
      this.#queue.push(w);
    });
  }

  /** Begins a member of the group (opening the group if there is none) in its own savepoint. */
  begin(): void {
    if (!this.#group) {
      this.conn.run('BEGIN IMMEDIATE');
      this.#group = { members: 0, waiting: [], scheduled: false };
    }
    this.conn.run('SAVEPOINT member');
  }

  /** Ends a member: its work stays in the group, and the returned promise settles with the COMMIT. */
  keep(): Promise<void> {
    const g = this.#group as Group;
    this.conn.run('RELEASE member');
    g.members += 1;
    const committed = new Promise<void>((resolve, reject) => g.waiting.push({ resolve, reject }));
    this.#pass();
    return committed;
  }

  /** Ends a member by undoing its work; the group goes on. */
  undo(): void {
    try {
      this.conn.run('ROLLBACK TO member');
      this.conn.run('RELEASE member');
    } catch {
      // The member's statement failed in a way that ended the whole transaction (e.g. SQLITE_FULL):
      // the group is gone with it.
      this.#fail(new Error('the database transaction ended with an error; nothing was committed'));
    }
    this.#pass();
  }

  /** Gives the writer back after work that was not a member (migrations, scripts). */
  release(): void {
    this.#pass();
  }

  /** Hands the turn on: to a waiting member while the group has room, else commits first. */
  #pass(): void {
    const g = this.#group;
    const next = this.#queue[0];
    if (g && next?.joins && g.members < MAX_GROUP) {
      this.#handTo();
      return;
    }
    if (g && g.members > 0 && !next) {
      // No one is waiting yet: let the I/O that has arrived run first; writes it starts join.
      this.#busy = false;
      if (!g.scheduled) {
        g.scheduled = true;
        setImmediate(() => this.#commitWhenFree(g));
      }
      return;
    }
    if (g) this.#commit(g);
    if (this.#queue.length) this.#handTo();
    else this.#busy = false;
  }

  #commitWhenFree(g: Group): void {
    if (this.#group !== g) return;
    // A member is running: it commits the group when it ends (see #pass).
    if (this.#busy) {
      g.scheduled = false;
      return;
    }
    this.#busy = true;
    this.#commit(g);
    if (this.#queue.length) this.#handTo();
    else this.#busy = false;
  }

  #handTo(): void {
    const w = this.#queue.shift() as Waiter;
    clearTimeout(w.timer);
    this.#busy = true;
    w.resolve();
  }

  #commit(g: Group): void {
    this.#group = undefined;
    if (g.members === 0) {
      this.conn.exec('ROLLBACK');
      return;
    }
    try {
      this.conn.run('COMMIT');
    } catch (e) {
      if (this.conn.db.inTransaction) this.conn.exec('ROLLBACK');
      for (const w of g.waiting) w.reject(e);
      return;
    }
    this.stats.commits += 1;
    this.stats.committed += g.members;
    if (this.listeners.size) this.emit({ kind: 'commit', members: g.members });
    for (const w of g.waiting) w.resolve();
  }

  #fail(e: unknown): void {
    const g = this.#group;
    this.#group = undefined;
    if (this.conn.db.inTransaction) this.conn.exec('ROLLBACK');
    for (const w of g?.waiting ?? []) w.reject(e);
  }

  close(): void {
    for (const w of this.#queue.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new Error('the database is closed'));
    }
    if (this.#group) this.#fail(new Error('the database was closed before the transaction committed'));
  }
}

/** A member of the writer's group, as a `Transaction`. */
class MemberTransaction implements Transaction {
  #writer: Writer;
  #ended = false;
  /** When its turn began (performance.now()), when someone observes the database. */
  #began: number | undefined;

  constructor(writer: Writer, began?: number) {
    this.#writer = writer;
    this.#began = began;
  }

  #ends(outcome: 'committed' | 'rolled-back' | 'failed'): void {
    if (this.#began !== undefined)
      this.#writer.emit({ kind: 'transaction', seconds: (performance.now() - this.#began) / 1000, outcome });
  }

  get closed(): boolean {
    return this.#ended;
  }

  async execute(s: InStatement): Promise<ResultSet> {
    if (this.#ended) throw new Error('the transaction has ended');
    return this.#writer.conn.execute(s);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    if (this.#ended) throw new Error('the transaction has ended');
    return stmts.map((s) => this.#writer.conn.execute(s));
  }

  async executeMultiple(sql: string): Promise<void> {
    if (this.#ended) throw new Error('the transaction has ended');
    this.#writer.conn.exec(sql);
  }

  async commit(): Promise<void> {
    if (this.#ended) throw new Error('the transaction has ended');
    this.#ended = true;
    try {
      await this.#writer.keep();
    } catch (e) {
      this.#ends('failed');
      throw e;
    }
    this.#ends('committed');
  }

  async rollback(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#writer.undo();
    this.#ends('rolled-back');
  }

  close(): void {
    if (!this.#ended) void this.rollback();
  }
}

const statsOf = new WeakMap<Client, WriterStats>();
const writerOf = new WeakMap<Client, Writer>();

/** The writer's counts for a client from openEmbedded (undefined for any other client). */
export function writerStats(client: Client): Readonly<WriterStats> | undefined {
  return statsOf.get(client);
}

/**
 * Calls `listener` with what a client from openEmbedded does (DatabaseEvent) until the returned
 * function is called; undefined for any other client. Nothing is timed while no one listens.
 */
export function observeDatabase(client: Client, listener: Listener): (() => void) | undefined {
  const writer = writerOf.get(client);
  if (!writer) return undefined;
  writer.listeners.add(listener);
  return () => writer.listeners.delete(listener);
}

/** Write transactions and statements waiting for the write turn now (undefined for any other client). */
export function writeQueueLength(client: Client): number | undefined {
  return writerOf.get(client)?.waiting;
}

/**
 * Opens an embedded database file as a client (see the module comment).
 *
 * @example
 * const client = openEmbedded('./data/yifa.db');
 * const db = drizzle(client, { schema });
 */
export function openEmbedded(path: string): Client {
  const writerConn = new CachedConnection(path);
  writerConn.exec('PRAGMA journal_mode = WAL');
  const reader = new CachedConnection(path);
  for (const c of [writerConn, reader]) {
    c.exec('PRAGMA busy_timeout = 5000');
    c.exec('PRAGMA foreign_keys = ON');
  }
  const writer = new Writer(writerConn);
  let closed = false;

  const member = async (): Promise<MemberTransaction> => {
    const asked = writer.listeners.size ? performance.now() : undefined;
    await writer.take(true);
    let began: number | undefined;
    if (asked !== undefined && writer.listeners.size) {
      began = performance.now();
      writer.emit({ kind: 'wait', seconds: (began - asked) / 1000 });
    }
    try {
      writer.begin();
    } catch (e) {
      writer.release();
      throw e;
    }
    return new MemberTransaction(writer, began);
  };

  const read = (s: InStatement | string): ResultSet => {
    if (!writer.listeners.size) return reader.execute(s);
    const started = performance.now();
    try {
      return reader.execute(s);
    } finally {
      writer.emit({ kind: 'read', seconds: (performance.now() - started) / 1000 });
    }
  };

  /** Runs statements as one member: all of them or none. */
  const atomically = async <T>(run: (tx: MemberTransaction) => Promise<T>): Promise<T> => {
    const tx = await member();
    let value: T;
    try {
      value = await run(tx);
    } catch (e) {
      await tx.rollback();
      throw e;
    }
    await tx.commit();
    return value;
  };

  /** Runs with the writer to itself, outside any group. */
  const alone = async <T>(run: () => T): Promise<T> => {
    await writer.take(false);
    try {
      return run();
    } finally {
      writer.release();
    }
  };

  const client: Client = {
    async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
      const s = typeof stmt === 'string' && args ? { sql: stmt, args } : stmt;
      if (isRead(s)) return read(s);
      if (isOutsideTransactions(s)) return alone(() => writerConn.execute(s));
      return atomically((tx) => tx.execute(typeof s === 'string' ? { sql: s } : s));
    },
    batch(stmts: (InStatement | [string, InArgs?])[]): Promise<ResultSet[]> {
      const list = stmts.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
      return atomically((tx) => tx.batch(list));
    },
    migrate(stmts: InStatement[]): Promise<ResultSet[]> {
      return alone(() => {
        writerConn.exec('PRAGMA foreign_keys = OFF');
        try {
          writerConn.exec('BEGIN IMMEDIATE');
          try {
            const out = stmts.map((s) => writerConn.execute(s));
            writerConn.exec('COMMIT');
            return out;
          } catch (e) {
            writerConn.exec('ROLLBACK');
            throw e;
          }
        } finally {
          writerConn.exec('PRAGMA foreign_keys = ON');
        }
      });
    },
    async transaction(_mode?: TransactionMode): Promise<Transaction> {
      return member();
    },
    executeMultiple(sql: string): Promise<void> {
      return alone(() => writerConn.exec(sql));
    },
    async sync() {
      return undefined;
    },
    close(): void {
      if (closed) return;
      closed = true;
      writer.close();
      writerConn.close();
      reader.close();
    },
    reconnect() {
      throw new Error('an embedded database cannot reconnect; open it again');
    },
    get closed() {
      return closed;
    },
    protocol: 'file',
  } as unknown as Client;
  statsOf.set(client, writer.stats);
  writerOf.set(client, writer);
  return client;
}
