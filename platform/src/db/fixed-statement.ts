/**
 * Statements whose SQL text never changes, for the few that run inside a transaction on every
 * request (a transition's UPDATE and its audit event). Drizzle cannot use a prepared query inside
 * a transaction, and turning its query builder's or its `sql` template's chunks into text on every
 * run cost more than running the statement (docs/benchmarks.md, Platform). A fixed statement is a
 * drizzle `SQL` whose query — the text as written and the parameters in order — is known when it
 * is made, so drizzle has nothing to build; the embedded client finds it prepared under the same
 * text.
 */
import { type Query, SQL } from 'drizzle-orm';

/** An `SQL` with its query already made: `toQuery` (what drizzle's dialects call to get the text) returns it. */
class FixedSql extends SQL {
  readonly #query: Query;

  constructor(query: Query) {
    super([]);
    this.#query = query;
  }

  override toQuery(): Query {
    return this.#query;
  }
}

/**
 * A statement with fixed text and positional parameters (`?`); values are bound as given
 * (JSON columns take JSON text).
 *
 * @example
 * const bump = fixedStatement('UPDATE cases SET version = version + 1 WHERE id = ? AND version = ?');
 * await tx.run(bump(id, version));
 */
export function fixedStatement(text: string): (...params: unknown[]) => SQL {
  const arity = text.split('?').length - 1;
  return (...params) => {
    if (params.length !== arity) throw new Error(`the statement takes ${arity} parameters, not ${params.length}`);
    return new FixedSql({ sql: text, params });
  };
}

/** A JSON column's value as stored: its JSON text, or SQL NULL. */
export const jsonText = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
