/**
 * The officers a case is opened with, as the workflow's `opening` requires (行政处罚法第四十二条:
 * 执法人员不得少于两人, each with 执法资格). Checked before the case exists, so a case filed by one
 * officer never gets a number and an approval — the transitions' `minOfficers` would only catch
 * it later. The refusal cites the articles the pack gives for it.
 */
import type { ResolvedPack, Workflow } from '@yifa/metamodel';
import type { FieldProblem } from '../validation.ts';

/** An officer named on the case, with the 执法证 the platform holds for them. */
export interface OpeningOfficer {
  certificateNo: string | null;
  certificateValidUntil: string | null;
}

/** `依照《…》第四十二条，` from the workflow's `opening.basis`, or nothing when it names none. */
function citation(pack: ResolvedPack, codes: readonly string[]) {
  const bases = codes.flatMap((c) => pack.items['legal-basis'].get(c) ?? []);
  if (bases.length === 0) return { zh: '', en: '' };
  return {
    zh: `依照${bases.map((b) => `《${b.law}》${b.article ?? ''}`).join('、')}，`,
    en: `Under ${bases.map((b) => `${b.lawEn ?? b.law} ${b.article ?? ''}`.trim()).join(', ')}, `,
  };
}

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
  const min = workflow.opening?.minOfficers;
  if (min === undefined) return [];
  const cite = citation(pack, workflow.opening?.basis ?? []);
  const valid = (o: OpeningOfficer) =>
    !!o.certificateNo && !!o.certificateValidUntil && o.certificateValidUntil >= today;
  const problems: FieldProblem[] = [];
  officers.forEach((o, i) => {
    if (!valid(o))
      problems.push({
        path: `/officers/${i}`,
        code: 'officer-uncertified',
        message: {
          zh: `${cite.zh}行政处罚应当由具有行政执法资格的执法人员实施：该承办人员没有有效的执法证`,
          en: `${cite.en}penalties are carried out by certified officers: this officer holds no valid enforcement certificate`,
        },
      });
  });
  const certified = officers.filter(valid).length;
  if (certified < min)
    problems.push({
      path: '/officers',
      code: 'officers-too-few',
      message: {
        zh: `${cite.zh}执法人员不得少于${min}人：本案只有${certified}名持有效执法证的承办人员`,
        en: `${cite.en}at least ${min} officers must handle the case: it names ${certified} with a valid enforcement certificate`,
      },
    });
  return problems;
}
