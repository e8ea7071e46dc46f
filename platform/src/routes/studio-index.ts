/**
 * The studio's view of a resolved pack: its items by kind with counts, a search index over
 * every item's code and names (built once per pack, so a keystroke looks up a few short lists
 * instead of reading every item), and, for one item, the layer that added it and what each
 * later layer overrode beside the value it replaced.
 *
 * The installed bundle keeps the resolved items and, per item, the layer of origin and the
 * pointers each override set (ItemOrigin), but not the values before an override. Those come
 * from the pack folders the bundle was built from: the chain is read from the packs folder and
 * its prefixes resolved with the metamodel's own layering (resolveLayers), and only when the
 * whole chain resolves to the installed bundle's hash, so a value shown as the base is the base
 * of exactly the installed version.
 */
import {
  bundlePack,
  describePointer,
  elementId,
  ITEM_KINDS,
  type ItemKind,
  indexPacks,
  keyFieldsAt,
  loadPackChain,
  type ResolvedPack,
  resolveLayers,
} from '@yifa/metamodel';

/** One item as lists and search results show it. */
export interface StudioItemRef {
  kind: ItemKind;
  code: string;
  name: string;
  nameEn?: string;
  /** The layer (pack id) that added the item. */
  layer: string;
  /** Whether a later layer overrode it. */
  overridden: boolean;
}

/** The name an item is shown by: its name, a legal basis's title or law and article. */
export function itemName(item: unknown): { name: string; nameEn?: string } {
  const o = (item ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const name =
    str(o.name) ?? str(o.title) ?? ([str(o.law), str(o.article)].filter(Boolean).join(' ') || String(o.code ?? ''));
  const nameEn = str(o.nameEn) ?? str(o.titleEn);
  return nameEn ? { name, nameEn } : { name };
}

/** Text as searched: NFKC (full-width letters and digits), lower case. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** The studio's index of one pack. */
export interface StudioIndex {
  counts: { kind: ItemKind; label: string; labelEn: string; count: number }[];
  refs: StudioItemRef[];
  /** Items of a kind, in code order. */
  ofKind(kind: ItemKind): StudioItemRef[];
  /** Items whose code, name or English name contains the query, best first: the total and the first `limit`. */
  search(q: string, limit: number, kind?: ItemKind): { total: number; items: StudioItemRef[] };
}

/**
 * Builds the index: each item's folded `code name nameEn` text, and for every character and
 * every pair of adjacent characters in it, the ascending list of items holding it. A query is
 * answered from the shortest list of its pairs (or of its one character), each candidate then
 * checked for the whole query.
 */
export function buildStudioIndex(pack: ResolvedPack): StudioIndex {
  const refs: StudioItemRef[] = [];
  const byKind = new Map<ItemKind, StudioItemRef[]>();
  for (const { kind } of ITEM_KINDS) {
    const list: StudioItemRef[] = [];
    for (const [code, item] of pack.items[kind]) {
      const origin = pack.origins[kind].get(code);
      const ref: StudioItemRef = {
        kind,
        code,
        ...itemName(item),
        layer: origin?.pack ?? '',
        overridden: (origin?.overrides.length ?? 0) > 0,
      };
      list.push(ref);
      refs.push(ref);
    }
    byKind.set(kind, list);
  }
  const texts = refs.map((r) => fold(`${r.code}\u0000${r.name}\u0000${r.nameEn ?? ''}`));
  const codes = refs.map((r) => fold(r.code));
  const grams = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const seen = new Set<string>();
    const chars = [...text];
    for (let j = 0; j < chars.length; j++) {
      const one = chars[j] as string;
      if (one === '\u0000') continue;
      seen.add(one);
      const next = chars[j + 1];
      if (next !== undefined && next !== '\u0000') seen.add(one + next);
    }
    for (const g of seen) {
      const list = grams.get(g);
      if (list) list.push(i);
      else grams.set(g, [i]);
    }
  });
  const EMPTY: number[] = [];
  const counts = ITEM_KINDS.map(({ kind, label, labelEn }) => ({
    kind,
    label,
    labelEn,
    count: byKind.get(kind)?.length ?? 0,
  }));
  return {
    counts,
    refs,
    ofKind: (kind) => byKind.get(kind) ?? [],
    search(q, limit, kind) {
      const query = fold(q.trim());
      if (query === '') return { total: 0, items: [] };
      const chars = [...query];
      let candidates: number[] | undefined;
      if (chars.length === 1) candidates = grams.get(query) ?? EMPTY;
      else
        for (let j = 0; j + 1 < chars.length; j++) {
          const list = grams.get((chars[j] as string) + chars[j + 1]) ?? EMPTY;
          if (!candidates || list.length < candidates.length) candidates = list;
          if (list.length === 0) break;
        }
      const hits: { i: number; rank: number }[] = [];
      for (const i of candidates ?? EMPTY) {
        const ref = refs[i] as StudioItemRef;
        if (kind && ref.kind !== kind) continue;
        const text = texts[i] as string;
        if (!text.includes(query)) continue;
        const code = codes[i] as string;
        // A code typed whole first, then a code it starts, then anything else that holds it.
        hits.push({ i, rank: code === query ? 0 : code.startsWith(query) ? 1 : 2 });
      }
      hits.sort((a, b) => a.rank - b.rank || a.i - b.i);
      return { total: hits.length, items: hits.slice(0, limit).map((h) => refs[h.i] as StudioItemRef) };
    },
  };
}

/** One field an override set: where, the value before that layer, and the value it gave. */
export interface OverriddenField {
  pointer: string;
  /** The pointer with keyed elements named by key: `/fields[name=fine]/title`. */
  label: string;
  /** Absent when the field was not in the base (the layer added it) or the bases are unavailable. */
  base?: unknown;
  value?: unknown;
}

/** What one layer did to an item. */
export interface LayerOverride {
  pack: string;
  name: string;
  version: string;
  fields: OverriddenField[];
  /** Keyed elements the layer removed (`/fields[name=x]`). */
  removed: string[];
  /** Set when the pack before this layer could not be had (its version not installed): no base values. */
  baseUnknown?: true;
}

/** An item with its layer of origin and its overrides. */
export interface StudioItem extends StudioItemRef {
  item: unknown;
  origin: { pack: string; name: string; version: string };
  overrides: LayerOverride[];
  /** Whether base values could be read (the installed chain's folders are here, unchanged). */
  bases: { available: true } | { available: false; reason: { zh: string; en: string } };
}

/**
 * The pack after each layer of the chain (index i: layers 0..i applied), or why they cannot be had.
 * A state read from the registry may be missing (undefined) when that layer's version is not installed.
 */
export type LayerStates =
  | { ok: true; states: (ResolvedPack | undefined)[] }
  | { ok: false; reason: { zh: string; en: string } };

/**
 * The pack after each layer, from the registry rather than the packs folder — for an installed
 * version whose folders are not there or differ (one published from the studio, an older import):
 * the state after layer i is the installed version of that layer's id and version whose own chain
 * is the same i + 1 layers (ids and versions); the last state is the pack itself. A layer with no
 * such installed version is left undefined, so only its base values are not shown. Null when no
 * earlier layer is installed.
 */
export async function registryStates(
  pack: ResolvedPack,
  versions: readonly { hash: string; packId: string; version: string }[],
  byHash: (hash: string) => Promise<ResolvedPack>,
): Promise<(ResolvedPack | undefined)[] | null> {
  const layers = pack.layers;
  const states: (ResolvedPack | undefined)[] = [];
  for (let i = 0; i < layers.length - 1; i++) {
    const layer = layers[i] as { id: string; version: string };
    let found: ResolvedPack | undefined;
    for (const v of versions) {
      if (v.packId !== layer.id || v.version !== layer.version) continue;
      const candidate = await byHash(v.hash);
      const same =
        candidate.layers.length === i + 1 &&
        candidate.layers.every((l, j) => l.id === layers[j]?.id && l.version === layers[j]?.version);
      if (same) {
        found = candidate;
        break;
      }
    }
    states.push(found);
  }
  if (states.every((s) => s === undefined)) return null;
  states.push(pack);
  return states;
}

/**
 * The resolved pack after each layer of the installed chain, from the pack folders under
 * `packsRoot`; refused unless the folders resolve to the installed bundle's hash.
 */
export function layerStates(pack: ResolvedPack, hash: string, packsRoot: string): LayerStates {
  const top = pack.layers.at(-1);
  if (pack.layers.length < 2) return { ok: true, states: [pack] };
  const found = top ? indexPacks(packsRoot).get(top.id) : undefined;
  if (!top || !found)
    return {
      ok: false,
      reason: {
        zh: `配置包目录中没有 ${top?.id ?? '?'}，无法显示覆盖前的基础值`,
        en: `${top?.id ?? '?'} is not in the packs folder: base values cannot be shown`,
      },
    };
  const { chain, issues } = loadPackChain(found.dir, { packsRoot });
  const errors = (list: { severity: string }[]) => list.some((i) => i.severity === 'error');
  const resolved = errors(issues) ? undefined : resolveLayers(chain);
  if (!resolved || errors(resolved.issues) || bundlePack(resolved.pack).hash !== hash)
    return {
      ok: false,
      reason: {
        zh: `配置包目录中的 ${top.id} 与已安装版本（${hash.slice(0, 15)}…）不一致，无法显示覆盖前的基础值`,
        en: `${top.id} in the packs folder differs from the installed version (${hash.slice(0, 15)}…): base values cannot be shown`,
      },
    };
  const states = chain.map((_, i) => (i === chain.length - 1 ? pack : resolveLayers(chain.slice(0, i + 1)).pack));
  return { ok: true, states };
}

/**
 * The value in `target` at a pointer into `item` (the same item in another layer state):
 * elements of keyed arrays are matched by their key, since a layer may have inserted or removed
 * elements before them; other array elements by index.
 */
export function valueAtPointer(kind: ItemKind, item: unknown, target: unknown, pointer: string): unknown {
  const schemaPath: string[] = [];
  let node = item;
  let at = target;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!Array.isArray(at)) return undefined;
      const fields = keyFieldsAt(kind, schemaPath);
      const element = node[Number(segment)];
      const id = fields ? elementId(element, fields) : undefined;
      at = fields && id !== undefined ? at.find((e) => elementId(e, fields) === id) : at[Number(segment)];
      node = element;
      schemaPath.push('*');
    } else {
      if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
      node = (node as Record<string, unknown> | undefined)?.[segment];
      at = (at as Record<string, unknown>)[segment];
      schemaPath.push(segment);
    }
    if (at === undefined) return undefined;
  }
  return at;
}

/** One item of the pack with its origin and, per overriding layer, each field beside its base value. */
export function studioItem(
  pack: ResolvedPack,
  kind: ItemKind,
  code: string,
  states: LayerStates,
): StudioItem | undefined {
  const item = pack.items[kind].get(code);
  const origin = pack.origins[kind].get(code);
  if (item === undefined || !origin) return undefined;
  const layerIndex = (id: string) => pack.layers.findIndex((l) => l.id === id);
  const layer = (id: string) => pack.layers[layerIndex(id)] ?? { id, name: id, version: '' };
  const at = (i: number) => (states.ok ? states.states[i]?.items[kind].get(code) : undefined);
  const overrides = origin.overrides.map((o): LayerOverride => {
    const i = layerIndex(o.pack);
    const before = i > 0 ? at(i - 1) : undefined;
    const after = at(i);
    const unknown = states.ok && i > 0 && states.states[i - 1] === undefined;
    return {
      pack: o.pack,
      name: layer(o.pack).name,
      version: layer(o.pack).version,
      fields: o.pointers.map((pointer) => {
        const base = before === undefined ? undefined : valueAtPointer(kind, item, before, pointer);
        const value = after === undefined ? undefined : valueAtPointer(kind, item, after, pointer);
        return {
          pointer,
          label: describePointer(kind, item, pointer),
          ...(base === undefined ? {} : { base }),
          ...(value === undefined ? {} : { value }),
        };
      }),
      removed: o.removed ?? [],
      ...(unknown ? { baseUnknown: true as const } : {}),
    };
  });
  const l = layer(origin.pack);
  const missing = overrides
    .filter((o) => o.baseUnknown)
    .map((o) => {
      const before = pack.layers[layerIndex(o.pack) - 1];
      return before ? `${before.id}@${before.version}` : o.pack;
    });
  return {
    kind,
    code,
    ...itemName(item),
    layer: origin.pack,
    overridden: overrides.length > 0,
    item,
    origin: { pack: l.id, name: l.name, version: l.version },
    overrides,
    bases: !states.ok
      ? { available: false, reason: states.reason }
      : missing.length > 0
        ? {
            available: false,
            reason: {
              zh: `注册表中没有 ${missing.join('、')}（或其层次不同），这些覆盖前的基础值无法显示`,
              en: `${missing.join(', ')} is not installed (or has other layers): the base values before these overrides cannot be shown`,
            },
          }
        : { available: true },
  };
}
