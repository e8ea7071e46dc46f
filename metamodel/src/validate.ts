/**
 * Validation of a pack: each item against its schema, then every check over the
 * resolved pack. Everything found is reported, with the file, pointer and line. Pure: packs
 * read from a folder are validated by validate-dir.ts.
 */

import { attributeCauses } from './causes.ts';
import { checkAlerts } from './checks/alerts.ts';
import { checkAssessments } from './checks/assessments.ts';
import { checkCodelistsAndCalendars } from './checks/codelists.ts';
import { checkConditions } from './checks/conditions.ts';
import type { Check, CheckContext } from './checks/context.ts';
import { checkDiscretion } from './checks/discretion.ts';
import { checkDocuments } from './checks/documents.ts';
import { checkEnglishNames } from './checks/english-names.ts';
import { checkLegalTime } from './checks/legal-time.ts';
import { checkMatters } from './checks/matters.ts';
import { checkOrganisations } from './checks/organisations.ts';
import { checkParameters } from './checks/parameters.ts';
import { checkReferences } from './checks/references.ts';
import { checkReportFormats } from './checks/report-formats.ts';
import { checkReviewChecklists } from './checks/review-checklists.ts';
import { checkRiskSchemes } from './checks/risk-schemes.ts';
import { checkRoles } from './checks/roles.ts';
import { checkTests } from './checks/tests.ts';
import { checkWorkflows } from './checks/workflow.ts';
import { withFix } from './issue-fixes.ts';
import { messageFor, type PackIssue } from './issues.ts';
import { ITEM_KINDS, type ItemKind, MANIFEST_FILE } from './kinds.ts';
import { resolveLayers } from './pack/layer.ts';
import { createLocator, type Locator } from './pack/locate.ts';
import type { ResolvedPack } from './pack/resolved.ts';
import { type PackSource, sourceId } from './pack/source.ts';
import { schemaViolations } from './schema-issues.ts';
import { validatorFor } from './schemas.ts';

/** Every check, in the order their findings are listed. */
export const CHECKS: readonly Check[] = [
  checkReferences,
  checkWorkflows,
  checkLegalTime,
  checkDiscretion,
  checkConditions,
  checkDocuments,
  checkMatters,
  checkRoles,
  checkOrganisations,
  checkAssessments,
  checkAlerts,
  checkRiskSchemes,
  checkReviewChecklists,
  checkParameters,
  checkCodelistsAndCalendars,
  checkReportFormats,
  checkTests,
  checkEnglishNames,
];

/** The outcome of validating a pack. */
export interface ValidationReport {
  ok: boolean;
  pack: ResolvedPack;
  issues: PackIssue[];
}

/** Layers and validates packs already read, base first. */
export function validateSources(chain: readonly PackSource[], earlier: readonly PackIssue[] = []): ValidationReport {
  const issues: PackIssue[] = [...earlier];
  for (const source of chain) {
    issues.push(...source.issues);
    issues.push(...manifestIssues(source));
  }
  const layered = resolveLayers(chain);
  issues.push(...layered.issues);
  issues.push(...validateResolvedPack(layered.pack, createLocator(layered.pack, chain)));
  const caused = attributeCauses(issues, chain, layered.pack).map(withFix);
  return { ok: !issues.some((i) => i.severity === 'error'), pack: layered.pack, issues: caused };
}

/** Validates a resolved pack: schemas, then every check. */
export function validateResolvedPack(pack: ResolvedPack, locate: Locator = createLocator(pack)): PackIssue[] {
  const issues: PackIssue[] = [];
  const invalid = new Set<string>();
  for (const { kind } of ITEM_KINDS) {
    const validate = validatorFor(kind);
    for (const [code, item] of pack.items[kind]) {
      if (validate(item)) continue;
      invalid.add(`${kind}\u0000${code}`);
      for (const v of schemaViolations(validate.errors ?? [], item)) {
        issues.push({
          code: `schema.${v.keyword}`,
          severity: 'error',
          ...locate(kind, code, v.pointer),
          pointer: v.pointer,
          message: v.message,
          params: v.params,
        });
      }
    }
  }
  const ctx: CheckContext = { pack, valid: (kind: ItemKind, code: string) => !invalid.has(`${kind}\u0000${code}`) };
  for (const check of CHECKS) {
    for (const f of check(ctx)) {
      issues.push({
        code: f.issue,
        severity: f.severity ?? 'error',
        ...locate(f.kind, f.item, f.pointer),
        pointer: f.pointer,
        message: messageFor(f.issue, f.params),
        params: f.params,
      });
    }
  }
  return issues;
}

function manifestIssues(source: PackSource): PackIssue[] {
  if (!source.manifest) return [];
  const validate = validatorFor('manifest');
  if (validate(source.manifest)) return [];
  const lineOf = source.lines.get(MANIFEST_FILE);
  return schemaViolations(validate.errors ?? [], source.manifest).map((v) => {
    const line = lineOf?.(v.pointer);
    return {
      code: `schema.${v.keyword}`,
      severity: 'error' as const,
      pack: sourceId(source),
      file: MANIFEST_FILE,
      pointer: v.pointer,
      ...(line ? { line } : {}),
      message: v.message,
      params: v.params,
    };
  });
}
