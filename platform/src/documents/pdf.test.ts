import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFieldValue } from '@yifa/engine';
import { validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSamplePdfs, type SamplePdf } from '../../test/print-samples.ts';
import { printPdf } from './pdf.ts';

// The forms as the Binhai pack resolves them (cn-national's, with Binhai's overrides).
const FORMS = validatePackDir(join(PACKS_DIR, 'tj-binhai')).pack.items.document;

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

// The four documents of a filled case, printed through GET /documents/{id}/pdf and read back with
// poppler: the fonts embedded, where every word lies, and what the text says.
describe('documents as officials print them (GB/T 9704)', () => {
  const mmToPt = (n: number) => (n * 72) / 25.4;
  // The 版心: 28 mm from the binding edge, 37 mm from the top, 156 × 225 mm; 1 mm tolerance.
  const TOL = mmToPt(1);
  const BOX = { left: mmToPt(28), top: mmToPt(37), right: mmToPt(28 + 156), bottom: mmToPt(37 + 225) };
  let samples: SamplePdf[];
  const dir = mkdtempSync(join(tmpdir(), 'yifa-print-'));
  const fileOf = (s: SamplePdf) => join(dir, `${s.name}.pdf`);

  beforeAll(async () => {
    samples = await renderSamplePdfs();
    for (const s of samples) writeFileSync(fileOf(s), s.pdf);
  }, 120_000);

  interface Word {
    page: number;
    xMin: number;
    yMin: number;
    xMax: number;
    yMax: number;
    text: string;
  }
  const wordsOf = (s: SamplePdf): Word[] => {
    const xml = execFileSync('pdftotext', ['-bbox', fileOf(s), '-'], { encoding: 'utf8' });
    const words: Word[] = [];
    let page = 0;
    for (const line of xml.split('\n')) {
      if (line.includes('<page ')) page += 1;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (m) {
        const [, x0, y0, x1, y1, text = ''] = m;
        words.push({ page, xMin: Number(x0), yMin: Number(y0), xMax: Number(x1), yMax: Number(y1), text });
      }
    }
    return words;
  };
  const textOf = (s: SamplePdf) =>
    execFileSync('pdftotext', ['-layout', fileOf(s), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

  it('embeds the configured serif CJK fonts (Noto Serif CJK SC by default), never a sans', () => {
    for (const s of samples) {
      const table = execFileSync('pdffonts', [fileOf(s)], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      const names = table.map((l) => l.split(/\s+/)[0] ?? '');
      expect(names.map((n) => n.replace(/^[A-Z]{6}\+/, '')).sort(), s.name).toEqual([
        'NotoSerifCJKsc-Bold',
        'NotoSerifCJKsc-Regular',
      ]);
      // Every font embedded (the "emb" column).
      for (const l of table) expect(l.split(/\s+/).at(-5), `${s.name}: ${l}`).toBe('yes');
      expect(table.join('\n')).not.toMatch(/Sans|Hei|Zen/i);
    }
  });

  it('keeps every word inside the 版心, the page numbers below it', () => {
    for (const s of samples) {
      const words = wordsOf(s);
      expect(words.length, s.name).toBeGreaterThan(20);
      for (const w of words) {
        const where = `${s.name} p.${w.page} “${w.text}” at ${w.xMin.toFixed(1)},${w.yMin.toFixed(1)}–${w.xMax.toFixed(1)},${w.yMax.toFixed(1)}`;
        expect(w.xMin, where).toBeGreaterThanOrEqual(BOX.left - TOL);
        expect(w.xMax, where).toBeLessThanOrEqual(BOX.right + TOL);
        if (w.yMin > BOX.bottom) {
          // The page number, 四号 with a dash each side, about 7 mm below the 版心.
          expect(w.text, where).toMatch(/^(—|\d+)$/);
          expect(w.yMin - BOX.bottom, where).toBeLessThan(mmToPt(10));
          continue;
        }
        expect(w.yMin, where).toBeGreaterThanOrEqual(BOX.top - TOL);
        expect(w.yMax, where).toBeLessThanOrEqual(BOX.bottom + TOL);
      }
      expect(words.some((w) => w.text === '1' && w.yMin > BOX.bottom)).toBe(true);
    }
  });

  it('sets the body at 28 lines a page (22.8 pt from line to line)', () => {
    const decision = samples.find((s) => s.form === 'penalty-decision') as SamplePdf;
    // The tops of page 1's lines, read from the words that start them.
    const starts = wordsOf(decision).filter((w) => w.page === 1 && w.xMin < BOX.left + mmToPt(12));
    const tops = [...new Set(starts.map((w) => w.yMin.toFixed(1)))].map(Number).sort((a, b) => a - b);
    const gaps = new Map<string, number>();
    for (let i = 1; i < tops.length; i += 1) {
      const gap = ((tops[i] as number) - (tops[i - 1] as number)).toFixed(1);
      gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
    }
    const [commonest] = [...gaps.entries()].sort((a, b) => b[1] - a[1]);
    expect(Number(commonest?.[0])).toBeCloseTo(mmToPt(225) / 28, 1);
  });

  it('prints formal text: no rule notation, no internal codes, no empty “：。”', () => {
    for (const s of samples) {
      const text = textOf(s);
      expect(text, s.name).not.toMatch(/[✓✗]|：。|。。|（）/);
      expect(text, s.name).not.toMatch(/DB-[A-Z]|penalty-|case-filing|[a-z]+[A-Z][a-zA-Z]+|结论：适用|情节“/);
    }
    const decision = textOf(samples.find((s) => s.form === 'penalty-decision') as SamplePdf);
    expect(decision).toContain(
      '裁量基准适用情况如下：当事人积极配合调查并主动提供证据材料。依照《未取得食品生产经营许可从事食品生产经营活动的裁量基准》（2022年版），适用“一般”裁量阶次',
    );
    // No account given: the sentence goes on without 「缴款账户：。」.
    expect(decision).toContain('缴纳罚没款。到期不缴纳罚款的');
  });

  it('prints every field that has a value, the signers’ names and the dates', () => {
    for (const s of samples) {
      const text = textOf(s);
      const form = FORMS.get(s.form);
      for (const f of form?.fields ?? []) {
        const v = s.data[f.name];
        if (v === undefined || v === '' || f.type === 'boolean' || f.type === 'legal-basis') continue;
        const values =
          f.type === 'table'
            ? (v as Record<string, unknown>[]).flatMap((r) =>
                (f.columns ?? []).map((c) => formatFieldValue(c, r[c.name])),
              )
            : [formatFieldValue(f, v)];
        for (const value of values) {
          // A label that names the unit (罚款（元）) prints the amount without it.
          const shown = f.unit && value.endsWith(f.unit) ? value.slice(0, -f.unit.length) : value;
          expect(text, `${s.name}: ${f.name}`).toContain(shown.replace(/\s+/g, ''));
        }
      }
    }
    const approval = textOf(samples.find((s) => s.form === 'case-filing-approval') as SamplePdf);
    expect(approval).toContain('承办人（签名）：李明');
    expect(approval).toContain('机关负责人（签名）：钱局长2026年3月2日');
    // The long registration number wraps inside the 版心 and prints whole.
    expect(approval).toContain('BH-2026-0301-000123456789');
  });
});
