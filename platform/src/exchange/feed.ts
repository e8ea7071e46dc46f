/**
 * The feed of changed records for a platform above to pull (docs/exchange.md). The order is the
 * audit chain's seq: every write appends its event in the write's own transaction, and SQLite
 * commits one write transaction at a time, so a seq is visible only after every smaller one is —
 * a reader never sees seq 12 while seq 11 is still to come. (A timestamp has no such order:
 * two writers can commit out of the order of their clocks.) A record's position is the seq of
 * its case's latest event; a page is the records whose position lies after the cursor, the
 * lowest first, and the next cursor is the last position of the page. A case written again after
 * it was delivered moves past the cursor and comes again, once, with its new content; nothing is
 * skipped, and nothing unchanged comes twice. Read in one transaction, so the positions and the
 * contents are of the same moment.
 */
import type { ReportFormat, ResolvedPack } from '@yifa/metamodel';
import { and, inArray, max, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import type { Db } from '../db/client.ts';
import { auditEvents, cases, documents } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { ExchangeRecord } from './columns.ts';
import { formatConditions, readRecords } from './records.ts';

const PREFIX = 'v1.';

/** An opaque cursor for a position in the chain (0: from the beginning). */
export function encodeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`).toString('base64url');
}

/** The position a cursor stands for; a cursor this server did not make is refused. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 0 || encodeCursor(seq) !== cursor)
    throw new AppError('bad-request', {
      field: 'cursor',
      message: {
        zh: '游标无效：请使用上一页返回的 cursor，或不带 cursor 从头读取',
        en: 'invalid cursor: use the cursor the previous page returned, or none to start from the beginning',
      },
    });
  return seq;
}

/** One page of the feed. */
export interface FeedPage {
  records: (ExchangeRecord & { position: number })[];
  /** Where the next page starts (at the chain's head as read, when the page is not full). */
  cursor: string;
  /** Whether more records lay after this page when it was read. */
  more: boolean;
}

/** The page of records changed after `after`, at most `limit`. */
export async function feedPage(
  db: Db,
  pack: ResolvedPack,
  format: ReportFormat,
  actor: Actor,
  scope: Scope,
  after: number,
  limit: number,
): Promise<FeedPage> {
  return db.transaction(
    async (tx) => {
      // The chain is read forward from the cursor by its key (seq), and an event counts where it is
      // its case's latest: so a page reads the events since the cursor up to its last record, never
      // the whole chain. CROSS JOIN keeps SQLite from starting at another table.
      const changed = await tx.all<{ caseId: string; position: number }>(sql`
        select ${auditEvents.caseId} as "caseId", ${auditEvents.seq} as "position"
        from ${auditEvents} cross join ${cases} cross join ${documents}
        where ${auditEvents.seq} > ${after} and ${auditEvents.caseId} is not null
          and not exists (select 1 from ${auditEvents} later
            where later.case_id = ${auditEvents.caseId} and later.seq > ${auditEvents.seq})
          and ${cases.id} = ${auditEvents.caseId} and ${documents.caseId} = ${cases.id}
          and ${and(...formatConditions(format, actor, scope))}
        order by ${auditEvents.seq} limit ${limit + 1}`);
      const page = changed.slice(0, limit);
      const positions = new Map(page.map((c) => [c.caseId, Number(c.position)]));
      const records = page.length
        ? await readRecords(tx, pack, [
            ...formatConditions(format, actor, scope),
            inArray(cases.id, [...positions.keys()]),
          ])
        : [];
      const ordered = records
        .map((r) => ({ ...r, position: positions.get(r.caseId) ?? 0 }))
        .sort((a, b) => a.position - b.position);
      const more = changed.length > limit;
      let last = page.length ? Number(page.at(-1)?.position) : after;
      // A page that is not full read the chain to its head in this snapshot: every event up to the
      // head was considered, so the cursor moves there and the next poll skips what matched nothing.
      if (!more) {
        const [head] = await tx.select({ seq: max(auditEvents.seq) }).from(auditEvents);
        last = Math.max(last, head?.seq ?? 0);
      }
      return { records: ordered, cursor: encodeCursor(last), more };
    },
    { behavior: 'deferred' },
  );
}
