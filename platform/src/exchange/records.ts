/**
 * The records of a reporting format, read with the actor's data scope in the query: the cases
 * with an issued version of the format's document (the latest issued version is the record),
 * of the matters, workflows and states it covers — for an export, those issued in a period; for
 * the feed, those changed after a cursor (feed.ts).
 */
import type { ReportFormat, ResolvedPack } from '@yifa/metamodel';
import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Actor, Scope } from '../auth/access.ts';
import { openPii } from '../crypto/pii.ts';
import type { Db } from '../db/client.ts';
import { cases, documents, organisations } from '../db/schema.ts';
import { caseScope } from '../storage/scope.ts';
import type { ExchangeRecord } from './columns.ts';

/** Anything drizzle can select with (the database or a read transaction). */
type Reader = Pick<Db, 'select'>;

/** The conditions on cases and documents a format puts: its document issued, its latest issued version, its coverage. */
export function formatConditions(format: ReportFormat, actor: Actor, scope: Scope): SQL[] {
  const { records } = format;
  const out: SQL[] = [
    eq(documents.formCode, records.document),
    eq(documents.status, 'issued'),
    // The latest issued version: no issued version of the same form in the case after it.
    sql`not exists (select 1 from ${documents} d2 where d2.case_id = ${documents.caseId}
      and d2.form_code = ${documents.formCode} and d2.status = 'issued' and d2.version > ${documents.version})`,
  ];
  const inScope = caseScope(actor, scope);
  if (inScope) out.push(inScope);
  if (records.matters) out.push(inArray(cases.matterCode, records.matters));
  if (records.workflows) out.push(inArray(cases.workflowCode, records.workflows));
  if (records.states) out.push(inArray(cases.state, records.states));
  return out;
}

const COLUMNS = {
  caseId: cases.id,
  caseNumber: cases.number,
  caseState: cases.state,
  openedAt: cases.openedAt,
  matterCode: cases.matterCode,
  subjectOrg: cases.subjectOrg,
  party: cases.party,
  orgName: organisations.name,
  number: documents.number,
  issuedAt: documents.issuedAt,
  data: documents.data,
  printContext: documents.printContext,
};

/** The rows that meet the conditions, in the order given. */
function selectRows(db: Reader, where: SQL[], order: SQL[]) {
  return db
    .select(COLUMNS)
    .from(documents)
    .innerJoin(cases, eq(cases.id, documents.caseId))
    .leftJoin(organisations, eq(organisations.code, cases.subjectOrg))
    .where(and(...where))
    .orderBy(...order);
}

type Row = Awaited<ReturnType<typeof selectRows>>[number];

/** Reads the records that meet the conditions (by default in the order they were issued). */
export async function readRecords(
  db: Reader,
  pack: ResolvedPack,
  where: SQL[],
  order: SQL[] = [asc(documents.issuedAt), asc(cases.number)],
): Promise<ExchangeRecord[]> {
  return (await selectRows(db, where, order)).map((r) => toRecord(pack, r));
}

/** The records of a period (by the day the document was issued, both days included). */
export function periodConditions(from: Date | undefined, toExclusive: Date | undefined): SQL[] {
  const out: SQL[] = [];
  if (from) out.push(gte(documents.issuedAt, from.toISOString()));
  if (toExclusive) out.push(lt(documents.issuedAt, toExclusive.toISOString()));
  return out;
}

function toRecord(pack: ResolvedPack, r: Row): ExchangeRecord {
  const matter = pack.items.matter.get(r.matterCode);
  const org = pack.items.organisation.get(r.subjectOrg);
  return {
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    caseState: r.caseState,
    openedAt: r.openedAt,
    party: {
      kind: r.party.kind,
      name: r.party.name,
      idNumber: r.party.idNumber ? openPii(r.party.idNumber) : '',
      representative: r.party.representative,
    },
    org: { code: r.subjectOrg, name: r.orgName ?? org?.name ?? r.subjectOrg, creditCode: org?.creditCode },
    matter: {
      code: r.matterCode,
      name: matter?.name ?? r.matterCode,
      cause: matter?.cause,
      violatedBasis: matter?.violatedBasis ?? [],
      penaltyBasis: matter?.penaltyBasis ?? [],
    },
    document: {
      number: r.number,
      issuedAt: r.issuedAt ?? '',
      data: r.data,
      citations: r.printContext?.citations ?? {},
    },
  };
}
