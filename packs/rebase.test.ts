/**
 * `yifa pack rebase` under each regional pack: a copy of cn-national moves to 1.1.0 with a
 * changed 听证 threshold (which three regions override: a conflict), a changed English name
 * of the 街道 subject type (which three regions remove: a conflict; Binhai changes other
 * fields of it: its change applies and the new name flows in) and a new parameter. The
 * report says so, and the rebased region validates against the new base it now pins.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePack, loadBase, rebasePackDir, validatePackDir } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { packFolders } from './index.ts';

const packs = packFolders();
const national = packs.find((p) => p.id === 'cn-national')?.dir as string;

/** old/cn-national as shipped; new/cn-national 1.1.0 with three edits; new/<region> a copy of the region. */
function upgradeUnder(id: string): { oldBase: string; newBase: string; region: string } {
  const root = mkdtempSync(join(tmpdir(), 'yifa-rebase-'));
  const oldBase = join(root, 'old', 'cn-national');
  const newBase = join(root, 'new', 'cn-national');
  cpSync(national, oldBase, { recursive: true });
  cpSync(national, newBase, { recursive: true });
  cpSync(packs.find((p) => p.id === id)?.dir as string, join(root, 'new', id), { recursive: true });
  const edit = (file: string, from: RegExp | string, to: string) => {
    const path = join(newBase, file);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(from);
    writeFileSync(path, text.replace(from, to));
  };
  edit('pack.yaml', /^version: 1\.0\.0$/m, 'version: 1.1.0');
  edit('parameters/hearing-fine-person.yaml', /^value: .*$/m, 'value: 8000');
  edit('codelists/org-types.yaml', 'nameEn: Sub-district office', 'nameEn: Sub-district');
  writeFileSync(
    join(newBase, 'parameters/rebase-test-new.yaml'),
    'code: rebase-test-new\nname: 新增参数\nnameEn: A new parameter\ntype: integer\nvalue: 1\n',
  );
  return { oldBase, newBase, region: join(root, 'new', id) };
}

/** The regions written directly on cn-national (a city on a province has its own case below). */
const regional = packs.filter(
  (p) =>
    p.id !== 'cn-national' &&
    /^extends:\s*(\{\s*id:\s*|\n\s+id:\s*)cn-national\b/m.test(readFileSync(join(p.dir, 'pack.yaml'), 'utf8')),
);

describe.each(regional)('yifa pack rebase $id onto cn-national 1.1.0', ({ id }) => {
  it('reports each outcome and leaves a region that validates against the base it pins', () => {
    const { oldBase, newBase, region } = upgradeUnder(id);
    const from = loadBase(oldBase);
    const onto = loadBase(newBase);
    if (!from.ok || !onto.ok) throw new Error('the bases must load');
    const report = rebasePackDir(region, from.pack, onto.pack);
    const at = (outcome: string) =>
      report.entries.filter((e) => e.outcome === outcome).map((e) => `${e.kind} ${e.code}${e.path}`);

    expect(report.onto).toEqual({ id: 'cn-national', version: '1.1.0', hash: bundlePack(onto.pack).hash });
    expect(at('new-in-base')).toEqual(['parameter rebase-test-new']);
    expect(at('applied').length).toBeGreaterThan(5);
    if (id === 'tj-binhai') {
      // Binhai does not override the threshold and changes only other fields of 街道.
      expect(at('conflict')).toEqual([]);
      expect(at('applied')).toContain('codelist org-types/entries[code=street]/name');
      expect(report.blocking).toBe(0);
    } else {
      expect(report.entries.filter((e) => e.outcome === 'conflict')).toMatchObject([
        {
          kind: 'codelist',
          code: 'org-types',
          path: '/entries[code=street]',
          note: 'the region removes an element the new base changed',
        },
        { kind: 'parameter', code: 'hearing-fine-person', path: '/value', baseOld: 10000, baseNew: 8000 },
      ]);
      expect(report.blocking).toBe(2);
    }
    expect(at('target-removed')).toEqual([]);

    const rebased = validatePackDir(region);
    expect(rebased.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(rebased.issues.map((i) => i.code)).not.toContain('layer.base-pin');
    expect(rebased.pack.layers.map((l) => `${l.id}@${l.version}`)).toEqual(['cn-national@1.1.0', `${id}@1.0.0`]);
    expect(rebased.pack.manifest.extends?.pinned).toEqual({ version: '1.1.0', hash: bundlePack(onto.pack).hash });
    if (id === 'tj-binhai') {
      const street = rebased.pack.items.codelist.get('org-types')?.entries.find((e) => e.code === 'street');
      expect(street).toMatchObject({ name: '街道', nameEn: 'Sub-district' });
    }
  });
});

// A city on a province: he-shijiazhuang is rebased when he-hebei moves to 1.1.0 and changes the
// description of the indicator the city removes from Hebei's scheme: a conflict.
describe('yifa pack rebase he-shijiazhuang onto he-hebei 1.1.0', () => {
  it('reports the conflict on the removed indicator and leaves a city that validates against the new province', () => {
    const root = mkdtempSync(join(tmpdir(), 'yifa-rebase-city-'));
    const dir = (id: string) => packs.find((p) => p.id === id)?.dir as string;
    for (const side of ['old', 'new']) {
      cpSync(national, join(root, side, 'cn-national'), { recursive: true });
      cpSync(dir('he-hebei'), join(root, side, 'he-hebei'), { recursive: true });
    }
    cpSync(dir('he-shijiazhuang'), join(root, 'new', 'he-shijiazhuang'), { recursive: true });
    const edit = (file: string, from: RegExp, to: string) => {
      const path = join(root, 'new', 'he-hebei', file);
      const text = readFileSync(path, 'utf8');
      expect(text).toMatch(from);
      writeFileSync(path, text.replace(from, to));
    };
    edit('pack.yaml', /^version: 1\.0\.0$/m, 'version: 1.1.0');
    edit(
      'assessments/hebei-2026.yaml',
      /(code: reconsideration-correction-rate[\s\S]*?description: ).*/,
      '$1复议纠错案件数 / 复议案件数（1.1.0）。',
    );
    const from = loadBase(join(root, 'old', 'he-hebei'));
    const onto = loadBase(join(root, 'new', 'he-hebei'));
    if (!from.ok || !onto.ok) throw new Error('the bases must load');
    const report = rebasePackDir(join(root, 'new', 'he-shijiazhuang'), from.pack, onto.pack);
    expect(report.onto).toMatchObject({ id: 'he-hebei', version: '1.1.0' });
    expect(report.entries.filter((e) => e.outcome === 'conflict')).toMatchObject([
      {
        kind: 'assessment',
        code: 'hebei-2026',
        path: '/indicators[code=reconsideration-correction-rate]',
        note: 'the region removes an element the new base changed',
      },
    ]);
    expect(report.entries.filter((e) => e.outcome === 'target-removed')).toEqual([]);
    const rebased = validatePackDir(join(root, 'new', 'he-shijiazhuang'));
    expect(rebased.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(rebased.pack.layers.map((l) => `${l.id}@${l.version}`)).toEqual([
      'cn-national@1.0.0',
      'he-hebei@1.1.0',
      'he-shijiazhuang@0.1.0',
    ]);
  });
});
