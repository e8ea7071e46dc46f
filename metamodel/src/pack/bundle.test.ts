import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FIXTURES, fixtureWith } from '../../test/fixture.ts';
import { validateResolvedPack } from '../validate.ts';
import { validatePackDir } from '../validate-dir.ts';
import { bundlePack, readBundle } from './bundle.ts';
import { parsePackFile } from './parse-file.ts';

describe('bundles', () => {
  it('give the same bytes and hash whatever the file format, key order and formatting', () => {
    const original = bundlePack(validatePackDir(join(FIXTURES, 'region')).pack);
    // Rewrite every base item: YAML as JSON with keys reversed, or YAML reformatted.
    const dir = fixtureWith();
    const folders = readdirSync(join(dir, 'base'), { withFileTypes: true }).filter((d) => d.isDirectory());
    folders.forEach((folder, n) => {
      for (const name of readdirSync(join(dir, 'base', folder.name))) {
        const path = join(dir, 'base', folder.name, name);
        const parsed = parsePackFile(readFileSync(path, 'utf8'));
        if (!parsed.ok) throw new Error(parsed.issue);
        const reversed = Object.fromEntries(Object.entries(parsed.data as object).reverse());
        if (n % 2 === 0) {
          writeFileSync(path, JSON.stringify(reversed, null, 4));
          renameSync(path, path.replace(/\.yaml$/, '.json'));
        } else writeFileSync(path, `# reformatted\n${stringify(reversed, { indent: 4, lineWidth: 0 })}`);
      }
    });
    const again = bundlePack(validatePackDir(join(dir, 'region')).pack);
    expect(again.hash).toBe(original.hash);
    expect(again.text).toBe(original.text);
  });

  it('change hash when content changes', () => {
    const original = bundlePack(validatePackDir(join(FIXTURES, 'base')).pack);
    const dir = fixtureWith({
      'base/parameters/major-fine-org.yaml': readFileSync(
        join(FIXTURES, 'base/parameters/major-fine-org.yaml'),
        'utf8',
      ).replace('100000', '100001'),
    });
    expect(bundlePack(validatePackDir(join(dir, 'base')).pack).hash).not.toBe(original.hash);
  });

  it('load back into the same resolved pack, which validates clean', () => {
    const { pack } = validatePackDir(join(FIXTURES, 'region'));
    const { text, hash } = bundlePack(pack);
    const read = readBundle(text);
    if (!read.ok) throw new Error(read.error.message.en);
    expect(read.hash).toBe(hash);
    expect(read.pack.manifest).toEqual(pack.manifest);
    expect(read.pack.layers).toEqual(pack.layers);
    expect(read.pack.removed).toEqual(pack.removed);
    for (const kind of Object.keys(pack.items) as (keyof typeof pack.items)[]) {
      expect([...read.pack.items[kind].entries()]).toEqual([...pack.items[kind].entries()]);
      expect([...read.pack.origins[kind].entries()]).toEqual([...pack.origins[kind].entries()]);
    }
    expect(validateResolvedPack(read.pack)).toEqual([]);
    expect(bundlePack(read.pack).text).toBe(text);
  });

  it('refuse altered, foreign and malformed files with a clear reason', () => {
    const { text } = bundlePack(validatePackDir(join(FIXTURES, 'base')).pack);
    const altered = readBundle(text.replace('100000', '1'));
    expect(altered.ok).toBe(false);
    if (!altered.ok) {
      expect(altered.error.code).toBe('bundle.hash');
      expect(altered.error.message.zh).toContain('哈希不符');
    }
    const foreign = readBundle('{"format":"other"}');
    expect(!foreign.ok && foreign.error.code).toBe('bundle.format');
    const broken = readBundle('{"format":');
    expect(!broken.ok && broken.error.code).toBe('bundle.json');
  });
});
