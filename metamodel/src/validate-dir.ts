/** Validation of a pack folder: the only part of validation that reads files (Node only). */
import type { PackIssue } from './issues.ts';
import { type ChainOptions, loadPackChain } from './pack/chain.ts';
import { resolveLayers } from './pack/layer.ts';
import { pinIssues } from './pack/pin.ts';
import { type ValidationReport, validateSources } from './validate.ts';

/**
 * Chain problems after which nothing else is worth reporting: without its base every
 * reference into the base fails (hundreds of follow-on errors that hide the cause), and a
 * refused pack was not read at all.
 */
const ALONE = new Set<string>(['layer.base-not-found', 'layer.cycle']);

/**
 * Reads, layers and validates the pack in a folder (bases looked up among its siblings).
 * A missing base, a cycle of `extends` or a pack refused whole (over a limit) is reported
 * first and alone.
 *
 * @example
 * const { ok, pack, issues } = validatePackDir('packs/tj-binhai');
 */
export function validatePackDir(dir: string, options: ChainOptions = {}): ValidationReport {
  const { chain, issues } = loadPackChain(dir, options);
  const stop: PackIssue[] = [
    ...issues.filter((i) => ALONE.has(i.code)),
    ...chain.filter((s) => s.refused).flatMap((s) => s.issues),
  ];
  if (stop.length > 0) return { ok: false, pack: resolveLayers(chain).pack, issues: stop };
  return validateSources(chain, [...issues, ...pinIssues(chain)]);
}
