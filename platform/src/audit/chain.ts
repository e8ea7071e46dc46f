/**
 * 执法全过程记录: every write appends an event (actor, time, case, action, before, after)
 * to an append-only chain. Each event's hash is SM3 (GB/T 32905, from Node's OpenSSL)
 * over the previous hash and the event's canonical JSON, so editing, deleting or
 * reordering an event breaks the hash or the link of the event after it, and `verifyChain`
 * names the first. Deleting the newest events leaves a shorter chain that is still whole:
 * only something kept outside the database shows it, so `verifyChain` also compares the
 * chain with the last signed checkpoint of its head (checkpoint.ts). The database refuses
 * UPDATE and DELETE on the table (triggers, migration 0005); the chain and the checkpoint
 * are for someone who can write the file and drops those first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { asc, count, desc, getTableName, gt, max } from 'drizzle-orm';
import { canonicalJson } from '../canonical.ts';
import { fixedStatement, jsonText } from '../db/fixed-statement.ts';
import { type AuditEventRow, auditEvents } from '../db/schema.ts';

/** The hash algorithm of the chain. */
export const CHAIN_ALGORITHM = 'sm3';

/** The hash before the first event. */
export const GENESIS = '0'.repeat(64);

/** What a write records. */
export interface AuditInput {
  actor: string;
  action: string;
  caseId?: string | null;
  target?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Anything drizzle can insert, select and run with (the database or a transaction). */
type Executor = Pick<import('../db/client.ts').Db, 'insert' | 'select' | 'run'>;

/**
 * The last event this process appended (or found). It saves reading the chain's head before
 * each append, never trusted: the insert after it only happens while that event is still the
 * last one, seq and hash, in the database written to (another process may have appended, a
 * transaction may have rolled back, it may be another database); otherwise the head is read.
 */
let head: { seq: number; hash: string } | undefined;

/** Who hears of each append (the server's checkpointer counts them). */
const listeners = new Set<() => void>();

/**
 * Calls `listener` after each event this process appends, to any database, while the write's
 * transaction is still open (it may yet roll back); returns the function that stops it. A
 * listener must neither throw nor wait: it runs on the hot path of every write.
 *
 * @example
 * let count = 0;
 * const stop = onAppended(() => count++);
 */
export function onAppended(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the events of one request named: its case, action and target. */
export type AppendedEvent = Pick<AuditEventRow, 'caseId' | 'action' | 'target'>;

const collected = new AsyncLocalStorage<AppendedEvent[]>();
/** Calls of collectingEvents still running. */
let collecting = 0;

/**
 * Runs `fn` and gives the events it appended (in this async context only: not another request's
 * that committed meanwhile). An event of a transaction that rolled back may be among them; who
 * reads them acts only on a request that succeeded.
 *
 * While any AsyncLocalStorage is in use, Node (20) runs a hook on every promise the process
 * creates, in every request (about a third of what the alerts added to a transition, measured
 * with bench/transition-profile.ts). So the storage is turned off again when the last running
 * collection ends: disable() leaves every context of the storage, and none is running then.
 */
export async function collectingEvents<T>(fn: () => Promise<T>): Promise<{ result: T; events: AppendedEvent[] }> {
  const events: AppendedEvent[] = [];
  collecting += 1;
  try {
    const result = await collected.run(events, fn);
    return { result, events };
  } finally {
    collecting -= 1;
    if (collecting === 0) collected.disable();
  }
}

/** Remembers the new head and tells the listeners. */
function appended(row: AuditEventRow): AuditEventRow {
  head = { seq: row.seq, hash: row.hash };
  collected.getStore()?.push({ caseId: row.caseId, action: row.action, target: row.target });
  for (const listener of listeners) listener();
  return row;
}

/** The hash of an event given the one before it. */
export function eventHash(prevHash: string, e: Omit<AuditEventRow, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    caseId: e.caseId,
    target: e.target,
    before: e.before,
    after: e.after,
  });
  return createHash(CHAIN_ALGORITHM).update(prevHash).update(body).digest('hex');
}

const e = auditEvents;
const q = (c: { name: string }) => `"${c.name}"`;
/** The next event, inserted only while the remembered head is still the chain's head (seq and hash). */
const appendAfterHead = fixedStatement(
  `INSERT INTO "${getTableName(e)}" (${[e.seq, e.at, e.actor, e.action, e.caseId, e.target, e.before, e.after, e.prevHash, e.hash].map(q).join(', ')})
   SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
   WHERE (SELECT max(${q(e.seq)}) FROM "${getTableName(e)}") = ?
     AND (SELECT ${q(e.hash)} FROM "${getTableName(e)}" WHERE ${q(e.seq)} = ?) = ?`,
);

/** Appends an event; call it inside the transaction of the write it records. */
export async function appendEvent(
  tx: Executor,
  input: AuditInput,
  at = new Date().toISOString(),
): Promise<AuditEventRow> {
  const build = (seq: number, prevHash: string): AuditEventRow => {
    const event = {
      seq,
      at,
      actor: input.actor,
      action: input.action,
      caseId: input.caseId ?? null,
      target: input.target ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
    };
    return { ...event, prevHash, hash: eventHash(prevHash, event) };
  };
  if (head) {
    const row = build(head.seq + 1, head.hash);
    const inserted = await tx.run(
      appendAfterHead(
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.caseId,
        row.target,
        jsonText(row.before),
        jsonText(row.after),
        row.prevHash,
        row.hash,
        head.seq,
        head.seq,
        head.hash,
      ),
    );
    if (inserted.rowsAffected === 1) return appended(row);
  }
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const row = build((last?.seq ?? 0) + 1, last?.hash ?? GENESIS);
  await tx.insert(auditEvents).values(row);
  return appended(row);
}

/** A problem in the chain itself: an event that does not fit where it stands. */
type LinkProblem = 'edited' | 'missing' | 'reordered' | 'broken-link';

/**
 * The last checkpoint of the chain's head, read from outside the database and its signature
 * checked (checkpoint.ts): signed by this copy's key, not there, or not to be trusted (and why).
 */
export type Anchor =
  | { state: 'signed'; file: string; seq: number; hash: string; at: string }
  | { state: 'none'; file: string }
  | { state: 'bad'; file: string; message: { zh: string; en: string } };

/** What verification found. */
export type ChainReport =
  | {
      ok: true;
      events: number;
      head: string;
      algorithm: string;
      /** The checkpoint compared with, when one was looked for: its file and the event it signed (null: none yet). */
      checkpoint?: { file: string; latest: { seq: number; at: string } | null };
    }
  | {
      ok: false;
      events: number;
      algorithm: string;
      /** The first bad event; for `truncated`, the first event the checkpoint vouches for that is gone. */
      seq: number;
      problem: LinkProblem | 'truncated';
      message: { zh: string; en: string };
    }
  | {
      ok: false;
      events: number;
      algorithm: string;
      problem: 'bad-checkpoint';
      /** The checkpoint file that cannot be trusted. */
      file: string;
      message: { zh: string; en: string };
    };

type IntactReport = Extract<ChainReport, { ok: true }>;

/**
 * The chain, whole so far, against its last checkpoint: shorter than the checkpoint's seq, or
 * another event at that seq, means events at its end were deleted (and maybe written anew).
 * `atAnchor` is the hash of the event at the checkpoint's seq, if the chain reaches it.
 */
function againstAnchor(last: number, atAnchor: string | undefined, anchor: Anchor, intact: IntactReport): ChainReport {
  const base = { ok: false as const, events: last, algorithm: CHAIN_ALGORITHM };
  if (anchor.state === 'bad') return { ...base, problem: 'bad-checkpoint', file: anchor.file, message: anchor.message };
  if (anchor.state === 'none') return { ...intact, checkpoint: { file: anchor.file, latest: null } };
  const { seq, at } = anchor;
  if (last < seq)
    return {
      ...base,
      seq: last + 1,
      problem: 'truncated',
      message:
        last === 0
          ? {
              zh: `审计链的记录已全部被删除：检查点记录到第 ${seq} 号（${at}）`,
              en: `every event was deleted: the checkpoint of ${at} records events up to ${seq}`,
            }
          : {
              zh: `审计链在第 ${last} 号记录之后被截断：检查点记录到第 ${seq} 号（${at}）`,
              en: `the chain was truncated after event ${last}: the checkpoint of ${at} records events up to ${seq}`,
            },
    };
  if (atAnchor !== anchor.hash)
    return {
      ...base,
      seq,
      problem: 'truncated',
      message: {
        zh: `第 ${seq} 号记录不是检查点（${at}）签署的那一条：审计链在此处或之前被截断后又续写`,
        en: `event ${seq} is not the one the checkpoint of ${at} signed: the chain was truncated at or before it and written on`,
      },
    };
  return { ...intact, checkpoint: { file: anchor.file, latest: { seq, at } } };
}

/** How many events `verifyChain` reads at a time: memory stays flat at tens of millions of events. */
export const VERIFY_PAGE = 5_000;

/**
 * Recomputes the whole chain and reports the first event that does not fit; given the last
 * checkpoint (`anchor`), it also reports a chain that ends before it or differs where it signed.
 * It reads the chain in pages of `page` events by seq, so only a page is held at a time.
 */
export async function verifyChain(
  db: Pick<import('../db/client.ts').Db, 'select'>,
  anchor?: Anchor,
  page = VERIFY_PAGE,
): Promise<ChainReport> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let atAnchor: string | undefined;
  const anchorSeq = anchor?.state === 'signed' ? anchor.seq : undefined;
  const total = async () => (await db.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(page);
    for (const row of rows) {
      const fail = async (problem: LinkProblem, zh: string, en: string): Promise<ChainReport> => ({
        ok: false,
        events: await total(),
        algorithm: CHAIN_ALGORITHM,
        seq: row.seq,
        problem,
        message: { zh: `第 ${row.seq} 号记录${zh}`, en: `event ${row.seq} ${en}` },
      });
      if (row.seq !== expectedSeq) {
        // Pages are read after the last seq seen, so a seq out of step is a gap.
        return fail(
          'missing',
          `之前缺少第 ${expectedSeq} 号记录（已被删除）`,
          `follows a gap: event ${expectedSeq} was deleted`,
        );
      }
      if (row.prevHash !== prev && eventHash(row.prevHash, row) !== row.hash) {
        // This event does not fit where it stands: hashed under another seq, it was moved; otherwise edited.
        const was = await movedFrom(db, row);
        return was !== undefined
          ? fail('reordered', `原为第 ${was} 号记录，顺序被调换`, `was written as event ${was}: the order was changed`)
          : fail('edited', '的内容已被改动', 'was edited after it was written');
      }
      if (row.prevHash !== prev) {
        // This event is intact but the one before is not what it recorded: that one was rewritten and rehashed.
        return {
          ok: false,
          events: await total(),
          algorithm: CHAIN_ALGORITHM,
          seq: row.seq - 1,
          problem: 'broken-link',
          message: {
            zh: `第 ${row.seq - 1} 号记录已被改写（第 ${row.seq} 号记录所记的前一哈希与之不符）`,
            en: `event ${row.seq - 1} was rewritten (event ${row.seq} recorded a different hash for it)`,
          },
        };
      }
      if (eventHash(prev, row) !== row.hash) return fail('edited', '的内容已被改动', 'was edited after it was written');
      prev = row.hash;
      if (row.seq === anchorSeq) atAnchor = row.hash;
      expectedSeq++;
    }
    if (rows.length < page) break;
  }
  const events = expectedSeq - 1;
  const intact: IntactReport = { ok: true, events, head: prev, algorithm: CHAIN_ALGORITHM };
  return anchor ? againstAnchor(events, atAnchor, anchor, intact) : intact;
}

/** The seq an event was hashed under, if it is another seq of the chain's range (the event was moved). */
async function movedFrom(db: Pick<import('../db/client.ts').Db, 'select'>, row: AuditEventRow) {
  const last = (await db.select({ n: max(auditEvents.seq) }).from(auditEvents))[0]?.n ?? 0;
  for (let seq = 1; seq <= last; seq++)
    if (seq !== row.seq && eventHash(row.prevHash, { ...row, seq }) === row.hash) return seq;
  return undefined;
}
