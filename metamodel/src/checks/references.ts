/**
 * Every reference between items resolves. The table below is the complete list of
 * references in the metamodel (docs/pack-format.md shows it); a target is a kind, or
 * an entry of a codelist.
 */
import { type Finding, finding } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { type Check, type CheckContext, validItems } from './context.ts';
import { valuesAt } from './walk.ts';

type Target = ItemKind | `codelist:${string}`;

/** [kind, path in the item, what it refers to]. */
export const REFERENCES: readonly (readonly [ItemKind, string, Target])[] = [
  ['authority-item', 'powerType', 'codelist:power-types'],
  ['authority-item', 'sectors/*', 'codelist:sectors'],
  ['authority-item', 'subjectTypes/*', 'codelist:org-types'],
  ['authority-item', 'basis/setting/*', 'legal-basis'],
  ['authority-item', 'basis/implementing/*', 'legal-basis'],
  ['authority-item', 'accountability/*/basis/*', 'legal-basis'],
  ['matter', 'authorityItem', 'authority-item'],
  ['matter', 'sector', 'codelist:sectors'],
  ['matter', 'workflow', 'workflow'],
  ['matter', 'alternativeWorkflows/*', 'workflow'],
  ['matter', 'documents/*', 'document'],
  ['matter', 'discretion', 'discretion'],
  ['matter', 'violatedBasis/*', 'legal-basis'],
  ['matter', 'penaltyBasis/*', 'legal-basis'],
  ['matter', 'penaltyKinds/*', 'codelist:penalty-kinds'],
  ['document', 'basis/*', 'legal-basis'],
  ['document', 'sections/*/roles/*', 'role'],
  ['document', 'issuedBy/*', 'role'],
  ['workflow', 'basis/*', 'legal-basis'],
  ['workflow', 'opening/basis/*', 'legal-basis'],
  ['workflow', 'states/*/documents/*', 'document'],
  ['workflow', 'states/*/roles/*', 'role'],
  ['workflow', 'transitions/*/roles/*', 'role'],
  ['workflow', 'transitions/*/basis/*', 'legal-basis'],
  ['workflow', 'transitions/*/documents/*', 'document'],
  ['workflow', 'transitions/*/documentFields/*/document', 'document'],
  ['workflow', 'deadlines/*/basis/*', 'legal-basis'],
  ['workflow', 'disclosure/document', 'document'],
  ['workflow', 'disclosure/basis/*', 'legal-basis'],
  ['workflow', 'deadlines/*/extension/roles/*', 'role'],
  ['discretion', 'basis/*', 'legal-basis'],
  ['discretion', 'versions/*/noPenalty/*/basis/*', 'legal-basis'],
  ['discretion', 'versions/*/circumstances/*/basis/*', 'legal-basis'],
  ['discretion', 'versions/*/persons/*/basis/*', 'legal-basis'],
  ['discretion', 'versions/*/continuing/basis/*', 'legal-basis'],
  ['discretion', 'versions/*/tiers/*/penalties/*', 'codelist:penalty-kinds'],
  ['assessment', 'subjectTypes/*', 'codelist:org-types'],
  ['assessment', 'basis/*', 'legal-basis'],
  ['alert', 'basis/*', 'legal-basis'],
  ['risk-scheme', 'sectors/*', 'codelist:sectors'],
  ['risk-scheme', 'inspectionWorkflows/*', 'workflow'],
  ['risk-scheme', 'penaltyWorkflows/*', 'workflow'],
  ['risk-scheme', 'basis/*', 'legal-basis'],
  ['review-checklist', 'appliesTo/workflows/*', 'workflow'],
  ['review-checklist', 'appliesTo/matters/*', 'matter'],
  ['review-checklist', 'basis/*', 'legal-basis'],
  ['alert', 'appliesTo/workflows/*', 'workflow'],
  ['alert', 'appliesTo/matters/*', 'matter'],
  ['organisation', 'type', 'codelist:org-types'],
  ['organisation', 'parent', 'organisation'],
  ['organisation', 'sectors/*', 'codelist:sectors'],
  ['organisation', 'sectorSupervisors/*', 'organisation'],
  ['condition', 'basis/*', 'legal-basis'],
  ['parameter', 'basis/*', 'legal-basis'],
  ['parameter', 'byOrganisation/*/organisation', 'organisation'],
  ['parameter', 'bySector/*/sector', 'codelist:sectors'],
  ['report-format', 'records/document', 'document'],
  ['report-format', 'records/matters/*', 'matter'],
  ['report-format', 'records/workflows/*', 'workflow'],
  ['test', 'cases/*/discretion', 'discretion'],
  ['test', 'cases/*/workflow', 'workflow'],
  ['test', 'cases/*/alert', 'alert'],
  ['test', 'cases/*/assessment', 'assessment'],
  ['test', 'cases/*/roles/*', 'role'],
  ['test', 'cases/*/org', 'organisation'],
  ['test', 'cases/*/sector', 'codelist:sectors'],
  ['test', 'cases/*/opening/matter', 'matter'],
  ['test', 'cases/*/opening/authorityItem', 'authority-item'],
  ['test', 'cases/*/opening/workflow', 'workflow'],
  ['test', 'cases/*/subject/type', 'codelist:org-types'],
  ['test', 'cases/*/subject/sectors/*', 'codelist:sectors'],
  ['test', 'cases/*/expect/refused/*/basis', 'legal-basis'],
];

/** Checks every reference of the table. */
export const checkReferences: Check = (ctx) => {
  const out: Finding[] = [];
  const entries = codelistEntries(ctx);
  for (const [kind, path, target] of REFERENCES) {
    for (const [code, item] of validItems(ctx, kind)) {
      for (const { value, pointer } of valuesAt(item, path)) {
        if (typeof value !== 'string') continue;
        if (target.startsWith('codelist:')) {
          const list = target.slice('codelist:'.length);
          const known = entries.get(list);
          if (!known) out.push(finding(kind, code, pointer, 'ref.unresolved', { kind: 'codelist', code: list }));
          else if (!known.has(value))
            out.push(finding(kind, code, pointer, 'ref.codelist-entry', { code: value, codelist: list }));
        } else if (!ctx.pack.items[target as ItemKind].has(value)) {
          out.push(unresolved(ctx, kind, code, pointer, target as ItemKind, value));
        }
      }
    }
  }
  return out;
};

/** A finding for a reference that does not resolve (saying so when this pack removed it). */
export function unresolved(
  ctx: CheckContext,
  kind: ItemKind,
  code: string,
  pointer: string,
  target: ItemKind,
  value: string,
): Finding {
  const removed = ctx.pack.removed.some((r) => r.kind === target && r.code === value);
  return finding(kind, code, pointer, removed ? 'ref.removed' : 'ref.unresolved', { kind: target, code: value });
}

function codelistEntries(ctx: CheckContext): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const [code, list] of ctx.pack.items.codelist) map.set(code, new Set(list.entries?.map((e) => e.code) ?? []));
  return map;
}
