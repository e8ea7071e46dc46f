import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureWith } from '../../test/fixture.ts';
import { validatePackDir } from '../validate-dir.ts';

/** A good reporting format over the fixture's penalty decision. */
const GOOD = `code: fmt
name: 测试格式
standard: 测试
records: { document: penalty-decision, workflows: [penalty], states: [decision, closed] }
columns:
  - { code: MC, name: 名称, type: string, source: party.name, required: true, maxLength: 200 }
  - { code: LB, name: 类别, type: string, source: party.kind, map: { person: 自然人, organisation: 法人 } }
  - { code: FK, name: 罚款, type: number, source: "field:fine", unit: 万元 }
  - { code: GD, name: 固定, type: string, value: 本地 }
source: { status: unverified }
`;

function issuesOf(text: string) {
  const dir = fixtureWith({ 'base/report-formats/fmt.yaml': text });
  return validatePackDir(join(dir, 'base')).issues.filter((i) => i.file === 'report-formats/fmt.yaml');
}

describe('reporting formats at pack load', () => {
  it('accepts a well-formed format', () => {
    expect(issuesOf(GOOD)).toEqual([]);
  });

  it.each([
    [
      'a field the record document lacks',
      GOOD.replace('"field:fine"', '"field:fines"'),
      'report-format.unknown-field',
      '/columns/2/source',
      '列“FK”的来源 field:fines 不是文书“penalty-decision”的字段',
    ],
    [
      'a source outside the vocabulary',
      GOOD.replace('source: party.name', 'source: party.phone'),
      'schema.pattern',
      '/columns/0/source',
      undefined,
    ],
    [
      'neither source nor value',
      GOOD.replace(', value: 本地', ''),
      'report-format.source-or-value',
      '/columns/3',
      '列“GD”须写 source（数据来源）或 value（固定值）之一，且只写一个',
    ],
    [
      'a unit on a text column',
      GOOD.replace('source: party.name,', 'source: party.name, unit: 元,'),
      'report-format.unit-not-number',
      '/columns/0/unit',
      undefined,
    ],
    [
      'a duplicate column code',
      GOOD.replace('code: LB', 'code: MC'),
      'report-format.column-duplicate',
      '/columns/1/code',
      undefined,
    ],
    [
      'an unknown document',
      GOOD.replace('document: penalty-decision', 'document: nope'),
      'ref.unresolved',
      '/records/document',
      undefined,
    ],
    [
      'an unknown workflow',
      GOOD.replace('workflows: [penalty]', 'workflows: [nope]'),
      'ref.unresolved',
      '/records/workflows/0',
      undefined,
    ],
    [
      'a state of no workflow listed',
      GOOD.replace('closed]', 'archived]'),
      'report-format.unknown-state',
      '/records/states/1',
      undefined,
    ],
  ])('refuses %s with the item, the place and a message', (_name, text, code, pointer, zh) => {
    const issues = issuesOf(text);
    const hit = issues.find((i) => i.code === code);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit?.severity).toBe('error');
    expect(hit?.pointer).toBe(pointer);
    expect(hit?.message.en.length).toBeGreaterThan(0);
    if (zh) expect(hit?.message.zh).toBe(zh);
  });

  it('refuses a document that is never issued', () => {
    const text = GOOD.replace('document: penalty-decision', 'document: notice');
    const dir2 = fixtureWith({
      'base/report-formats/fmt.yaml': text,
      'base/documents/notice.yaml': `code: notice
name: 通知
issued: false
fields:
  - { name: partyName, title: 当事人, type: string }
print: { paper: A4, title: 通知, blocks: [{ kind: text, text: "{partyName}" }] }
`,
    });
    const issues = validatePackDir(join(dir2, 'base')).issues.filter((i) => i.file === 'report-formats/fmt.yaml');
    expect(issues.map((i) => `${i.code} ${i.pointer}`)).toContain(
      'report-format.document-not-issued /records/document',
    );
  });
});
