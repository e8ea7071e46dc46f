/**
 * Bundles: one file holding a resolved pack, byte-for-byte deterministic. Items are
 * sorted by kind and code and serialised as RFC 8785 canonical JSON, so the same
 * content gives the same bytes and the same sha-256 content hash whatever the file
 * order, file format or formatting of the pack folders it came from.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { PackManifest } from '../generated/types.ts';
import { type IssueKey, type Message, messageFor } from '../issues.ts';
import { ITEM_KINDS, type ItemKind } from '../kinds.ts';
import {
  emptyItemMaps,
  emptyOriginMaps,
  type ItemOrigin,
  type LayerInfo,
  type RemovedItem,
  type ResolvedPack,
} from './resolved.ts';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The bundle format this code writes and reads. */
export const BUNDLE_FORMAT = 'yifa.bundle/1';

/** The content of a bundle file. */
export interface PackBundle {
  format: typeof BUNDLE_FORMAT;
  manifest: PackManifest;
  layers: LayerInfo[];
  items: Record<string, unknown[]>;
  origins: Record<string, Record<string, ItemOrigin>>;
  removed: RemovedItem[];
  /** sha-256 over the canonical JSON of everything above. */
  hash: string;
}

/** The bundle of a resolved pack: its canonical text and content hash. */
export function bundlePack(pack: ResolvedPack): { text: string; hash: string } {
  const content: Omit<PackBundle, 'hash'> = {
    format: BUNDLE_FORMAT,
    manifest: pack.manifest,
    layers: pack.layers,
    items: Object.fromEntries(ITEM_KINDS.map(({ kind }) => [kind, sortedByCode(pack.items[kind])])),
    origins: Object.fromEntries(ITEM_KINDS.map(({ kind }) => [kind, Object.fromEntries(pack.origins[kind])])),
    removed: [...pack.removed].sort((a, b) => compare(`${a.kind}/${a.code}`, `${b.kind}/${b.code}`)),
  };
  const hash = contentHash(content);
  return { text: `${canonical({ ...content, hash })}\n`, hash };
}

/** The sha-256 content hash of bundle content (without its hash field). */
export function contentHash(content: Omit<PackBundle, 'hash'>): string {
  return `sha256:${createHash('sha256').update(canonical(content)).digest('hex')}`;
}

/** Why a bundle could not be read. */
export interface BundleError {
  code: Extract<IssueKey, `bundle.${string}`>;
  message: Message;
}

function bundleError(code: BundleError['code'], params: Record<string, unknown>): { ok: false; error: BundleError } {
  return { ok: false, error: { code, message: messageFor(code, params) } };
}

/** Reads a bundle's text back into the resolved pack, checking its format and hash. */
export function readBundle(
  text: string,
): { ok: true; pack: ResolvedPack; hash: string } | { ok: false; error: BundleError } {
  let data: PackBundle;
  try {
    data = JSON.parse(text) as PackBundle;
  } catch (e) {
    return bundleError('bundle.json', { reason: (e as Error).message });
  }
  if (typeof data !== 'object' || data === null || data.format !== BUNDLE_FORMAT || typeof data.items !== 'object') {
    return bundleError('bundle.format', { format: BUNDLE_FORMAT });
  }
  const { hash, ...content } = data;
  const actual = contentHash(content);
  if (hash !== actual) return bundleError('bundle.hash', { recorded: hash, actual });
  const items = emptyItemMaps() as Record<ItemKind, Map<string, unknown>>;
  const origins = emptyOriginMaps();
  for (const { kind } of ITEM_KINDS) {
    for (const item of data.items[kind] ?? []) items[kind].set(String((item as { code?: unknown }).code), item);
    for (const [code, origin] of Object.entries(data.origins?.[kind] ?? {})) origins[kind].set(code, origin);
  }
  const pack = {
    manifest: data.manifest,
    layers: data.layers,
    items,
    origins,
    removed: data.removed,
  } as unknown as ResolvedPack;
  return { ok: true, pack, hash };
}

function sortedByCode(map: ReadonlyMap<string, unknown>): unknown[] {
  return [...map.entries()].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be serialised');
  return text;
}
