/**
 * A working copy resolved (#14): its files read as a pack (`loadPackFiles`) and layered over
 * the installed version it is built on. The installed version is a resolved pack, not folders,
 * so it becomes one layer of its own — every resolved item added as is, its manifest without
 * the removals already applied — and `resolveLayers` applies the copy on it as it would on the
 * real chain. The base's own history is then put back: its layers, where each base item came
 * from and what earlier layers removed, so the result is what layering the real folders gives.
 */
import {
  createLocator,
  elementId,
  ITEM_KINDS,
  type ItemKind,
  type ItemOrigin,
  keyFieldsAt,
  kindInfo,
  loadPackFiles,
  MANIFEST_FILE,
  type PackIssue,
  type PackSource,
  type ParsedFile,
  type ResolvedPack,
  resolveLayers,
  schemaViolations,
  validateResolvedPack,
  validatorFor,
} from '@yifa/metamodel';

/** A working copy read and layered, with every problem found on the way. */
export interface ResolvedWorkspace {
  source: PackSource;
  pack: ResolvedPack;
  /** Problems reading the files, in the manifest and in layering (not yet the checks of the resolved pack). */
  loadIssues: PackIssue[];
}

/** The installed version as a single layer: its resolved items added as they are. */
export function baseLayer(base: ResolvedPack): PackSource {
  const { remove: _applied, ...manifest } = base.manifest as unknown as Record<string, unknown>;
  const items = ITEM_KINDS.flatMap(({ kind, folder }) =>
    [...(base.items[kind] as ReadonlyMap<string, unknown>).entries()].map(([code, data]) => ({
      kind,
      code,
      file: `${folder}/${code}.yaml`,
      data: data as Record<string, unknown>,
      override: false,
    })),
  );
  return { manifest, items, issues: [], lines: new Map() };
}

/**
 * Reads a working copy's files and layers them over the base (null for a root pack). `parsed`
 * keeps the files parsed by text between revisions: only the texts an edit changed are parsed
 * again; texts no longer in the copy are dropped from it.
 */
export function resolveWorkspace(
  files: Readonly<Record<string, string>>,
  base: ResolvedPack | null,
  parsed?: Map<string, ParsedFile>,
): ResolvedWorkspace {
  const source = loadPackFiles(files, { fallbackId: '(working copy)', ...(parsed ? { parsed } : {}) });
  if (parsed) {
    const current = new Set(Object.values(files));
    for (const text of parsed.keys()) if (!current.has(text)) parsed.delete(text);
  }
  const chain = base ? [baseLayer(base), source] : [source];
  const layered = resolveLayers(chain);
  const pack = base ? withBaseHistory(layered.pack, base) : layered.pack;
  return { source, pack, loadIssues: [...source.issues, ...manifestIssues(source), ...layered.issues] };
}

/** Every issue of a resolved working copy: reading, layering, schemas and the checks. */
export function workspaceIssues(resolved: ResolvedWorkspace): PackIssue[] {
  const locate = createLocator(resolved.pack, [resolved.source]);
  return [...resolved.loadIssues, ...validateResolvedPack(resolved.pack, locate)];
}

function manifestIssues(source: PackSource): PackIssue[] {
  const manifest = source.manifest;
  if (!manifest) return [];
  const id = typeof manifest.id === 'string' ? manifest.id : '(working copy)';
  const validate = validatorFor('manifest');
  if (validate(manifest)) return [];
  const lineOf = source.lines.get(MANIFEST_FILE);
  return schemaViolations(validate.errors ?? [], manifest).map((v) => {
    const line = lineOf?.(v.pointer);
    return {
      code: `schema.${v.keyword}`,
      severity: 'error' as const,
      pack: id,
      file: MANIFEST_FILE,
      pointer: v.pointer,
      message: v.message,
      params: v.params,
      ...(line ? { line } : {}),
    };
  });
}

/** The layered pack with the base's layers, origins and removals in place of its one flat layer. */
function withBaseHistory(pack: ResolvedPack, base: ResolvedPack): ResolvedPack {
  const flat = base.manifest.id;
  const origins = Object.fromEntries(
    ITEM_KINDS.map(({ kind }) => {
      const out = new Map<string, ItemOrigin>();
      for (const [code, origin] of pack.origins[kind]) {
        const before = base.origins[kind].get(code);
        if (origin.pack !== flat || !before) {
          out.set(code, origin);
          continue;
        }
        // Pointers the base's layers set move when this layer inserts or removes keyed elements.
        const item = pack.items[kind].get(code);
        const baseItem = base.items[kind].get(code);
        const moved = before.overrides.map((o) => ({
          ...o,
          pointers: o.pointers.map((p) => pointerAcross(kind, baseItem, item, p) ?? p),
        }));
        out.set(code, { pack: before.pack, overrides: [...moved, ...origin.overrides] });
      }
      return [kind, out];
    }),
  ) as unknown as ResolvedPack['origins'];
  const top = pack.layers.at(-1);
  return {
    ...pack,
    layers: [...base.layers, ...(top ? [top] : [])],
    origins,
    removed: [...base.removed, ...pack.removed],
  };
}

/** The pointer in `to` of what a pointer names in `from`, elements of keyed arrays found by key; undefined when gone. */
export function pointerAcross(kind: ItemKind, from: unknown, to: unknown, pointer: string): string | undefined {
  if (from === to) return pointer;
  const out: string[] = [];
  const schema: string[] = [];
  let a = from;
  let b = to;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(a) && Array.isArray(b)) {
      const fields = keyFieldsAt(kind, schema);
      const id = fields ? elementId(a[Number(segment)], fields) : undefined;
      const index = fields && id ? b.findIndex((e) => elementId(e, fields) === id) : Number(segment);
      if (index < 0 || index >= b.length) return undefined;
      out.push(String(index));
      schema.push('*');
      a = a[Number(segment)];
      b = b[index];
    } else {
      out.push(raw);
      schema.push(segment);
      a = (a as Record<string, unknown> | undefined)?.[segment];
      b = (b as Record<string, unknown> | undefined)?.[segment];
    }
  }
  return out.length ? `/${out.join('/')}` : '';
}

/** The file an item of a kind and code is written to: the one it has, or the canonical path. */
export function itemFile(source: PackSource, kind: ItemKind, code: string, override: boolean): string {
  const found = source.items.find((i) => i.kind === kind && i.code === code && i.override === override);
  if (found) return found.file;
  const folder = kindInfo(kind).folder;
  return override ? `overrides/${folder}/${code}.yaml` : `${folder}/${code}.yaml`;
}
