import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printPdf } from './pdf.ts';

describe('PDF', () => {
  it('gives the same bytes for the same document and issue date', async () => {
    const doc = {
      paper: 'A4' as const,
      orgName: '天津市滨海新区市场监督管理局',
      title: '行政处罚决定书',
      items: [{ kind: 'number' as const, text: '津滨市监罚〔2026〕0042号' }],
    };
    const at = new Date('2026-03-15T08:00:00Z');
    const a = await printPdf(doc, at);
    const b = await printPdf(doc, at);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('embeds the CJK text so it can be extracted', async () => {
    const pdf = await printPdf({
      paper: 'A4',
      orgName: '天津市滨海新区市场监督管理局',
      title: '行政处罚决定书',
      items: [
        { kind: 'number', text: '津滨市监罚〔2026〕0042号' },
        { kind: 'text', text: '当事人：天津某某餐饮有限公司', align: 'left' },
        { kind: 'table', label: '没收物品', columns: ['名称', '数量'], rows: [['过期食品', '12']] },
        { kind: 'seal', org: '天津市滨海新区市场监督管理局', date: '2026年3月15日' },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(mkdtempSync(join(tmpdir(), 'yifa-pdf-')), 'd.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('津滨市监罚〔2026〕0042号');
    expect(text).toContain('天津某某餐饮有限公司');
    expect(text).toContain('行政处罚决定书');
  });
});
