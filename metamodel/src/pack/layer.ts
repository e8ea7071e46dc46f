/**
 * Applies a chain of packs, base first: each layer removes base items explicitly,
 * overrides base items field by field, and adds new ones. Removing or overriding what
 * the base lacks, or adding what it already has, is an error, never a silent add. How an
 * override merges arrays is the overriding pack's choice, by its manifest's `metamodel`:
 * "1" replaces every array whole, "2" merges keyed arrays by key (merge.ts).
 */
import type { PackManifest } from '../generated/types.ts';
import { type IssueKey, messageFor, type PackIssue, pointerOf } from '../issues.ts';
import { type ItemKind, MANIFEST_FILE } from '../kinds.ts';
import { directivePointers, mergeOverride } from './merge.ts';
import { type OverlayPath, pointersIn } from './overlay-path.ts';
import { emptyItemMaps, emptyOriginMaps, type RemovedItem, type ResolvedPack } from './resolved.ts';
import { type PackSource, sourceId } from './source.ts';

/** The chain resolved into one pack, with the layering issues. */
export function resolveLayers(chain: readonly PackSource[]): { pack: ResolvedPack; issues: PackIssue[] } {
  const items = emptyItemMaps() as Record<ItemKind, Map<string, unknown>>;
  const origins = emptyOriginMaps();
  const removed: RemovedItem[] = [];
  const issues: PackIssue[] = [];
  const layers: ResolvedPack['layers'] = [];
  // Override paths name keyed elements by key; they become pointers once every layer is applied.
  const placed: { kind: ItemKind; code: string; entry: { pointers: string[] }; paths: OverlayPath[] }[] = [];

  chain.forEach((source, index) => {
    const pack = sourceId(source);
    const manifest = (source.manifest ?? {}) as Partial<PackManifest>;
    layers.push({ id: pack, name: String(manifest.name ?? pack), version: String(manifest.version ?? '0.0.0') });
    const report = (file: string, pointer: string, issue: IssueKey, params: Record<string, unknown>, line?: number) =>
      issues.push({
        code: issue,
        severity: 'error',
        pack,
        file,
        pointer,
        message: messageFor(issue, params),
        params,
        ...(line ? { line } : {}),
      });
    const isBase = index === 0;
    const keyed = metamodelVersion(manifest) === '2';

    (manifest.remove ?? []).forEach((r, i) => {
      const pointer = pointerOf('remove', i);
      const line = source.lines.get(MANIFEST_FILE)?.(pointer);
      const kind = r.kind as ItemKind;
      // An entry that fails the manifest schema is reported there; don't guess what it meant.
      if (!(kind in items) || typeof r.code !== 'string') return;
      if (isBase) report(MANIFEST_FILE, pointer, 'layer.no-base', {}, line);
      else if (!items[kind]?.has(r.code))
        report(MANIFEST_FILE, pointer, 'layer.remove-missing', { kind, code: r.code }, line);
      else {
        items[kind].delete(r.code);
        origins[kind].delete(r.code);
        removed.push({ kind, code: r.code, pack, reason: r.reason });
      }
    });

    const seen = new Map<string, string>();
    for (const item of source.items) {
      const dup = `${item.override}\u0000${item.kind}\u0000${item.code}`;
      const other = seen.get(dup);
      if (other) {
        report(item.file, '', 'code.duplicate', { kind: item.kind, code: item.code, other });
        continue;
      }
      seen.set(dup, item.file);
      const existing = items[item.kind].get(item.code);
      if (item.override) {
        if (isBase) report(item.file, '', 'layer.no-base', {});
        else if (existing === undefined)
          report(item.file, '', 'layer.override-missing', { kind: item.kind, code: item.code });
        else {
          const lineOf = source.lines.get(item.file);
          if (!keyed) {
            for (const pointer of directivePointers(item.data))
              report(item.file, pointer, 'layer.keyed-needs-v2', {}, lineOf?.(pointer));
          }
          const merged = mergeOverride(existing, item.data, { kind: item.kind, keyed });
          for (const p of merged.problems) {
            const line = lineOf?.(p.pointer);
            const { code, pointer, message, params } = p;
            issues.push({
              code,
              severity: 'error',
              pack,
              file: item.file,
              pointer,
              message,
              params,
              ...(line ? { line } : {}),
            });
          }
          items[item.kind].set(item.code, merged.value);
          const entry = {
            pack,
            pointers: merged.pointers,
            ...(merged.removed.length ? { removed: merged.removed } : {}),
          };
          origins[item.kind].get(item.code)?.overrides.push(entry);
          placed.push({ kind: item.kind, code: item.code, entry, paths: merged.paths });
        }
      } else if (existing !== undefined) {
        report(
          item.file,
          '/code',
          'layer.add-exists',
          { kind: item.kind, code: item.code },
          source.lines.get(item.file)?.('/code'),
        );
      } else {
        items[item.kind].set(item.code, item.data);
        origins[item.kind].set(item.code, { pack, overrides: [] });
      }
    }
  });

  for (const { kind, code, entry, paths } of placed) {
    const item = items[kind].get(code);
    if (item !== undefined) entry.pointers = pointersIn(item, paths);
  }
  for (const map of Object.values(items)) sortByCode(map);
  const top = chain.at(-1)?.manifest ?? {};
  const pack = { manifest: top as unknown as PackManifest, layers, items, origins, removed } as unknown as ResolvedPack;
  return { pack, issues };
}

function sortByCode(map: Map<string, unknown>): void {
  const entries = [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

/** The metamodel version a manifest declares: "2" for keyed overlays, else "1". */
export function metamodelVersion(manifest: { metamodel?: unknown } | undefined): '1' | '2' {
  return manifest?.metamodel === '2' ? '2' : '1';
}
