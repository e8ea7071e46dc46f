/**
 * Bad fixtures for hostile and broken input, rows of the bad-fixture table in
 * src/validate.test.ts. Each writes its file into the temp copy of the fixtures itself
 * (`build`), since bytes that are not UTF-8, links and FIFOs cannot be given as text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadLimits } from '../src/pack/limits.ts';
import { FIXTURES } from './fixture.ts';

/** A row of the bad-fixture table that builds its own files. */
export interface HostileRow {
  name: string;
  edits: Record<string, string | null>;
  build?: (dir: string) => void;
  limits?: Partial<LoadLimits>;
  expect: { code: string; file: string; pointer: string; line?: number; pack?: string };
}

const matter = readFileSync(join(FIXTURES, 'base/matters/M-1.yaml'), 'utf8');
const param = readFileSync(join(FIXTURES, 'base/parameters/major-fine-org.yaml'), 'utf8');
const write = (path: string, content: string | Uint8Array) => (dir: string) => writeFileSync(join(dir, path), content);
/** "未取得" in GBK: what a file saved by an editor set to GB18030 holds. */
const GBK = Uint8Array.from([0xce, 0xb4, 0xc8, 0xa1, 0xb5, 0xc3]);

/** Every refusal of the loader, one row each. */
export const HOSTILE: HostileRow[] = [
  {
    name: 'bytes that are not UTF-8 (a file saved as GBK), with the line',
    edits: {},
    build: write('base/matters/M-1.yaml', Buffer.concat([Buffer.from('code: M-1\nname: '), GBK, Buffer.from('\n')])),
    expect: { code: 'file.not-utf8', file: 'matters/M-1.yaml', pointer: '', line: 2 },
  },
  {
    name: 'a byte-order mark',
    edits: {},
    build: write('base/matters/M-1.yaml', Buffer.concat([Uint8Array.from([0xef, 0xbb, 0xbf]), Buffer.from(matter)])),
    expect: { code: 'file.bom', file: 'matters/M-1.yaml', pointer: '' },
  },
  {
    name: 'a UTF-16 file',
    edits: {},
    build: write('base/matters/M-1.yaml', Buffer.from(`\ufeff${matter}`, 'utf16le')),
    expect: { code: 'file.utf16', file: 'matters/M-1.yaml', pointer: '' },
  },
  {
    name: 'a file over 1 MiB, refused before it is read',
    edits: { 'base/matters/M-1.yaml': `${matter}notes: "${'长'.repeat(400_000)}"\n` },
    expect: { code: 'file.too-large', file: 'matters/M-1.yaml', pointer: '' },
  },
  {
    name: 'a symbolic link out of the pack folder',
    edits: { 'outside/M-9.yaml': matter.replace('code: M-1', 'code: M-9') },
    build: (dir) => symlinkSync(join(dir, 'outside/M-9.yaml'), join(dir, 'base/matters/M-9.yaml')),
    expect: { code: 'file.symlink-outside', file: 'matters/M-9.yaml', pointer: '' },
  },
  {
    name: 'a folder linked from outside the pack',
    edits: { 'outside/roles/x.yaml': 'code: x\nname: x\nscope: own\npermissions: []\n' },
    build: (dir) => symlinkSync(join(dir, 'outside/roles'), join(dir, 'base/overrides')),
    expect: { code: 'file.symlink-outside', file: 'overrides', pointer: '' },
  },
  {
    name: 'a dangling link',
    edits: {},
    build: (dir) => symlinkSync(join(dir, 'base/matters/nowhere.yaml'), join(dir, 'base/matters/M-9.yaml')),
    expect: { code: 'file.unreadable', file: 'matters/M-9.yaml', pointer: '' },
  },
  {
    name: 'a FIFO named like an item (never opened, so nothing hangs)',
    edits: {},
    build: (dir) => execFileSync('mkfifo', [join(dir, 'base/matters/M-9.yaml')]),
    expect: { code: 'file.special', file: 'matters/M-9.yaml', pointer: '' },
  },
  {
    name: 'a duplicate key, with its line',
    edits: { 'base/matters/M-1.yaml': `${matter}workflow: other\n` },
    expect: { code: 'file.duplicate-key', file: 'matters/M-1.yaml', pointer: '', line: 13 },
  },
  {
    name: 'a JavaScript function tag',
    edits: { 'base/matters/M-1.yaml': matter.replace('category: enforcement', 'category: !!js/function "() => 1"') },
    expect: { code: 'file.yaml-tag', file: 'matters/M-1.yaml', pointer: '', line: 3 },
  },
  {
    name: 'a custom tag',
    edits: { 'base/matters/M-1.yaml': matter.replace('facts:', 'facts: !include other.yaml\nx:') },
    expect: { code: 'file.yaml-tag', file: 'matters/M-1.yaml', pointer: '', line: 9 },
  },
  {
    name: 'nesting deeper than 64 levels',
    edits: { 'base/matters/M-1.yaml': `${matter}notes: ${'['.repeat(70)}${']'.repeat(70)}\n` },
    expect: { code: 'file.too-deep', file: 'matters/M-1.yaml', pointer: '', line: 13 },
  },
  {
    name: 'more than 100 aliases',
    edits: { 'base/matters/M-1.yaml': `${matter}a: &a x\nb: [${Array(101).fill('*a').join(', ')}]\n` },
    expect: { code: 'file.yaml-alias', file: 'matters/M-1.yaml', pointer: '', line: 14 },
  },
  {
    name: 'aliases that expand past the size of the file (billion laughs)',
    edits: {
      'base/matters/M-1.yaml': `${matter}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${[
        1, 2, 3, 4, 5, 6, 7, 8,
      ]
        .map(
          (n) =>
            `l${n}: &l${n} [${Array(9)
              .fill(`*l${n - 1}`)
              .join(', ')}]`,
        )
        .join('\n')}\n`,
    },
    expect: { code: 'file.alias-expansion', file: 'matters/M-1.yaml', pointer: '' },
  },
  {
    name: 'an integer beyond 2^53, at its pointer and line',
    edits: { 'base/parameters/major-fine-org.yaml': param.replace('value: 100000', 'value: 99999999999999999999') },
    expect: { code: 'file.number-range', file: 'parameters/major-fine-org.yaml', pointer: '/value', line: 4 },
  },
  {
    name: 'a number too large for a double',
    edits: { 'base/parameters/major-fine-org.yaml': param.replace('value: 100000', 'value: 1e400') },
    expect: { code: 'file.number-range', file: 'parameters/major-fine-org.yaml', pointer: '/value', line: 4 },
  },
  {
    name: 'more files than the limit (the pack is refused whole)',
    edits: {},
    limits: { maxFiles: 10 },
    expect: { code: 'pack.too-many-files', file: '', pointer: '' },
  },
  {
    name: 'more bytes than the limit (the pack is refused whole)',
    edits: {},
    limits: { maxPackBytes: 2_000 },
    expect: { code: 'pack.too-large', file: '', pointer: '' },
  },
];
