/**
 * What a case's documents are filled, checked and printed with besides their own data:
 * the enforcement subject, the officers, citations of legal bases and the case's facts.
 * The subject and the citations come from the case's pinned pack, which never changes,
 * so a document printed years later shows the same letterhead and the same citations.
 */
import { caseContext, type PrintContext } from '@yifa/engine';
import { basisUnverified, type DocumentForm, type Field } from '@yifa/metamodel';
import type { FactContext } from '@yifa/rules';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations, type StoredPrintContext, users } from '../db/schema.ts';
import type { LoadedCase } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';

/** The enforcement subject a document is issued in the name of. */
export interface DocumentOrg {
  code: string;
  name: string;
  shortName?: string | null;
  address?: string | null;
  numberingPrefix?: string | null;
  /** Its own number patterns by form code or '*' (from the pinned pack), which replace the form's. */
  numbering?: Readonly<Record<string, string | undefined>> | null;
}

/** Everything about the case a document needs. */
export interface DocumentContext {
  loaded: LoadedCase;
  org: DocumentOrg;
  /** The case's officers as documents name them: 姓名（执法证号）, joined by 、. */
  officers: string;
  /** The facts, timeline and deadlines the form rules read. */
  facts: Partial<FactContext>;
  today: string;
  /** A legal-basis code as cited: 《法》第…条. */
  citeBasis(code: string): string;
}

/** The subject from the pinned pack, or from the live organisation table if the pack lacks it. */
async function subjectOrg(db: Db, loaded: LoadedCase): Promise<DocumentOrg> {
  const code = loaded.row.subjectOrg;
  const item = loaded.pack.items.organisation.get(code);
  if (item) return item;
  const [row] = await db.select().from(organisations).where(eq(organisations.code, code));
  return row ?? { code, name: code };
}

async function officerNames(db: Db, ids: readonly string[]): Promise<string> {
  if (ids.length === 0) return '';
  const rows = await db
    .select({ id: users.id, name: users.displayName, certificate: users.certificateNo })
    .from(users)
    .where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => (r.certificate ? `${r.name}（${r.certificate}）` : r.name))
    .join('、');
}

/** Builds a document context from a loaded case, once per request. */
export async function documentContext(db: Db, loaded: LoadedCase, today: string): Promise<DocumentContext> {
  const bases = loaded.pack.items['legal-basis'];
  const { context } = caseContext(loaded.snapshot, today, loaded.env);
  return {
    loaded,
    org: await subjectOrg(db, loaded),
    officers: await officerNames(db, loaded.row.officers),
    facts: context,
    today,
    citeBasis: (code) => {
      const b = bases.get(code);
      if (!b) return code;
      // A basis known only in part is cited as far as it is known, and marked so the signer sees it.
      return `《${b.law}》${b.article ?? ''}${basisUnverified(b) ? '（待核实）' : ''}`;
    },
  };
}

/**
 * The print context of a document: its number, and its issue date (or today for a draft). An
 * issued document prints with the context frozen when it was issued, if it has one (documents
 * issued before contexts were frozen print with the case's current one).
 */
export function printContext(
  dc: DocumentContext,
  doc: { number: string | null; issuedAt: string | null; printContext?: StoredPrintContext | null },
): PrintContext {
  if (doc.printContext) return { ...doc.printContext, ...(doc.number ? { number: doc.number } : {}) };
  const { row, snapshot } = dc.loaded;
  return {
    ...(doc.number ? { number: doc.number } : {}),
    orgName: dc.org.name,
    ...(dc.org.shortName ? { orgShort: dc.org.shortName } : {}),
    caseNumber: row.number,
    partyName: row.party.name,
    matterName: snapshot.matter.name,
    ...(snapshot.matter.cause ? { cause: snapshot.matter.cause } : {}),
    date: doc.issuedAt ? localDate(new Date(doc.issuedAt)) : dc.today,
    citeBasis: dc.citeBasis,
  };
}

/** The legal-basis codes a document's data cites (legal-basis fields, table columns included). */
export function citedBases(form: DocumentForm, data: Readonly<Record<string, unknown>>): string[] {
  const codes = (f: Field, v: unknown) => (f.type === 'legal-basis' && Array.isArray(v) ? v.map(String) : []);
  return form.fields.flatMap((f) => {
    const value = data[f.name];
    if (f.type !== 'table' || !Array.isArray(value)) return codes(f, value);
    return value.flatMap((row: Record<string, unknown> | null) =>
      (f.columns ?? []).flatMap((c) => codes(c, row?.[c.name])),
    );
  });
}

/**
 * A print context as JSON, its citations those of the given legal-basis codes: frozen into a
 * document when it is issued, and sent to the browser for its preview of unsaved edits.
 *
 * @example
 * storedPrintContext(dc, { number: null, issuedAt }, citedBases(form, data))
 */
export function storedPrintContext(
  dc: DocumentContext,
  doc: { number: string | null; issuedAt: string | null; printContext?: StoredPrintContext | null },
  codes: Iterable<string>,
): StoredPrintContext {
  const { citeBasis: _cite, number: _number, ...context } = printContext(dc, doc);
  const citations = Object.fromEntries([...new Set(codes)].map((c) => [c, dc.citeBasis(c)]));
  return { ...context, citations: { ...citations, ...context.citations } };
}
