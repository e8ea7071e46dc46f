/** Telling whether a document's data has changed since it was saved. */

/**
 * Whether two versions of a document's data are the same (keys in any order; a key holding
 * undefined is the same as no key).
 *
 * @example
 * sameData({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
