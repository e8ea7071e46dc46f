import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DocumentForm, type Field, validatePackDir } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { printHtml } from './html.ts';
import { formatDocumentNumber } from './numbering.ts';
import { chineseDate, layoutDocument, signerLabel } from './print.ts';

const form: DocumentForm = {
  code: 'penalty-decision',
  name: '行政处罚决定书',
  issued: true,
  fields: [
    { name: 'partyName', title: '当事人', type: 'string', required: true },
    { name: 'fine', title: '罚款金额', type: 'number', unit: '元' },
    { name: 'basis', title: '处罚依据', type: 'legal-basis' },
    {
      name: 'items',
      title: '没收物品',
      type: 'table',
      columns: [
        { name: 'item', title: '名称', type: 'string' },
        { name: 'qty', title: '数量', type: 'integer' },
      ],
    },
    { name: 'decidedAt', title: '决定日期', type: 'date' },
  ],
  numbering: { pattern: '{orgPrefix}罚〔{year}〕{seq:4}号' },
  print: {
    paper: 'A4',
    title: '行政处罚决定书',
    blocks: [
      { kind: 'number' },
      { kind: 'text', text: '当事人：{partyName}' },
      { kind: 'field', field: 'fine' },
      { kind: 'field', field: 'basis' },
      { kind: 'table', field: 'items' },
      { kind: 'seal', dateField: 'decidedAt' },
    ],
  },
};

describe('document numbers', () => {
  it('fill the pattern, padding the sequence', () => {
    expect(
      formatDocumentNumber('{orgPrefix}罚〔{year}〕{seq:4}号', {
        orgPrefix: '津滨市监',
        orgShort: '滨海市监',
        year: 2026,
        seq: 42,
      }),
    ).toBe('津滨市监罚〔2026〕0042号');
    expect(
      formatDocumentNumber('{orgShort}检字第{seq}号', { orgPrefix: '', orgShort: '滨海应急', year: 2026, seq: 7 }),
    ).toBe('滨海应急检字第7号');
  });
});

describe('print layout', () => {
  const data = {
    partyName: '天津某某餐饮有限公司 <script>alert(1)</script>',
    fine: 65000,
    basis: ['SPAQF-122-1'],
    items: [{ item: '过期食品', qty: 12 }],
    decidedAt: '2026-03-15',
  };
  const doc = layoutDocument(form, data, {
    number: '津滨市监罚〔2026〕0042号',
    orgName: '天津市滨海新区市场监督管理局',
    date: '2026-03-16',
    citeBasis: (c) => (c === 'SPAQF-122-1' ? '《中华人民共和国食品安全法》第一百二十二条第一款' : c),
  });

  it('fills fields, tokens, tables and the seal date', () => {
    expect(doc.items).toEqual([
      { kind: 'number', text: '津滨市监罚〔2026〕0042号' },
      { kind: 'text', text: '当事人：天津某某餐饮有限公司 <script>alert(1)</script>', align: 'left' },
      { kind: 'field', label: '罚款金额', value: '65,000元' },
      { kind: 'field', label: '处罚依据', value: '《中华人民共和国食品安全法》第一百二十二条第一款' },
      { kind: 'table', label: '没收物品', columns: ['名称', '数量'], rows: [['过期食品', '12']] },
      { kind: 'seal', org: '天津市滨海新区市场监督管理局', date: '2026年3月15日' },
    ]);
  });

  it('renders HTML with every value escaped', () => {
    const html = printHtml(doc);
    expect(html).toContain('津滨市监罚〔2026〕0042号');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('@page { size: A4');
  });

  it('takes citations from a context stored as JSON (no function)', () => {
    const stored = JSON.parse(
      JSON.stringify({
        orgName: '天津市滨海新区市场监督管理局',
        date: '2026-03-16',
        citations: { 'SPAQF-122-1': '《中华人民共和国食品安全法》第一百二十二条第一款' },
      }),
    );
    expect(layoutDocument(form, data, stored)).toEqual({
      ...doc,
      items: [{ kind: 'number', text: '（未编号）' }, ...doc.items.slice(1)],
    });
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-03-01')).toBe('2026年3月1日');
  });
});

describe('nothing empty prints, everything filled prints', () => {
  const approval: DocumentForm = {
    code: 'case-filing-approval',
    name: '立案审批表',
    issued: false,
    fields: [
      { name: 'partyName', title: '当事人', type: 'string' },
      { name: 'partyIdNumber', title: '统一社会信用代码', type: 'string' },
      { name: 'paymentMethod', title: '履行方式', type: 'text' },
      { name: 'paymentAccount', title: '缴款账户', type: 'string' },
      { name: 'hearingSummary', title: '听证情况', type: 'text' },
      { name: 'explanation', title: '裁量基准适用情况', type: 'text' },
      {
        name: 'evidence',
        title: '证据',
        type: 'table',
        columns: [{ name: 'name', title: '证据名称', type: 'string' }],
      },
      { name: 'officerSignature', title: '承办人签名', type: 'signature' },
      { name: 'agencySignature', title: '机关负责人签名', type: 'signature' },
      { name: 'approvedAt', title: '审批日期', type: 'date' },
    ],
    print: {
      paper: 'A4',
      title: '立案审批表',
      blocks: [
        { kind: 'field', label: '当事人', field: 'partyName' },
        { kind: 'field', label: '统一社会信用代码', field: 'partyIdNumber' },
        { kind: 'text', text: '{hearingSummary}' },
        { kind: 'table', field: 'evidence' },
        { kind: 'text', text: '{paymentMethod}[缴款账户：{paymentAccount}。]到期不缴纳的，依法加处罚款。' },
        { kind: 'text', text: '裁量基准适用情况如下：{explanation}。' },
        { kind: 'signatures', signers: ['承办人'], dateField: 'approvedAt' },
        { kind: 'signatures', signers: ['机关负责人'] },
      ],
    },
  };
  const ctx = { orgName: '天津市滨海新区市场监督管理局', date: '2026-03-16' };

  it('leaves out empty fields, tables, paragraphs and optional segments; keeps one full stop', () => {
    const doc = layoutDocument(
      approval,
      {
        partyName: '天津某某餐饮有限公司',
        partyIdNumber: '',
        paymentMethod: '当事人应当自收到本决定书之日起十五日内缴纳罚款。',
        evidence: [],
        explanation: '当事人积极配合调查并主动提供证据材料，依法从轻处罚。',
      },
      ctx,
    );
    expect(doc.items.filter((i) => i.kind !== 'signatures')).toEqual([
      { kind: 'field', label: '当事人', value: '天津某某餐饮有限公司' },
      {
        kind: 'text',
        text: '当事人应当自收到本决定书之日起十五日内缴纳罚款。到期不缴纳的，依法加处罚款。',
        align: 'left',
      },
      {
        kind: 'text',
        text: '裁量基准适用情况如下：当事人积极配合调查并主动提供证据材料，依法从轻处罚。',
        align: 'left',
      },
    ]);
    expect(JSON.stringify(doc)).not.toMatch(/：。|。。/);
  });

  it('prints the optional segment when its value is there', () => {
    const doc = layoutDocument(approval, { paymentMethod: '十五日内缴纳。', paymentAccount: '6222 0200 1234' }, ctx);
    expect(doc.items).toContainEqual({
      kind: 'text',
      text: '十五日内缴纳。缴款账户：6222 0200 1234。到期不缴纳的，依法加处罚款。',
      align: 'left',
    });
  });

  it('prints each signer’s name from the signature field titled 「<signer>签名」, and the date', () => {
    const doc = layoutDocument(approval, { officerSignature: '李明', approvedAt: '2026-03-01' }, ctx);
    expect(doc.items.filter((i) => i.kind === 'signatures')).toEqual([
      { kind: 'signatures', signers: [{ role: '承办人', name: '李明', date: '2026年3月1日' }] },
      { kind: 'signatures', signers: [{ role: '机关负责人', name: '', date: '' }] },
    ]);
    const html = printHtml(doc);
    expect(html).toContain('承办人（签名）：<span class="name">李明</span>　　2026年3月1日');
    // A signer that says how it signs keeps its own words: 当事人签收, not 当事人签收（签名）.
    expect(signerLabel('当事人签收')).toBe('当事人签收');
    expect(signerLabel('当事人（签名或盖章）')).toBe('当事人（签名或盖章）');
    // Unsigned: a blank to sign by hand, and a date to write; signed without a date field: no date.
    expect(html).toContain('机关负责人（签名）：<span class="name"></span>　　年　　月　　日');
  });

  it('sets the page as GB/T 9704 does, in serif CJK fonts only', () => {
    const html = printHtml(layoutDocument(approval, {}, ctx));
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain(
      '"仿宋_GB2312", "FangSong_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif',
    );
    expect(html).toContain('font-size: 16pt');
    expect(html).toContain('.doc { width: 156mm;');
    expect(html).not.toMatch(/Sans|SimHei|黑体|sans-serif/);
    expect(html).toContain('overflow-wrap: anywhere');
  });
});

describe('every form of every pack, with only its required fields filled', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../../packs');
  const packs = readdirSync(root).filter((d) => existsSync(join(root, d, 'pack.yaml')));
  const dummy = (f: Field): unknown => {
    switch (f.type) {
      case 'date':
        return '2026-03-01';
      case 'datetime':
        return '2026-03-01T09:00:00+08:00';
      case 'number':
      case 'integer':
        return 1;
      case 'boolean':
        return true;
      case 'multi-enum':
      case 'legal-basis':
        return [f.options?.[0] ?? '甲'];
      case 'table':
        return [Object.fromEntries((f.columns ?? []).map((c) => [c.name, '甲']))];
      case 'enum':
        return f.options?.[0] ?? '甲';
      default:
        return '甲';
    }
  };

  it.each(packs)('%s prints no empty label, no empty brackets, no stray punctuation', (dir) => {
    const { pack } = validatePackDir(join(root, dir));
    const bad: string[] = [];
    for (const form of pack.items.document.values()) {
      const data = Object.fromEntries(form.fields.filter((f) => f.required).map((f) => [f.name, dummy(f)]));
      // Each paragraph alone, so its printed text is known to come from its template.
      for (const block of form.print.blocks.filter((b) => b.kind === 'text')) {
        const one: DocumentForm = { ...form, print: { ...form.print, blocks: [block] } };
        const [item] = layoutDocument(one, data, { orgName: '机关', date: '2026-03-01' }).items;
        if (item?.kind !== 'text') continue;
        // A colon that ends the paragraph is the template's own (「{partyName}：」, 「如下：」) unless a
        // label's value is missing there.
        const ownColon = block.text?.endsWith('：') ?? false;
        if (/：[。，；）　]|（）|[，、][。）]/.test(item.text) || (/：\s*$/.test(item.text) && !ownColon))
          bad.push(`${form.code}: ${item.text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(packs)('%s prints every signature field on its signature line', (dir) => {
    const { pack } = validatePackDir(join(root, dir));
    const unprinted: string[] = [];
    for (const form of pack.items.document.values()) {
      const signatures = form.fields.filter((f) => f.type === 'signature');
      const data = Object.fromEntries(signatures.map((f) => [f.name, `〈${f.name}〉`]));
      const lines = layoutDocument(form, data, { orgName: '机关', date: '2026-03-01' }).items.flatMap((i) =>
        i.kind === 'signatures' ? i.signers.map((s) => s.name) : [],
      );
      for (const f of signatures) if (!lines.includes(`〈${f.name}〉`)) unprinted.push(`${form.code}.${f.name}`);
    }
    expect(unprinted).toEqual([]);
  });
});
