/**
 * Finds the file (and line) an issue about a resolved item belongs in: the layer whose
 * override set the field at that pointer, or else the layer that added the item.
 */
import { type ItemKind, kindInfo, MANIFEST_FILE, OVERRIDES_FOLDER } from '../kinds.ts';
import { patchPointer } from './overlay-path.ts';
import type { ResolvedPack } from './resolved.ts';
import type { LineLookup, PackSource } from './source.ts';

/** Where an issue is. */
export interface Place {
  pack: string;
  file: string;
  line?: number;
}

/** Locates a pointer inside an item of a resolved pack. */
export type Locator = (kind: ItemKind, code: string, pointer: string) => Place;

/** A locator over a resolved pack, using the sources' file names and lines when there are sources. */
export function createLocator(pack: ResolvedPack, sources: readonly PackSource[] = []): Locator {
  const files = new Map<string, { file: string; lineOf?: LineLookup; data: unknown }>();
  for (const source of sources) {
    const id = typeof source.manifest?.id === 'string' ? source.manifest.id : '';
    for (const item of source.items) {
      const found = { file: item.file, lineOf: source.lines.get(item.file), data: item.data };
      files.set(key(id, item.kind, item.code, item.override), found);
    }
  }
  return (kind, code, pointer) => {
    const origin = pack.origins[kind].get(code);
    if (!origin) return { pack: pack.manifest.id, file: MANIFEST_FILE };
    let layer = origin.pack;
    let override = false;
    for (const o of [...origin.overrides].reverse()) {
      if (o.pointers.some((p) => pointer === p || pointer.startsWith(`${p}/`) || p.startsWith(`${pointer}/`))) {
        layer = o.pack;
        override = true;
        break;
      }
    }
    const known = files.get(key(layer, kind, code, override));
    const folder = kindInfo(kind).folder;
    const file = known?.file ?? (override ? `${OVERRIDES_FOLDER}/${folder}/${code}` : `${folder}/${code}`);
    // An override holds only what it changes: find the pointer's place in its own data.
    const local = known && override ? patchPointer(kind, pack.items[kind].get(code), known.data, pointer) : pointer;
    const line = known?.lineOf?.(local);
    return { pack: layer, file, ...(line ? { line } : {}) };
  };
}

function key(pack: string, kind: string, code: string, override: boolean): string {
  return `${pack}\u0000${kind}\u0000${code}\u0000${override ? 'o' : 'a'}`;
}
