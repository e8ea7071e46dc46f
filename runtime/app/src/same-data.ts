/** Telling whether a document's data has changed since it was saved. */

/**
 * Whether two versions of a document's data are the same (keys in any order; a key holding
 * undefined or an empty list is the same as no key: the form gives a table or a multiple choice it
 * shows empty as [], where the saved data — a correction's new version, copied from the issued
 * one — has no key; the server takes both as empty).
 *
 * @example
 * sameData({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 * sameData({ a: 1, rows: [] }, { a: 1 }) // true
 */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

const absent = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => !absent((v as Record<string, unknown>)[k]))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
