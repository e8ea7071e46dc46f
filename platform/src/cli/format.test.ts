import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { describe, expect, it } from 'vitest';
import { yifa } from '../../test/cli.ts';
import { formatFailure, formatIssues } from './format.ts';

/** A copy of he-hebei (and cn-national beside it) with its manifest edited. */
function hebeiWith(edit: (manifest: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-hebei-'));
  for (const id of ['cn-national', 'he-hebei']) cpSync(join(PACKS_DIR, id), join(dir, id), { recursive: true });
  const manifest = join(dir, 'he-hebei/pack.yaml');
  writeFileSync(manifest, edit(readFileSync(manifest, 'utf8')));
  return join(dir, 'he-hebei');
}

describe('pack issue output', () => {
  it('yifa pack validate shows a missing base alone, with what to do, as one root cause', async () => {
    const pack = hebeiWith((m) => m.replace('id: cn-national', 'id: cn-nationale'));
    const run = await yifa(['pack', 'validate', pack]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes('✗'))).toHaveLength(2);
    expect(lines[0]).toBe('he-hebei/pack.yaml');
    expect(lines[1]).toMatch(/^ {2}✗ 6:\/extends {2}找不到所扩展的基础包“cn-nationale”.*--packs <目录>/);
    expect(lines[2]).toMatch(/the base pack "cn-nationale" was not found .*--packs <dir>.*\[layer\.base-not-found\]$/);
    expect(lines.at(-1)).toBe('✗ he-hebei@1.0.0：1 个根本原因，共 1 个错误 / 1 root cause, 1 error');
  });

  it('lists the errors a removal causes in base files under the removal, and counts it once', () => {
    const before = validatePackDir(hebeiWith((m) => m)).issues;
    const pack = hebeiWith((m) =>
      m.replace('remove:\n', 'remove:\n- { kind: legal-basis, code: XZCFF-63, reason: 测试 }\n'),
    );
    const issues = validatePackDir(pack).issues;
    const removed = issues.filter((i) => i.code === 'ref.removed');
    expect(removed.length).toBeGreaterThan(1);
    expect(removed.every((i) => i.pack === 'cn-national')).toBe(true);
    const text = formatIssues(issues).split('\n');
    // The removal is the line after `remove:` in the manifest.
    const line = readFileSync(join(pack, 'pack.yaml'), 'utf8').split('\n').indexOf('remove:') + 2;
    const header = text.findIndex((l) =>
      l.includes(`he-hebei 删除了执法依据“XZCFF-63”（he-hebei 的 pack.yaml 第 ${line} 行）`),
    );
    expect(header).toBeGreaterThan(-1);
    expect(text[header]).toMatch(new RegExp(`^ {2}✗ ${line}:/remove/0 {2}`));
    expect(text[header + 2]).toBe(`      随之而来 ${removed.length} 个问题 / ${removed.length} follow-on issues:`);
    expect(text[header + 3]).toMatch(/^ {6}↳ cn-national\/\S+ \d+:\/\S+ {2}引用的执法依据“XZCFF-63”已被删除/);
    const roots = (list: typeof issues) => Number(/(\d+) root/.exec(formatFailure('x', list))?.[1]);
    expect(roots(issues)).toBe(roots(before) + 1);
  });

  it('says what to change under each root cause', () => {
    const pack = hebeiWith((m) => m);
    const matter = join(pack, 'matters/130000-YJJ-CF-0002-01.yaml');
    writeFileSync(matter, `${readFileSync(matter, 'utf8')}colour: red\n`);
    const text = formatIssues(validatePackDir(pack).issues).split('\n');
    const at = text.findIndex((l) => l.includes('[schema.additionalProperties]'));
    expect(text[at - 1]).toMatch(/^ {2}✗ \d+:\/colour {2}不允许的属性“colour”/);
    expect(text[at + 1]).toBe(
      "      → 删去该属性，或改正拼写（见该类条目的字段表，§3） / remove the property, or correct its spelling (see the kind's field table, §3)",
    );
  });
});
