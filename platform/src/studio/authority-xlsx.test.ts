import { join } from 'node:path';
import { type AuthorityItem, loadPackChain, type ResolvedPack, resolveLayers } from '@yifa/metamodel';
import { PACKS_DIR, packFolders } from '@yifa/packs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleKey, basisIndex, lawKey, resolveBasis } from './authority-basis.ts';
import { type AuthorityPlan, type PlanRow, planAuthorityImport } from './authority-plan.ts';
import { readAuthoritySheet, SHEET_NAME, writeAuthoritySheet } from './authority-xlsx.ts';

const resolved = (dir: string): ResolvedPack => resolveLayers(loadPackChain(dir).chain).pack;

/** An .xlsx built with exceljs: optional title rows, then the header row, then the rows. */
async function workbook(headers: string[], rows: (string | number | null)[][], title: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const t of title) ws.addRow([t]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function plan(pack: ResolvedPack, headers: string[], rows: (string | number | null)[][], title: string[] = []) {
  const sheet = await readAuthoritySheet(await workbook(headers, rows, title));
  if (!sheet.ok) throw new Error(JSON.stringify(sheet.error));
  return planAuthorityImport(sheet.value, pack);
}

const rowAt = (p: AuthorityPlan, n: number) => p.rows.find((r) => r.row === n) as PlanRow;
const issuesOf = (r: PlanRow) => (r.action === 'reject' ? r.issues : []);

const HEADERS = ['事项编码', '事项名称', '职权类别', '实施主体', '执法领域', '设定依据', '追责情形'];
let binhai: ResolvedPack;

beforeAll(() => {
  binhai = resolved(join(PACKS_DIR, 'tj-binhai'));
});

describe('legal-basis citations', () => {
  it('reads articles in Chinese and Arabic numerals, with 款 and 项, and law titles with or without 中华人民共和国', () => {
    expect(articleKey('第一百二十二条第一款')).toBe('122/1/');
    expect(articleKey('第122条第1款')).toBe('122/1/');
    expect(articleKey('第九十七条第（三）项')).toBe('97//3');
    expect(articleKey('第97条第(3)项')).toBe('97//3');
    expect(articleKey('第１２２条')).toBe('122//');
    expect(articleKey('总则')).toBeUndefined();
    expect(lawKey('《中华人民共和国食品安全法（2021年修正）》')).toBe(lawKey('食品安全法'));
  });

  it('resolves codes and citations to the pack’s legal bases, one law with several articles, and says what it cannot', () => {
    const index = basisIndex(binhai);
    expect(resolveBasis('《食品安全法》第122条第1款', index)).toEqual({ codes: ['SPAQF-122-1'], problems: [] });
    const several = resolveBasis('《中华人民共和国行政处罚法》第七十六条、第八十三条；XZCFF-74', index);
    expect(several.codes).toEqual(['XZCFF-76', 'XZCFF-83', 'XZCFF-74']);
    const near = resolveBasis('《食品安全法》第一百二十二条', index);
    expect(near.codes).toEqual([]);
    expect(near.problems[0]?.message.zh).toContain('第一百二十二条第一款（SPAQF-122-1）');
    const unknown = resolveBasis('《不存在的条例》第一条\nNO-SUCH-BASIS', index);
    expect(unknown.problems.map((p) => p.text)).toEqual(['《不存在的条例》第一条', 'NO-SUCH-BASIS']);
    expect(unknown.problems[0]?.message.en).toContain('not among the pack');
  });
});

describe('readAuthoritySheet', () => {
  it('finds the header row below a title, in any order, with spaces, full-width brackets and marks in the headers', async () => {
    const bytes = await workbook(
      [
        '序号',
        ' 设定依据 ',
        '*事项编码',
        '事项\n名称',
        '职权类别（行政处罚/行政许可）',
        '实施主体',
        '追责情形',
        '子项',
      ],
      [[1, 'SPAQF-122-1', 'X-1', '名称', '行政处罚', '区政府工作部门类', '', '']],
      ['滨海新区权责清单（2026年版）', '公布日期：2026-01-01'],
    );
    const sheet = await readAuthoritySheet(bytes);
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(sheet.value.headerRow).toBe(3);
    expect(sheet.value.columns.map((c) => `${c.key}:${c.letter}`)).toEqual([
      'setting:B',
      'code:C',
      'name:D',
      'powerType:E',
      'subjects:F',
      'accountability:G',
    ]);
    expect(sheet.value.unstored.map((u) => u.header)).toEqual(['序号', '子项']);
    expect(sheet.value.rows).toEqual([
      {
        row: 4,
        cells: {
          setting: 'SPAQF-122-1',
          code: 'X-1',
          name: '名称',
          powerType: '行政处罚',
          subjects: '区政府工作部门类',
        },
      },
    ]);
  });

  it('refuses a sheet without a required column, naming it in both languages, and a file that is not .xlsx', async () => {
    const missing = await readAuthoritySheet(
      await workbook(['事项编码', '事项名称', '职权类别', '实施主体', '追责情形'], []),
    );
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.error.code).toBe('missing-header');
    expect(missing.error.params.missing).toEqual(['设定依据']);
    expect(missing.error.message.zh).toContain('缺少列：设定依据');
    expect(missing.error.message.en).toContain('设定依据 (Setting basis)');
    const twice = await readAuthoritySheet(await workbook([...HEADERS, '职权编码'], []));
    expect(twice.ok || twice.error.code).toBe('duplicate-header');
    const junk = await readAuthoritySheet(new TextEncoder().encode('事项编码,事项名称\n'));
    expect(junk.ok || junk.error.code).toBe('not-xlsx');
    const empty = await readAuthoritySheet(await workbook(['名称', '金额'], [['a', 1]]));
    expect(empty.ok || empty.error.code).toBe('no-sheet');
  });
});

describe('planAuthorityImport', () => {
  it('adds a new item, resolving names, an organisation and citations; changes an item field by field; leaves an identical one', async () => {
    const existing = binhai.items['authority-item'].get('120116-SCJ-CF-0001') as AuthorityItem;
    const full = [...HEADERS, '实施依据', '责任事项', '办理时限', '法制审核', '第一责任层级'];
    const p = await plan(binhai, full, [
      [
        '120116-SCJ-CF-9001',
        '对新事项的处罚',
        '行政处罚',
        '天津市滨海新区市场监督管理局',
        '',
        '《食品安全法》第122条第1款',
        '1. 不依法履行职责的【依据：《中华人民共和国行政处罚法》第七十六条】\n2. 滥用职权的',
        '',
        '立案：十五个工作日内决定是否立案\n调查：两名以上执法人员',
        '自立案之日起九十日',
        '是',
        '区级',
      ],
      [
        existing.code,
        '改过的名称',
        'CF',
        '区政府工作部门类、开发区类',
        '市场监管',
        'SPAQF-122-1',
        '对应当予以制止和处罚的违法行为不予制止、处罚的【依据：XZCFF-83】',
        '',
        '',
        '',
        '否',
        '',
      ],
    ]);
    const added = rowAt(p, 2);
    expect(added.action).toBe('add');
    if (added.action !== 'add') return;
    expect(added.value).toEqual({
      code: '120116-SCJ-CF-9001',
      name: '对新事项的处罚',
      powerType: 'CF',
      subjectTypes: ['district-department'],
      sectors: ['market-regulation'],
      responsibleLevel: '区级',
      basis: { setting: ['SPAQF-122-1'] },
      responsibilities: [
        { stage: '立案', text: '十五个工作日内决定是否立案' },
        { stage: '调查', text: '两名以上执法人员' },
      ],
      accountability: [{ text: '不依法履行职责的', basis: ['XZCFF-76'] }, { text: '滥用职权的' }],
      timeLimit: { days: 90, kind: 'calendar', from: '立案' },
      legalReview: true,
    });
    const changed = rowAt(p, 3);
    expect(changed.action).toBe('change');
    if (changed.action !== 'change') return;
    const byField = Object.fromEntries(changed.changes.map((c) => [c.field, c]));
    expect(byField.name).toEqual({ field: 'name', column: 'name', before: existing.name, after: '改过的名称' });
    expect(byField.legalReview).toEqual({ field: 'legalReview', column: 'legalReview', before: true, after: false });
    expect(byField['basis.implementing']).toMatchObject({ column: 'implementing', before: ['SPAQF-122-1'] });
    expect(byField['basis.implementing']?.after).toBeUndefined();
    expect(byField.subjectTypes).toBeUndefined();
    expect(byField.source).toBeUndefined();
    expect(changed.value.source).toEqual(existing.source);
    expect(p.counts).toEqual({ add: 1, change: 1, unchanged: 0, reject: 0 });
  });

  it('keeps the fields of columns the sheet lacks, and reports an unchanged row as unchanged', async () => {
    const existing = binhai.items['authority-item'].get('120116-SCJ-CF-0002') as AuthorityItem;
    const p = await plan(
      binhai,
      ['事项编码', '事项名称', '职权类别', '实施主体', '设定依据', '追责情形'],
      [
        [
          existing.code,
          `${existing.name}（修订）`,
          '行政处罚',
          '区政府工作部门类',
          existing.basis.setting.join('\n'),
          (existing.accountability ?? [])
            .map((a) => `${a.text}${a.basis ? `【依据：${a.basis.join('、')}】` : ''}`)
            .join('\n'),
        ],
      ],
    );
    const r = rowAt(p, 2);
    expect(r.action).toBe('change');
    if (r.action !== 'change') return;
    expect(r.changes.map((c) => c.field).sort()).toEqual(['name', 'subjectTypes']);
    expect(r.value.responsibilities).toEqual(existing.responsibilities);
    expect(r.value.sectors).toEqual(existing.sectors);
    expect(r.value.basis.implementing).toEqual(existing.basis.implementing);
    expect(r.value.timeLimit).toEqual(existing.timeLimit);
  });

  it('rejects bad rows with the reason per row and column, in both languages', async () => {
    const good = ['区政府工作部门类', '市场监管', 'SPAQF-122-1', '不依法履行职责的'];
    const p = await plan(binhai, HEADERS, [
      ['A-1', '未知类别', '行政监察', ...good],
      ['A-2', '未知主体', '行政处罚', '天津市不存在局', '市场监管', 'SPAQF-122-1', ''],
      ['A-3', '重复一', '行政处罚', ...good],
      ['A-3', '重复二', '行政处罚', ...good],
      ['', '没有编码', '行政处罚', ...good],
      ['A-4', '依据不存在', '行政处罚', '区政府工作部门类', '市场监管', '《食品安全法》第一百二十二条', ''],
      ['A-5', '名'.repeat(201), '行政处罚', ...good],
      ['A-6', '未知领域', '行政处罚', '区政府工作部门类', '火星管理', 'SPAQF-122-1', ''],
      ['A 7', '编码有空格', '行政处罚', ...good],
      ['A-8', '', '', '区政府工作部门类', '', '', ''],
    ]);
    const reasons = (n: number) => issuesOf(rowAt(p, n)).map((i) => `${i.code}@${i.header}`);
    expect(reasons(2)).toEqual(['unknown-category@职权类别']);
    expect(issuesOf(rowAt(p, 2))[0]?.message.zh).toContain('行政监察');
    expect(issuesOf(rowAt(p, 2))[0]?.message.en).toContain('Administrative penalty');
    expect(reasons(3)).toEqual(['unknown-subject@实施主体']);
    expect(issuesOf(rowAt(p, 3))[0]?.value).toBe('天津市不存在局');
    expect(reasons(4)).toEqual(['duplicate-code@事项编码']);
    expect(issuesOf(rowAt(p, 4))[0]?.message.zh).toContain('第5行');
    expect(reasons(5)).toEqual(['duplicate-code@事项编码']);
    expect(reasons(6)).toEqual(['empty-code@事项编码']);
    expect(reasons(7)).toEqual(['basis-not-found@设定依据']);
    expect(issuesOf(rowAt(p, 7))[0]?.message.en).toContain('SPAQF-122-1');
    expect(reasons(8)).toEqual(['schema@事项名称']);
    expect(reasons(9)).toEqual(['unknown-sector@执法领域']);
    expect(reasons(10)).toEqual(['schema@事项编码']);
    expect(reasons(11)).toEqual(['empty@事项名称', 'empty@职权类别', 'no-sector@执法领域', 'empty@设定依据']);
    expect(p.counts).toEqual({ add: 0, change: 0, unchanged: 0, reject: 10 });
    for (const r of p.rows) for (const i of issuesOf(r)) expect(i.message.zh && i.message.en).toBeTruthy();
  });

  it('rejects unreadable 办理时限, 法制审核 and 责任事项 cells, naming the form to write', async () => {
    const p = await plan(
      binhai,
      [...HEADERS, '办理时限', '法制审核', '责任事项'],
      [
        [
          'B-1',
          '名称',
          '行政处罚',
          '区政府工作部门类',
          '市场监管',
          'SPAQF-122-1',
          '',
          '很快',
          '也许',
          '没有阶段的一行',
        ],
      ],
    );
    const issues = issuesOf(rowAt(p, 2));
    expect(issues.map((i) => i.column)).toEqual(['responsibilities', 'timeLimit', 'legalReview']);
    expect(issues[1]?.message.zh).toContain('自立案之日起90日');
  });
});

describe('writeAuthoritySheet', () => {
  it('writes a styled sheet: bold header row, frozen, with widths', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeAuthoritySheet(binhai)) as never);
    const ws = wb.getWorksheet(SHEET_NAME) as ExcelJS.Worksheet;
    expect(ws.getRow(1).getCell(1).value).toBe('事项编码');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.rowCount).toBe(1 + binhai.items['authority-item'].size);
  });

  it.each(packFolders().map((f) => [f.id, f.dir]))(
    'reads back what it wrote for %s: every row unchanged',
    async (_id, dir) => {
      const pack = resolved(dir);
      const sheet = await readAuthoritySheet(await writeAuthoritySheet(pack));
      expect(sheet.ok).toBe(true);
      if (!sheet.ok) return;
      const p = planAuthorityImport(sheet.value, pack);
      expect(p.rows.filter((r) => r.action !== 'unchanged')).toEqual([]);
      expect(p.counts.unchanged).toBe(pack.items['authority-item'].size);
    },
  );
});
