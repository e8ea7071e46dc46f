/**
 * @yifa/metamodel in a browser: every pure module of the public surface (item types, kinds,
 * schemas and validators, platform facts, metrics and operators, layering and validation of
 * packs already read) and none that reads files or hashes with node:crypto. Bundlers pick it
 * by the `browser` export condition; index.ts adds the Node-only modules to it.
 */

export { type BasisGaps, type BasisPart, basisGaps, basisUnverified } from './basis-gaps.ts';
export { attributeCauses } from './causes.ts';
export { SPECIAL_RECIPIENTS } from './checks/alerts.ts';
export { MAX_CONDITION_DEPTH } from './checks/conditions.ts';
export { NUMBERING_TOKENS, PRINT_TOKENS, placeholders } from './checks/documents.ts';
export { REFERENCES } from './checks/references.ts';
export { checklistTotal } from './checks/review-checklists.ts';
export { ADMIN_PERMISSIONS } from './checks/roles.ts';
export * from './entity-facts.ts';
export * from './facts.ts';
export type * from './generated/types.ts';
export * from './issue-fixes.ts';
export * from './issue-groups.ts';
export * from './issues.ts';
export * from './kinds.ts';
export * from './metrics.ts';
export * from './operators.ts';
export type { BundleError, PackBundle } from './pack/bundle.ts';
export type { ChainOptions } from './pack/chain.ts';
export { describePointer, elementId, KEYED_ARRAYS, keyFieldsAt } from './pack/keyed-arrays.ts';
export { metamodelVersion, resolveLayers } from './pack/layer.ts';
export { type FilesOptions, loadPackFiles, type PackFileEntry, packPlace } from './pack/load-files.ts';
export { createLocator, type Locator, type Place } from './pack/locate.ts';
export { type MergeOptions, type MergeProblem, type MergeResult, mergeOverride } from './pack/merge.ts';
export { type MigratedOverride, migrateOverride, restateOverride } from './pack/migrate.ts';
export { deepEqual, type MinimalOverrideOptions, minimalOverride } from './pack/minimal-override.ts';
export type { ParsedFile } from './pack/parse-file.ts';
export { planRebase, type RebaseEntry, type RebasePlan } from './pack/rebase.ts';
export * from './pack/resolved.ts';
export type { LineLookup, PackSource, SourceItem } from './pack/source.ts';
export { type SchemaViolation, schemaViolations } from './schema-issues.ts';
export { SCHEMAS, schemaAjv, validatorFor } from './schemas.ts';
export { CHECKS, type ValidationReport, validateResolvedPack, validateSources } from './validate.ts';
