/**
 * Document numbers (文书编号): one sequence per numbering pattern, organisation and year,
 * advanced by a single upsert inside the issuing transaction. Two documents issued at
 * the same moment get consecutive numbers, and a rolled-back issue gives its number back.
 */
import { formatDocumentNumber } from '@yifa/engine';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documentCounters } from '../db/schema.ts';

/** Anything drizzle can insert with (a transaction, in practice). */
type Executor = Pick<Db, 'insert'>;

/** Which sequence a number is drawn from. */
export interface CounterKey {
  pattern: string;
  orgCode: string;
  year: number;
}

/** The organisation a number is issued in the name of. */
export interface NumberingOrg {
  code: string;
  name: string;
  shortName?: string | null;
  numberingPrefix?: string | null;
}

/** Advances a sequence and returns its new value (1 for the first number of a year). */
export async function nextSequence(tx: Executor, key: CounterKey): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ ...key, seq: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.pattern, documentCounters.orgCode, documentCounters.year],
      set: { seq: sql`${documentCounters.seq} + 1` },
    })
    .returning({ seq: documentCounters.seq });
  if (!row) throw new Error('the document counter upsert returned no row');
  return row.seq;
}

/**
 * Allocates and formats the next number of a pattern for an organisation; call it inside
 * the transaction that issues the document. The prefix is the organisation's numbering
 * prefix, else its short name, else its name.
 *
 * @example
 * await allocateDocumentNumber(tx, '{orgPrefix}罚〔{year}〕{seq:4}号', org, 2026) // '津滨市监罚〔2026〕0042号'
 */
export async function allocateDocumentNumber(
  tx: Executor,
  pattern: string,
  org: NumberingOrg,
  year: number,
): Promise<string> {
  const seq = await nextSequence(tx, { pattern, orgCode: org.code, year });
  const orgShort = org.shortName ?? org.name;
  return formatDocumentNumber(pattern, { orgPrefix: org.numberingPrefix ?? orgShort, orgShort, year, seq });
}
