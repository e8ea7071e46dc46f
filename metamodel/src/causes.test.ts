import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureWith } from '../test/fixture.ts';
import { countRootCauses, groupIssues } from './issue-groups.ts';
import { validatePackDir } from './validate-dir.ts';

const PACKS = join(dirname(fileURLToPath(import.meta.url)), '../../packs');
const region = readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8');
const base = (file: string) => readFileSync(join(FIXTURES, 'base', file), 'utf8');

describe('root causes', () => {
  it('reports a missing base first and alone, with where it looked and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yifa-nobase-'));
    cpSync(join(PACKS, 'he-hebei'), join(dir, 'he-hebei'), { recursive: true });
    const manifest = join(dir, 'he-hebei/pack.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('id: cn-national', 'id: cn-nationale'));
    const report = validatePackDir(join(dir, 'he-hebei'));
    expect(report.issues.map((i) => `${i.code} ${i.pack}/${i.file}:${i.line}${i.pointer}`)).toEqual([
      'layer.base-not-found he-hebei/pack.yaml:6/extends',
    ]);
    expect(report.issues[0]?.message.en).toContain(`among the packs in ${dir} (he-hebei)`);
    expect(report.issues[0]?.message.en).toContain('--packs <dir>');
    expect(report.issues[0]?.message.zh).toContain('--packs <目录>');
  });

  it('says which removal broke a base file, with its manifest line, and counts it once', () => {
    const dir = fixtureWith({
      'region/pack.yaml': `${region}  - { kind: legal-basis, code: SPAQF-122-1, reason: 本地不适用 }\n`,
    });
    const report = validatePackDir(join(dir, 'region'));
    const removed = report.issues.filter((i) => i.code === 'ref.removed');
    expect(removed.map((i) => `${i.pack}/${i.file}${i.pointer}`)).toEqual(
      expect.arrayContaining([
        'xx-base/authority-items/AI-1.yaml/basis/setting/0',
        'xx-base/discretion/DB-1.yaml/basis/0',
      ]),
    );
    for (const i of removed) {
      expect(i.message.en).toContain(
        `because xx-region removes legal basis "SPAQF-122-1" (xx-region's pack.yaml, line 10)`,
      );
      expect(i.message.zh).toContain('因为 xx-region 删除了执法依据“SPAQF-122-1”（xx-region 的 pack.yaml 第 10 行）');
      expect(i.cause).toMatchObject({
        code: 'cause.removed',
        pack: 'xx-region',
        file: 'pack.yaml',
        pointer: '/remove/1',
        line: 10,
      });
    }
    const groups = groupIssues(report.issues);
    expect(groups.filter((g) => g.root.code === 'cause.removed')).toHaveLength(1);
    expect(countRootCauses(groups)).toBe(report.issues.length - removed.length + 1);
  });

  it('puts the references to an item whose file was refused under that file', () => {
    const dir = fixtureWith({ 'base/legal-bases/SPAQF-122-1.yaml': `\ufeff${base('legal-bases/SPAQF-122-1.yaml')}` });
    const report = validatePackDir(join(dir, 'base'));
    const groups = groupIssues(report.issues);
    expect(groups.map((g) => [g.root.code, g.root.file, g.followOns.map((i) => `${i.code} ${i.file}`).sort()])).toEqual(
      [
        [
          'file.bom',
          'legal-bases/SPAQF-122-1.yaml',
          ['ref.unresolved authority-items/AI-1.yaml', 'ref.unresolved discretion/DB-1.yaml'],
        ],
      ],
    );
    expect(countRootCauses(groups)).toBe(1);
    expect(report.issues[1]?.message.en).toContain('because the file of legal basis "SPAQF-122-1"');
  });

  it('groups references to one missing item under it, naming the file to add', () => {
    const dir = fixtureWith({
      'base/authority-items/AI-1.yaml': base('authority-items/AI-1.yaml').replace('SPAQF-122-1', 'LB-GONE'),
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace('basis: [SPAQF-122-1]', 'basis: [LB-GONE]'),
    });
    const groups = groupIssues(validatePackDir(join(dir, 'base')).issues);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.root).toMatchObject({ code: 'cause.missing', file: 'legal-bases/LB-GONE.yaml' });
    expect(groups[0]?.root.message.en).toBe(
      'legal basis "LB-GONE" does not exist (2 references); add legal-bases/LB-GONE.yaml, or correct the references',
    );
  });

  it('says which override broke a base file', () => {
    const dir = fixtureWith({
      'region/overrides/workflows/penalty.yaml': `states:\n${base('workflows/penalty.yaml')
        .split('\n')
        .filter((l) => l.startsWith('  - { code:') && !l.includes('code: review') && !l.includes('days:'))
        .join('\n')}\n`,
    });
    const report = validatePackDir(join(dir, 'region'));
    const inBase = report.issues.filter((i) => i.pack === 'xx-base' && i.file === 'workflows/penalty.yaml');
    expect(inBase.length).toBeGreaterThan(0);
    for (const i of inBase) {
      expect(i.cause).toMatchObject({
        code: 'cause.overridden',
        pack: 'xx-region',
        file: 'overrides/workflows/penalty.yaml',
      });
      expect(i.message.en).toContain('because xx-region overrides this workflow in overrides/workflows/penalty.yaml');
    }
  });
});
