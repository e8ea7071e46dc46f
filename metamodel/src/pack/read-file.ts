/**
 * Parses one YAML or JSON file into data plus a pointer → line lookup. JSON is read by
 * the same YAML parser (YAML 1.2 is a superset), so both get the same positions.
 */
import { isCollection, isSeq, LineCounter, parseDocument } from 'yaml';
import type { LineLookup } from './source.ts';

/** The parsed file: its data, or the reason it could not be parsed and where. */
export type ParsedFile = { ok: true; data: unknown; lineOf: LineLookup } | { ok: false; reason: string; line?: number };

/** Parses the text of a pack file. */
export function parsePackFile(text: string): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.pos?.[0];
    const line = pos === undefined ? undefined : lines.linePos(pos).line;
    return { ok: false, reason: first.message.split('\n')[0] ?? first.code, ...(line ? { line } : {}) };
  }
  let data: unknown;
  try {
    // A low alias limit stops "billion laughs" style expansion.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const lineOf: LineLookup = (pointer) => {
    let node: unknown = doc.contents;
    let found = node as { range?: [number, number, number] } | undefined;
    for (const raw of pointer.split('/').slice(1)) {
      if (!isCollection(node)) break;
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const next = node.get(isSeq(node) ? Number(key) : key, true);
      if (next === undefined) break;
      node = next;
      found = next as typeof found;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
  return { ok: true, data, lineOf };
}
