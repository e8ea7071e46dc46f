/**
 * Base pinning: a region's `extends.pinned` names the exact base it was written against,
 * its version and the content hash of the resolved base (the hash of its bundle). When the
 * base found differs, the region still resolves, but its overrides were written for other
 * content: a warning says so and points at `yifa pack rebase`.
 */
import type { PackIssue } from '../issues.ts';
import { messageFor, pointerOf } from '../issues.ts';
import { MANIFEST_FILE } from '../kinds.ts';
import { bundlePack } from './bundle.ts';
import { resolveLayers } from './layer.ts';
import type { ResolvedPack } from './resolved.ts';
import { type PackSource, sourceId } from './source.ts';

/** The pin a manifest declares, if it declares a well-formed one. */
export function pinOf(manifest: Record<string, unknown> | undefined): { version: string; hash: string } | undefined {
  const pinned = (manifest?.extends as { pinned?: unknown } | undefined)?.pinned as Record<string, unknown> | undefined;
  if (typeof pinned?.version !== 'string' || typeof pinned.hash !== 'string') return undefined;
  return { version: pinned.version, hash: pinned.hash };
}

/** What a resolved base is, to pin: its version and content hash. */
export function pinFor(base: ResolvedPack): { version: string; hash: string } {
  return { version: base.manifest.version, hash: bundlePack(base).hash };
}

/** A warning for each layer whose base, as found, is not the one it pins. */
export function pinIssues(chain: readonly PackSource[]): PackIssue[] {
  const issues: PackIssue[] = [];
  chain.forEach((source, index) => {
    const pinned = pinOf(source.manifest);
    if (index === 0 || !pinned) return;
    const found = pinFor(resolveLayers(chain.slice(0, index)).pack);
    if (found.version === pinned.version && found.hash === pinned.hash) return;
    const params = {
      base: sourceId(chain[index - 1] as PackSource),
      pinned: `${pinned.version} ${pinned.hash}`,
      found: `${found.version} ${found.hash}`,
    };
    const pointer = pointerOf('extends', 'pinned');
    const line = source.lines.get(MANIFEST_FILE)?.(pointer);
    issues.push({
      code: 'layer.base-pin',
      severity: 'warning',
      pack: sourceId(source),
      file: MANIFEST_FILE,
      pointer,
      message: messageFor('layer.base-pin', params),
      params,
      ...(line ? { line } : {}),
    });
  });
  return issues;
}
