/**
 * What the studio's working-copy API answers (#14), computed from a resolved working copy:
 * issues placed on their item and field, items with their origin (base, added by this pack,
 * overridden by it), one item beside its base value and this pack's override, and the
 * field-by-field difference between two resolved packs.
 */
import {
  describePointer,
  ITEM_KINDS,
  type ItemKind,
  kindOfFolder,
  mergeOverride,
  minimalOverride,
  type PackIssue,
  type ResolvedPack,
} from '@yifa/metamodel';
import { pointerAcross, type ResolvedWorkspace } from './workspace-resolve.ts';

/** One issue as the studio shows it. */
export interface IssueView {
  severity: 'error' | 'warning';
  code: string;
  message: { zh: string; en: string };
  pack: string;
  kind?: ItemKind;
  itemCode?: string;
  pointer?: string;
  file?: string;
  line?: number;
}

/** The issue placed on its item (from its file's folder and name) and field. */
export function issueView(issue: PackIssue): IssueView {
  const parts = issue.file.split('/');
  const [folder, name] = parts[0] === 'overrides' ? [parts[1], parts[2]] : [parts[0], parts[1]];
  const kind = folder && name ? kindOfFolder(folder) : undefined;
  return {
    severity: issue.severity,
    code: issue.code,
    message: issue.message,
    pack: issue.pack,
    ...(kind && name ? { kind, itemCode: name.replace(/\.(ya?ml|json)$/, '') } : {}),
    ...(issue.pointer ? { pointer: issue.pointer } : {}),
    ...(issue.file ? { file: issue.file } : {}),
    ...(issue.line ? { line: issue.line } : {}),
  };
}

/** Where an item of the working copy comes from. */
export type ItemOriginKind = 'base' | 'added' | 'overridden';

/** The origin of an item: added by this pack, overridden by it, or as the base has it. */
export function originOf(ws: ResolvedWorkspace, kind: ItemKind, code: string): ItemOriginKind {
  const own = ws.source.items.filter((i) => i.kind === kind && i.code === code);
  if (own.some((i) => !i.override)) return 'added';
  if (own.some((i) => i.override)) return 'overridden';
  return 'base';
}

/** The items of the working copy, of a kind and/or matching a text in code, name or English name. */
export function listItems(ws: ResolvedWorkspace, kind: ItemKind | undefined, q: string | undefined) {
  const needle = q?.trim().toLowerCase();
  const kinds = kind ? [kind] : ITEM_KINDS.map((k) => k.kind);
  return kinds.flatMap((k) =>
    [...(ws.pack.items[k] as ReadonlyMap<string, unknown> as ReadonlyMap<string, Record<string, unknown>>).entries()]
      .filter(
        ([code, item]) =>
          !needle ||
          [code, item.name, item.nameEn].some((t) => typeof t === 'string' && t.toLowerCase().includes(needle)),
      )
      .map(([code, item]) => ({
        kind: k,
        code,
        name: typeof item.name === 'string' ? item.name : code,
        ...(typeof item.nameEn === 'string' ? { nameEn: item.nameEn } : {}),
        origin: originOf(ws, k, code),
      })),
  );
}

/** One field that differs: where (keyed elements named by key), and the values before and after. */
export interface FieldChange {
  pointer: string;
  before?: unknown;
  after?: unknown;
  /** A keyed element the newer version no longer has. */
  removed?: true;
}

/** One item that differs between two packs. */
export interface ItemDiff {
  kind: ItemKind;
  code: string;
  change: 'added' | 'changed' | 'removed';
  fields: FieldChange[];
}

/** Items added, changed (field by field) or removed from `from` to `to`. */
export function diffItems(from: ResolvedPack, to: ResolvedPack): ItemDiff[] {
  const out: ItemDiff[] = [];
  for (const { kind } of ITEM_KINDS) {
    const a = from.items[kind] as ReadonlyMap<string, unknown>;
    const b = to.items[kind] as ReadonlyMap<string, unknown>;
    for (const [code, after] of b) {
      const before = a.get(code);
      if (before === undefined) out.push({ kind, code, change: 'added', fields: [] });
      else {
        const fields = fieldChanges(kind, before, after);
        if (fields.length > 0) out.push({ kind, code, change: 'changed', fields });
      }
    }
    for (const code of a.keys()) if (!b.has(code)) out.push({ kind, code, change: 'removed', fields: [] });
  }
  return out;
}

/** The fields of an item that differ, as the smallest override would set them. */
export function fieldChanges(kind: ItemKind, before: unknown, after: unknown): FieldChange[] {
  const patch = minimalOverride(kind, before, after);
  if (Object.keys(patch).length === 0) return [];
  const merged = mergeOverride(before, patch, { kind, keyed: true });
  const changes: FieldChange[] = merged.pointers.map((pointer) => {
    const was = pointerAcross(kind, after, before, pointer);
    const old = was === undefined ? undefined : valueAtPointer(before, was);
    return {
      pointer: describePointer(kind, after, pointer),
      ...(old === undefined ? {} : { before: old }),
      ...(valueAtPointer(after, pointer) === undefined ? {} : { after: valueAtPointer(after, pointer) }),
    };
  });
  for (const label of merged.removed) changes.push({ pointer: label, removed: true });
  return changes;
}

function valueAtPointer(value: unknown, pointer: string): unknown {
  let node = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null) node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}
