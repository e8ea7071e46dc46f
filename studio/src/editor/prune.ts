/**
 * A form's values as the item they stand for. A generated form leaves traces where the user
 * typed nothing — an emptied input's '' or null, an array field's [] , an object field's {} —
 * that the item never had; saving them would write overrides nobody made (and break `minItems`).
 * They are dropped where the item before the edit did not have them.
 */
export function prune(next: unknown, before: unknown): unknown {
  if (Array.isArray(next)) {
    const b = Array.isArray(before) ? before : [];
    return next.map((v, i) => prune(v, b[i]));
  }
  if (typeof next !== 'object' || next === null) return next;
  const b = (typeof before === 'object' && before !== null && !Array.isArray(before) ? before : {}) as Record<
    string,
    unknown
  >;
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(next)) {
    const v = prune(raw, b[k]);
    const had = k in b;
    if (v === undefined) continue;
    if (!had && (v === null || v === '' || isEmpty(v))) continue;
    out[k] = v;
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}
