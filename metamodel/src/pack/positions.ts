/**
 * Line numbers for JSON pointers, computed only when an issue asks for one. Files are
 * parsed fast without positions (parse-file.ts); the `yaml` library, which keeps every
 * node's offset, re-parses a file the first time a line inside it is wanted, so a pack of
 * thousands of valid files never pays for positions.
 */
import { isCollection, isSeq, LineCounter, parseDocument } from 'yaml';
import type { LineLookup } from './source.ts';

/**
 * A lookup that parses the text with positions on its first use. Given a function, it asks for
 * the text only then: a loader re-reads the file rather than keep every file's text alive.
 */
export function lazyLineLookup(text: string | (() => string | undefined)): LineLookup {
  let lookup: LineLookup | undefined;
  return (pointer) => {
    if (!lookup) {
      const now = typeof text === 'string' ? text : text();
      lookup = now === undefined ? () => undefined : lineLookupOf(now);
    }
    return lookup(pointer);
  };
}

/** The 1-based line of each pointer in the text (the deepest node the pointer reaches). */
export function lineLookupOf(text: string): LineLookup {
  const lines = new LineCounter();
  // No toJS(): only node ranges are read, so aliases are never expanded here.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  return (pointer) => {
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
}
