/**
 * @yifa/metamodel — the public surface: the pure modules of browser.ts (generated item
 * types, the kinds table, schemas and validators, platform facts, metrics and operators,
 * layering and validation), and, in Node, pack loading from folders and bundles.
 */

export * from './browser.ts';
export { BUNDLE_FORMAT, bundlePack, contentHash, readBundle } from './pack/bundle.ts';
export { indexPacks, loadPackChain } from './pack/chain.ts';
export { loadPackDir } from './pack/load.ts';
export { differences, type MigrationReport, migratePackDir } from './pack/migrate-dir.ts';
export { pinFor, pinIssues } from './pack/pin.ts';
export { loadBase, type RebaseReport, rebasePackDir } from './pack/rebase-dir.ts';
export { validatePackDir } from './validate-dir.ts';
