/**
 * The officers a case is opened with, as the workflow's `opening` requires (行政处罚法第四十二条:
 * 执法人员不得少于两人, each with 执法资格). Checked before the case exists, so a case filed by one
 * officer never gets a number and an approval — the transitions' `minOfficers` would only catch
 * it later. The decision is the rules' (`officerRefusals`, which a pack's golden `opening` cases
 * test); this turns its refusals, citing the articles the pack gives, into field problems.
 */
import type { ResolvedPack, Workflow } from '@yifa/metamodel';
import { type OpeningOfficer, officerRefusals } from '@yifa/rules';
import type { FieldProblem } from '../validation.ts';

/**
 * The problems with the officers a case of `workflow` is opened with on `today`: each named
 * officer without a valid 执法证 (at its index), and too few certified officers.
 */
export function openingProblems(
  pack: ResolvedPack,
  workflow: Workflow,
  officers: readonly OpeningOfficer[],
  today: string,
): FieldProblem[] {
  return officerRefusals(pack, workflow, officers, today).map((r) =>
    r.reason === 'certificates'
      ? { path: `/officers/${r.officer}`, code: 'officer-uncertified', message: r.message }
      : { path: '/officers', code: 'officers-too-few', message: r.message },
  );
}
