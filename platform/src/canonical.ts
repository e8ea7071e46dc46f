/** Canonical JSON (RFC 8785) for hashing: the same value always gives the same bytes. */
import canonicalizeModule from 'canonicalize';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The canonical JSON text of a value. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}
