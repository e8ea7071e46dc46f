/**
 * Statements whose SQL text never changes, for the few that run inside a transaction on every
 * request (a transition's UPDATE and its audit event). Drizzle cannot use a prepared query inside
 * a transaction, and building its query builder's or its `sql` template's text each time cost
 * more than running the statement (docs/benchmarks.md, Platform). Here the text is split at its
 * `?` once; a run only puts its parameters between the pieces, and the embedded client finds the
 * statement prepared under the same text.
 */
import { Param, SQL, StringChunk } from 'drizzle-orm';

/**
 * A statement with fixed text and positional parameters (`?`); values are bound as given
 * (JSON columns take JSON text).
 *
 * @example
 * const bump = fixedStatement('UPDATE cases SET version = version + 1 WHERE id = ? AND version = ?');
 * await tx.run(bump(id, version));
 */
export function fixedStatement(text: string): (...params: unknown[]) => SQL {
  const pieces = text.split('?').map((t) => new StringChunk(t));
  const arity = pieces.length - 1;
  return (...params) => {
    if (params.length !== arity) throw new Error(`the statement takes ${arity} parameters, not ${params.length}`);
    const chunks: (StringChunk | Param)[] = [pieces[0] as StringChunk];
    for (let i = 0; i < arity; i++) chunks.push(new Param(params[i]), pieces[i + 1] as StringChunk);
    return new SQL(chunks);
  };
}

/** A JSON column's value as stored: its JSON text, or SQL NULL. */
export const jsonText = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
