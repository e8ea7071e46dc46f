/**
 * 执法全过程记录: every write appends an event (actor, time, case, action, before, after)
 * to an append-only chain. Each event's hash is SM3 (GB/T 32905, from Node's OpenSSL)
 * over the previous hash and the event's canonical JSON, so editing, deleting or
 * reordering any event breaks every hash after it, and `verifyChain` names the first.
 */
import { createHash } from 'node:crypto';
import { asc, desc, getTableName } from 'drizzle-orm';
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
    if (inserted.rowsAffected === 1) {
      head = { seq: row.seq, hash: row.hash };
      return row;
    }
  }
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const row = build((last?.seq ?? 0) + 1, last?.hash ?? GENESIS);
  await tx.insert(auditEvents).values(row);
  head = { seq: row.seq, hash: row.hash };
  return row;
}

/** What verification found. */
export type ChainReport =
  | { ok: true; events: number; head: string; algorithm: string }
  | {
      ok: false;
      events: number;
      algorithm: string;
      seq: number;
      problem: 'edited' | 'missing' | 'reordered' | 'broken-link';
      message: { zh: string; en: string };
    };

/** Recomputes the whole chain and reports the first event that does not fit. */
export async function verifyChain(db: Pick<import('../db/client.ts').Db, 'select'>): Promise<ChainReport> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    const fail = (
      problem: 'edited' | 'missing' | 'reordered' | 'broken-link',
      zh: string,
      en: string,
    ): ChainReport => ({
      ok: false,
      events: rows.length,
      algorithm: CHAIN_ALGORITHM,
      seq: row.seq,
      problem,
      message: { zh: `第 ${row.seq} 号记录${zh}`, en: `event ${row.seq} ${en}` },
    });
    if (row.seq !== expectedSeq) {
      return row.seq > expectedSeq
        ? fail(
            'missing',
            `之前缺少第 ${expectedSeq} 号记录（已被删除）`,
            `follows a gap: event ${expectedSeq} was deleted`,
          )
        : fail('reordered', '顺序错乱', 'is out of order');
    }
    if (row.prevHash !== prev && eventHash(row.prevHash, row) !== row.hash) {
      // This event does not fit where it stands: hashed under another seq, it was moved; otherwise edited.
      const was = rows.find((r) => r.seq !== row.seq && eventHash(row.prevHash, { ...row, seq: r.seq }) === row.hash);
      return was
        ? fail(
            'reordered',
            `原为第 ${was.seq} 号记录，顺序被调换`,
            `was written as event ${was.seq}: the order was changed`,
          )
        : fail('edited', '的内容已被改动', 'was edited after it was written');
    }
    if (row.prevHash !== prev) {
      // This event is intact but the one before is not what it recorded: that one was rewritten and rehashed.
      return {
        ok: false,
        events: rows.length,
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
    expectedSeq++;
  }
  return { ok: true, events: rows.length, head: prev, algorithm: CHAIN_ALGORITHM };
}
