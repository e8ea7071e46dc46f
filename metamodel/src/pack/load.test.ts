import { readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';
import { loadPackDir } from './load.ts';
import { parsePackFile } from './parse-file.ts';
import { decodeUtf8, firstInvalidUtf8 } from './read-file.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function packFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ya?ml|json)$/.test(d.name) && !d.parentPath.includes('node_modules'))
    .map((d) => join(d.parentPath, d.name));
}

describe('loadPackDir', () => {
  it('follows a link that stays inside the pack', () => {
    const dir = fixtureWith({});
    renameSync(join(dir, 'base/matters/M-1.yaml'), join(dir, 'base/M-1.source.yaml'));
    symlinkSync('../M-1.source.yaml', join(dir, 'base/matters/M-1.yaml'));
    const report = validatePackDir(join(dir, 'base'));
    expect(report.issues).toEqual([]);
    expect(report.pack.items.matter.get('M-1')?.workflow).toBe('penalty');
  });

  it('refuses a pack over a limit whole: one issue, no item', () => {
    const source = loadPackDir(join(FIXTURES, 'base'), { limits: { maxFiles: 10 } });
    expect(source.refused).toBe(true);
    expect(source.items).toEqual([]);
    const report = validatePackDir(join(FIXTURES, 'base'), { limits: { maxFiles: 10 } });
    expect(report.issues.map((i) => `${i.pack} ${i.code}`)).toEqual(['xx-base pack.too-many-files']);
  });

  it('keeps reading the rest of the pack after refusing one file', () => {
    const dir = fixtureWith({ 'base/roles/officer.yaml': 'code: officer\ncode: again\n' });
    const source = loadPackDir(join(dir, 'base'));
    expect(source.issues.map((i) => `${i.code} ${i.file}`)).toEqual(['file.duplicate-key roles/officer.yaml']);
    expect(source.items.some((i) => i.code === 'M-1')).toBe(true);
    expect(source.items.some((i) => i.file === 'roles/officer.yaml')).toBe(false);
  });
});

describe('parsePackFile', () => {
  it('gives the same data as the yaml library for every file of the shipped packs and fixtures', () => {
    const files = [...packFiles(join(REPO, 'packs')), ...packFiles(FIXTURES)];
    expect(files.length).toBeGreaterThan(500);
    const differ = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      const parsed = parsePackFile(text);
      return !parsed.ok || !isDeepStrictEqual(parsed.data, parse(text, { uniqueKeys: true }));
    });
    expect(differ).toEqual([]);
  });

  it('finds lines only when asked, and then the right ones', () => {
    const parsed = parsePackFile('code: x\nwhen:\n  all:\n    - { fact: a, operator: equal, value: 1 }\n');
    if (!parsed.ok) throw new Error(parsed.issue);
    expect(parsed.lineOf('/when/all/0/value')).toBe(4);
    expect(parsed.lineOf('/when/missing')).toBe(3); // the deepest node the pointer reaches
  });

  it('keeps safe numbers and refuses the others', () => {
    const ok = parsePackFile('a: 9007199254740991\nb: -9007199254740991\nc: 0.1\nd: 1e3\ne: 0x1F\n');
    expect(ok.ok && ok.data).toEqual({ a: 9007199254740991, b: -9007199254740991, c: 0.1, d: 1000, e: 31 });
    for (const text of ['9007199254740993', '-1e400', '.inf', '.nan', '!!int 99999999999999999999', '1.5e300']) {
      const bad = parsePackFile(`v: ${text}\n`);
      expect(bad.ok ? 'accepted' : bad.issue, text).toBe('file.number-range');
    }
  });
});

describe('decodeUtf8', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('accepts UTF-8 and finds the first byte of an ill-formed sequence', () => {
    expect(decodeUtf8(new TextEncoder().encode('行政处罚 ok\n'))).toMatchObject({ ok: true, text: '行政处罚 ok\n' });
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1); // overlong
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xed, 0xa0, 0x80))).toBe(2); // surrogate
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8(bytes(0x61, 0xe8, 0xa1))).toBe(1); // truncated
    expect(firstInvalidUtf8(bytes(0xe8, 0xa1, 0x8c, 0x80))).toBe(3); // stray continuation
  });
  it('names the line of the first bad byte', () => {
    expect(decodeUtf8(bytes(0x61, 0x0a, 0x62, 0x0a, 0xff))).toMatchObject({
      ok: false,
      issue: 'file.not-utf8',
      line: 3,
    });
  });
});
