import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LegalBasis, validatePackDir } from '@yifa/metamodel';
import { createRuleEnv, ruleEnvFromPack } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { type CaseSnapshot, caseContext } from './case-machine.ts';

// The real Binhai pack: its matters cite fully known national articles.
const { pack } = validatePackDir(join(dirname(fileURLToPath(import.meta.url)), '../../../packs/tj-binhai'));
const matter = pack.items.matter.get('120116-SCJ-CF-0001-01');
const workflow = pack.items.workflow.get('penalty-ordinary');
if (!matter || !workflow) throw new Error('tj-binhai must have its food-licence matter and 普通程序');

const snapshot = (m = matter): CaseSnapshot => ({
  number: 'T-1',
  matter: m,
  workflow,
  state: 'investigation',
  facts: {},
  stateEntered: {},
  extensions: {},
  party: { kind: 'organisation', name: '某公司' },
  subject: { code: '120116-SCJ', type: 'district-department', name: '区市场监管局' },
  officers: [],
  documents: [],
  openedAt: '2026-03-02T09:00:00.000Z',
});

/** A local regulation entered before its article and text were found. */
const partial: LegalBasis = {
  code: 'LOCAL-1',
  law: '天津市某某管理条例',
  level: '地方性法规',
  versions: [{ effectiveFrom: '2020-01-01' }],
};

describe('citesUnverifiedBasis', () => {
  it('is false for a matter whose bases are all known and verified', () => {
    const { context } = caseContext(snapshot(), '2026-03-10', ruleEnvFromPack(pack));
    expect(context.facts.citesUnverifiedBasis).toBe(false);
  });

  it('is true when the matter cites a basis without its article or text', () => {
    const env = createRuleEnv({ legalBases: [...pack.items['legal-basis'].values(), partial] });
    const m = { ...matter, penaltyBasis: [...(matter.penaltyBasis ?? []), 'LOCAL-1'] };
    expect(caseContext(snapshot(m), '2026-03-10', env).context.facts.citesUnverifiedBasis).toBe(true);
  });

  it('is true when a field the basis gives is marked unverified', () => {
    const marked: LegalBasis = {
      ...partial,
      article: '第十条',
      versions: [{ effectiveFrom: '2020-01-01', text: '……' }],
      verification: { text: { status: 'unverified', ref: '据报道转述，未见公报原文' } },
    };
    const env = createRuleEnv({ legalBases: [marked] });
    const m = { ...matter, violatedBasis: ['LOCAL-1'], penaltyBasis: [] };
    expect(caseContext(snapshot(m), '2026-03-10', env).context.facts.citesUnverifiedBasis).toBe(true);
  });
});
