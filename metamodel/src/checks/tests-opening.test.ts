import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';

const base = (file: string) => readFileSync(join(FIXTURES, 'base', file), 'utf8');
/** The fixture's workflow with two officers required when a case is opened. */
const workflow = base('workflows/penalty.yaml').replace(
  'start: filing\n',
  'start: filing\nopening: { minOfficers: 2, basis: [SPAQF-122-1] }\n',
);
const officers = '[{ certificate: A, validUntil: 2027-12-31 }, { certificate: B, validUntil: 2027-12-31 }]';

/** The issues of the fixture with one opening case (YAML of the case's keys after `name`). */
function issuesOf(caseYaml: string, withOpening = true): string[] {
  const dir = fixtureWith({
    ...(withOpening ? { 'base/workflows/penalty.yaml': workflow } : {}),
    'base/tests/opening.yaml': `code: opening\nname: 立案\ncases:\n  - name: 立案\n${caseYaml
      .trim()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n`,
  });
  return validatePackDir(join(dir, 'base'))
    .issues.filter((i) => i.file === 'tests/opening.yaml')
    .map((i) => `${i.code} ${i.pointer}`);
}

describe('opening golden cases (kind opening) are validated like the other tests', () => {
  it('accept a case that names what exists and reasons opening can give', () => {
    expect(
      issuesOf(`
opening: { matter: M-1 }
org: scj
date: 2026-06-01
officers: [{ certificate: A, validUntil: 2027-12-31 }]
expect: { refused: [{ because: officers, basis: SPAQF-122-1 }, { because: sector }] }`),
    ).toEqual([]);
  });

  it('report unknown matters, organisations, workflows, types and sectors as reference errors', () => {
    expect(
      issuesOf(`
opening: { matter: M-9 }
org: nowhere
date: 2026-06-01
officers: ${officers}
expect: { allowed: true }`),
    ).toEqual(['ref.unresolved /cases/0/org', 'ref.unresolved /cases/0/opening/matter']);
    expect(
      issuesOf(`
opening: { workflow: penalty-x, authorityItem: AI-9 }
subject: { type: street, sectors: [fishing] }
date: 2026-06-01
officers: ${officers}
expect: { refused: [{ because: officers, basis: NOPE-1 }] }`),
    ).toEqual(
      expect.arrayContaining([
        'ref.unresolved /cases/0/opening/workflow',
        'ref.unresolved /cases/0/opening/authorityItem',
        'ref.codelist-entry /cases/0/subject/type',
        'ref.codelist-entry /cases/0/subject/sectors/0',
        'ref.unresolved /cases/0/expect/refused/0/basis',
      ]),
    );
  });

  it('require one subject, and a workflow the matter follows', () => {
    expect(
      issuesOf(`opening: { matter: M-1 }\ndate: 2026-06-01\nofficers: ${officers}\nexpect: { allowed: true }`),
    ).toEqual(['test.opening-subject /cases/0']);
    expect(
      issuesOf(
        `opening: { matter: M-1 }\norg: scj\nsubject: { type: department }\ndate: 2026-06-01\nofficers: ${officers}\nexpect: { allowed: true }`,
      ),
    ).toEqual(['test.opening-subject /cases/0/subject']);
    const other = fixtureWith({
      'base/workflows/summary.yaml': workflow.replace('code: penalty', 'code: summary'),
      'base/tests/opening.yaml': `code: opening\nname: 立案\ncases:\n  - { name: 立案, opening: { matter: M-1, workflow: summary }, org: scj, date: 2026-06-01, officers: ${officers}, expect: { allowed: true } }\n`,
    });
    expect(
      validatePackDir(join(other, 'base'))
        .issues.filter((i) => i.file === 'tests/opening.yaml')
        .map((i) => `${i.code} ${i.pointer}`),
    ).toEqual(['test.opening-workflow /cases/0/opening/workflow']);
  });

  it('report refusals opening cannot give there', () => {
    // The fixture's workflow without opening.minOfficers: never refused for officers.
    expect(
      issuesOf(
        `opening: { matter: M-1 }\norg: scj\ndate: 2026-06-01\nofficers: []\nexpect: { refused: [{ because: officers }] }`,
        false,
      ),
    ).toEqual(['test.opening-reason-impossible /cases/0/expect/refused/0/because']);
    // A workflow alone has no authority item; the basis is not the workflow's; officer 5 is not named.
    expect(
      issuesOf(`
opening: { workflow: penalty }
org: scj
date: 2026-06-01
officers: ${officers}
expect:
  refused:
    - { because: sector }
    - { because: officers, basis: SPAQF-122-1 }
    - { because: sector, basis: SPAQF-122-1 }
    - { because: certificates, officer: 5 }`),
    ).toEqual([
      'test.opening-reason-impossible /cases/0/expect/refused/0/because',
      'test.opening-reason-impossible /cases/0/expect/refused/2/because',
      'test.opening-reason-impossible /cases/0/expect/refused/2/basis',
      'test.opening-reason-impossible /cases/0/expect/refused/3/officer',
    ]);
  });
});
