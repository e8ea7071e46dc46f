import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';
import { bundlePack } from './bundle.ts';
import { loadBase, rebasePackDir } from './rebase-dir.ts';

const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

/** The region in metamodel 2, changing one tier of DB-1 and dropping its first no-penalty rule. */
const REGION = {
  'region/pack.yaml': read('region/pack.yaml').replace('metamodel: "1"', 'metamodel: "2"'),
  'region/overrides/discretion/DB-1.yaml': [
    'versions:',
    '  - effectiveFrom: 2022-10-08',
    '    noPenalty:',
    '      - { code: first, $remove: true }',
    '    tiers:',
    '      - { code: lighter, name: 较轻 }',
    '',
  ].join('\n'),
};

/** Temp packs: `base/` and `region/` as in the fixtures, and `next/` with the region beside xx-base 1.3.0 (the edits applied). */
function upgrade(edits: Record<string, string | null>): { root: string; next: string } {
  const root = fixtureWith(REGION);
  const next = join(root, 'next');
  cpSync(join(root, 'base'), join(next, 'xx-base'), { recursive: true });
  cpSync(join(root, 'region'), join(next, 'xx-region'), { recursive: true });
  writeFileSync(join(next, 'xx-base/pack.yaml'), read('base/pack.yaml').replace('version: 1.2.0', 'version: 1.3.0'));
  for (const [file, text] of Object.entries(edits)) {
    if (text === null) rmSync(join(next, 'xx-base', file));
    else writeFileSync(join(next, 'xx-base', file), text);
  }
  return { root, next };
}

function bases(root: string, next: string) {
  const from = loadBase(join(root, 'base'));
  const onto = loadBase(join(next, 'xx-base'));
  if (!from.ok || !onto.ok) throw new Error('bases do not load');
  return { from: from.pack, onto: onto.pack };
}

const outcomes = (entries: { outcome: string; kind: string; code: string; path: string }[], outcome: string) =>
  entries.filter((e) => e.outcome === outcome).map((e) => `${e.kind} ${e.code}${e.path}`);

describe('yifa pack rebase', () => {
  it('applies cleanly, reports a conflict, drops what the base removed too, lists new base items', () => {
    const { root, next } = upgrade({
      'parameters/major-fine-org.yaml': read('base/parameters/major-fine-org.yaml').replace('100000', '80000'),
      'discretion/DB-1.yaml': read('base/discretion/DB-1.yaml').replace(/ {4}noPenalty:\n.*\n/, ''),
      'matters/M-3.yaml': read('base/matters/M-1.yaml').replace('code: M-1', 'code: M-3'),
    });
    const { from, onto } = bases(root, next);
    const report = rebasePackDir(join(next, 'xx-region'), from, onto);

    expect(outcomes(report.entries, 'applied')).toEqual(
      expect.arrayContaining([
        'alert overdue',
        'discretion DB-1/versions[effectiveFrom=2022-10-08]/tiers[code=lighter]/name',
        'parameter major-fine-org/notes',
      ]),
    );
    const conflict = report.entries.filter((e) => e.outcome === 'conflict');
    expect(conflict).toMatchObject([
      { kind: 'parameter', code: 'major-fine-org', path: '/value', baseOld: 100000, baseNew: 80000, region: 50000 },
    ]);
    expect(outcomes(report.entries, 'target-removed')).toEqual([
      'discretion DB-1/versions[effectiveFrom=2022-10-08]/noPenalty[code=first]',
    ]);
    expect(outcomes(report.entries, 'new-in-base')).toEqual(['matter M-3']);
    expect(report.blocking).toBe(1);

    // The conflicting override is kept as written; the moot removal is gone; extends pins the new base.
    expect(readFileSync(join(next, 'xx-region/overrides/parameters/major-fine-org.yaml'), 'utf8')).toContain('50000');
    expect(readFileSync(join(next, 'xx-region/overrides/discretion/DB-1.yaml'), 'utf8')).not.toContain('first');
    const rebased = validatePackDir(join(next, 'xx-region'));
    expect(rebased.issues).toEqual([]);
    expect(rebased.pack.manifest.extends?.pinned).toEqual({ version: '1.3.0', hash: bundlePack(onto).hash });
    // The region validated against the old base now warns that it is not the base it pins.
    writeFileSync(join(root, 'region/pack.yaml'), readFileSync(join(next, 'xx-region/pack.yaml'), 'utf8'));
    expect(validatePackDir(join(root, 'region')).issues.map((i) => i.code)).toContain('layer.base-pin');
  });

  it('keeps an override whose target the new base removed, and says so', () => {
    const { root, next } = upgrade({
      'discretion/DB-1.yaml': read('base/discretion/DB-1.yaml').replace(/ {6}- \{ code: lighter.*\n/, ''),
    });
    const { from, onto } = bases(root, next);
    const report = rebasePackDir(join(next, 'xx-region'), from, onto, { dryRun: true });
    expect(report.entries.filter((e) => e.outcome === 'target-removed')).toMatchObject([
      {
        kind: 'discretion',
        code: 'DB-1',
        path: '/versions[effectiveFrom=2022-10-08]/tiers[code=lighter]/name',
        note: 'the new base has no such element: kept as written',
      },
    ]);
    expect(report.blocking).toBe(1);
    // A dry run writes nothing.
    expect(readFileSync(join(next, 'xx-region/pack.yaml'), 'utf8')).not.toContain('pinned');
  });

  it('reads the old base from a bundle as from a folder, and reports an item both now add', () => {
    const { root, next } = upgrade({ 'matters/M-2.yaml': read('region/matters/M-2.yaml') });
    const bundle = join(root, 'old.json');
    const old = loadBase(join(root, 'base'));
    if (!old.ok) throw new Error(old.reason);
    writeFileSync(bundle, bundlePack(old.pack).text);
    const fromBundle = loadBase(bundle);
    if (!fromBundle.ok) throw new Error(fromBundle.reason);
    const { onto } = bases(root, next);
    const report = rebasePackDir(join(next, 'xx-region'), fromBundle.pack, onto, { dryRun: true });
    expect(report.from.hash).toBe(bundlePack(old.pack).hash);
    expect(report.entries.filter((e) => e.outcome === 'conflict')).toMatchObject([
      { kind: 'matter', code: 'M-2', note: 'the new base adds an item with the code the region adds' },
    ]);
    expect(outcomes(report.entries, 'new-in-base')).toEqual(['matter M-2']);
  });
});
