import type { DocumentForm } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { printHtml } from './html.ts';
import { formatDocumentNumber } from './numbering.ts';
import { chineseDate, layoutDocument } from './print.ts';

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
