/**
 * Where a law lets one officer act (道路交通安全法第一百零七条: 交通警察可以当场作出行政处罚决定),
 * a region overrides `opening.minOfficers` of the summary procedure, and its golden opening cases
 * say so: no region of this repository does, so a scratch region on cn-national shows that the
 * format carries it — the override, the basis it cites, the base's case it replaces, its own cases.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePackDir } from '@yifa/metamodel';
import { renderPackTestReport, runPackTests } from '@yifa/rules';
import { describe, expect, it } from 'vitest';

const PACKS = dirname(fileURLToPath(import.meta.url));
const BASE_CASE = '简易程序（当场处罚）、只有一名执法人员 → 不予立案（第四十二条；法律另有规定的由地区包覆盖）';

function region(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'yifa-traffic-')), 'xx-traffic');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const MANIFEST = `id: xx-traffic
name: 道路交通管理示例包
version: 0.1.0
region: {code: '990000', name: 示例, level: province}
extends: {id: cn-national, version: ^1.0.0}
locale: zh-CN
metamodel: '2'
`;
const BASIS = `code: DLJT-107
law: 中华人民共和国道路交通安全法
level: 法律
article: 第一百零七条
versions:
  - effectiveFrom: 2004-05-01
    text: 对道路交通违法行为人予以警告、二百元以下罚款，交通警察可以当场作出行政处罚决定，并出具行政处罚决定书。
source: {status: unverified, ref: 测试用的示例包，条文未与国家法律法规数据库核对}
`;
const OVERRIDE = 'code: penalty-summary\nopening: { minOfficers: 1, basis: [XZCFF-42, DLJT-107] }\n';
const OWN_CASES = `code: opening-traffic
name: 交通警察当场处罚立案
cases:
  - name: 一名交通警察当场处罚 → 准予立案（道路交通安全法第一百零七条）
    opening: { workflow: penalty-summary }
    subject: { sectors: [transport] }
    date: 2026-06-01
    officers: [{ certificate: JJ-0001, validUntil: 2027-12-31 }]
    expect: { allowed: true }
  - name: 唯一的交通警察执法证已过期 → 不予立案
    opening: { workflow: penalty-summary }
    subject: { sectors: [transport] }
    date: 2026-06-01
    officers: [{ certificate: JJ-0001, validUntil: 2026-05-31 }]
    expect: { refused: [{ because: certificates, officer: 0, basis: DLJT-107 }, { because: officers, basis: DLJT-107 }] }
`;
/** The base's case expects two officers in the summary procedure; the region drops it by name. */
const DROP_BASE_CASE = `code: opening-national\ncases:\n  - name: ${BASE_CASE}\n    $remove: true\n`;

describe('a region whose law lets one officer act overrides opening.minOfficers', () => {
  it('passes its own opening cases once it replaces the base’s, citing its law', () => {
    const dir = region({
      'pack.yaml': MANIFEST,
      'legal-bases/DLJT-107.yaml': BASIS,
      'overrides/workflows/penalty-summary.yaml': OVERRIDE,
      'overrides/tests/opening-national.yaml': DROP_BASE_CASE,
      'tests/opening-traffic.yaml': OWN_CASES,
    });
    const report = validatePackDir(dir, { packsRoot: PACKS });
    expect(report.issues.map((i) => `${i.file} ${i.pointer} ${i.message.en}`)).toEqual([]);
    const results = runPackTests(report.pack);
    expect(results.failed, renderPackTestReport(results, 'en')).toBe(0);
    const opening = results.cases.filter((c) => c.kind === 'opening').map((c) => c.name);
    expect(opening).toContain('一名交通警察当场处罚 → 准予立案（道路交通安全法第一百零七条）');
    expect(opening).not.toContain(BASE_CASE);
    // The refusal cites the region's law as well as 第四十二条.
    const expired = results.cases.find((c) => c.name.startsWith('唯一的交通警察'));
    expect(expired?.explanation.zh.join('\n')).toContain('《中华人民共和国道路交通安全法》第一百零七条');
  });

  it('fails the base’s two-officer case while the region keeps it (the override is seen)', () => {
    const dir = region({
      'pack.yaml': MANIFEST,
      'legal-bases/DLJT-107.yaml': BASIS,
      'overrides/workflows/penalty-summary.yaml': OVERRIDE,
    });
    const results = runPackTests(validatePackDir(dir, { packsRoot: PACKS }).pack);
    const failed = results.cases.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual([BASE_CASE]);
  });
});
