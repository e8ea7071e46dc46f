import { readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';
import { loadPackDir } from './load.ts';
import { loadPackFiles } from './load-files.ts';
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

describe('loadPackFiles', () => {
  /** Every file of a pack folder as path → text. */
  const textsOf = (dir: string): Record<string, string> =>
    Object.fromEntries(
      readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((d) => d.isFile())
        .map((d) => {
          const path = join(d.parentPath, d.name);
          return [path.slice(dir.length + 1), readFileSync(path, 'utf8')];
        }),
    );

  it('reads the texts of every shipped pack as loadPackDir reads its folder', () => {
    for (const id of ['cn-national', 'tj-binhai', 'he-shijiazhuang']) {
      const dir = join(REPO, 'packs', id);
      const fromDir = loadPackDir(dir);
      const fromTexts = loadPackFiles(textsOf(dir), { fallbackId: id });
      expect(fromTexts.issues).toEqual(fromDir.issues);
      expect(fromTexts.manifest).toEqual(fromDir.manifest);
      const strip = (items: typeof fromDir.items) =>
        [...items].sort((a, b) => (a.file < b.file ? -1 : 1)).map((i) => JSON.stringify(i));
      expect(strip(fromTexts.items)).toEqual(strip(fromDir.items));
      expect(fromTexts.items.length).toBeGreaterThan(20);
    }
  });

  it('reports what it cannot read, by file, and keeps the rest', () => {
    const source = loadPackFiles({
      'pack.yaml': 'id: xx-t\nname: t\nversion: 1.0.0\n',
      'roles/officer.yaml': 'code: officer\ncode: again\n',
      'roles/other.yaml': 'code: someone\n',
      'things/x.yaml': 'code: x\n',
      'overrides/roles/admin.yaml': 'name: A\n',
      'README.md': '# not read',
    });
    expect(source.issues.map((i) => `${i.pack} ${i.code} ${i.file}`)).toEqual([
      'xx-t file.duplicate-key roles/officer.yaml',
      'xx-t file.code-mismatch roles/other.yaml',
      'xx-t file.unknown-folder things',
    ]);
    expect(source.items.map((i) => `${i.kind}/${i.code} ${i.override}`)).toEqual([
      'role/admin true',
      'role/someone false',
    ]);
    expect(loadPackFiles({}).issues.map((i) => i.code)).toEqual(['manifest.missing']);
  });
});
