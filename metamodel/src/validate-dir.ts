/** Validation of a pack folder: the only part of validation that reads files (Node only). */
import { type ChainOptions, loadPackChain } from './pack/chain.ts';
import { type ValidationReport, validateSources } from './validate.ts';

/**
 * Reads, layers and validates the pack in a folder (bases looked up among its siblings).
 *
 * @example
 * const { ok, pack, issues } = validatePackDir('packs/tj-binhai');
 */
export function validatePackDir(dir: string, options: ChainOptions = {}): ValidationReport {
  const { chain, issues } = loadPackChain(dir, options);
  return validateSources(chain, issues);
}
