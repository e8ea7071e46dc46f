/**
 * What every check gets: the resolved pack and which items passed their schema. Checks
 * look inside schema-valid items only (a malformed item has already been reported), but
 * references to any present item resolve.
 */
import type { Finding } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import type { KindTypes, ResolvedPack } from '../pack/resolved.ts';

/** Input of a check. */
export interface CheckContext {
  pack: ResolvedPack;
  /** Whether the item passed schema validation. */
  valid(kind: ItemKind, code: string): boolean;
}

/** A check over a resolved pack. */
export type Check = (ctx: CheckContext) => Finding[];

/** The schema-valid items of a kind, as [code, item] pairs. */
export function validItems<K extends ItemKind>(ctx: CheckContext, kind: K): [string, KindTypes[K]][] {
  const out: [string, KindTypes[K]][] = [];
  for (const [code, item] of ctx.pack.items[kind]) if (ctx.valid(kind, code)) out.push([code, item as KindTypes[K]]);
  return out;
}
