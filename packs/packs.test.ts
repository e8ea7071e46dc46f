import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePackDir } from '@yifa/metamodel';
import { renderPackTestReport, runPackTests } from '@yifa/rules';
import { describe, expect, it } from 'vitest';
import { packFolders } from './index.ts';

const packs = packFolders();

describe('packs', () => {
  it('include the national base and Binhai', () => {
    expect(packs.map((p) => p.id)).toEqual(expect.arrayContaining(['cn-national', 'tj-binhai']));
  });

  describe.each(packs)('$id', ({ id, dir }) => {
    const report = validatePackDir(dir);

    it('validates clean', () => {
      expect(
        report.issues.map((i) => `${i.pack}/${i.file}${i.line ? `:${i.line}` : ''} ${i.pointer} ${i.message.en}`),
      ).toEqual([]);
    });

    it('passes every golden case it carries, those of its base included', () => {
      const results = runPackTests(report.pack);
      expect(results.cases.length).toBeGreaterThanOrEqual(id === 'tj-binhai' ? 40 : 10);
      expect(results.failed, renderPackTestReport(results, 'en')).toBe(0);
    });

    it('is in a folder named after its id and has a README', () => {
      expect(report.pack.manifest.id).toBe(id);
      expect(readFileSync(join(dir, 'README.md'), 'utf8').length).toBeGreaterThan(200);
    });
  });
});
