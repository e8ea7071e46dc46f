/**
 * PDF of a document, written by pdfmake from the same resolved print layout the HTML view uses,
 * in the layout of GB/T 9704-2012: A4, 版心 156 × 225 mm (top margin 37 mm, binding margin
 * 28 mm), title in 小标宋 二号 (22 pt), body in 仿宋 三号 (16 pt) at 28 lines a page (27 characters
 * a line: see below), page numbers 四号 7 mm below the 版心 (odd pages right, even pages left,
 * one character in).
 * Text stays text, so the PDF can be searched.
 *
 * The fonts are deployment settings (fonts.ts): agencies embed their licensed 仿宋_GB2312 and
 * 方正小标宋; the default is Debian's Noto Serif CJK SC (fonts-noto-cjk), a serif, never a sans.
 */
import { createRequire } from 'node:module';
import { type PrintDoc, type PrintItem, signerLabel } from '@yifa/engine';
import { AppError } from '../errors.ts';
import { checkPrintFonts, type PrintFont, printFonts } from './fonts.ts';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

/** Millimetres in PDF points. */
const mm = (n: number) => (n * 72) / 25.4;

/** GB/T 9704-2012 §5.2: A4 with a 156 × 225 mm 版心, 37 mm from the top and 28 mm from the binding edge. */
export const PAGE = {
  width: mm(210),
  height: mm(297),
  left: mm(28),
  top: mm(37),
  bodyWidth: mm(156),
  bodyHeight: mm(225),
} as const;
const RIGHT = PAGE.width - PAGE.left - PAGE.bodyWidth;
const MARGINS = [PAGE.left, PAGE.top, RIGHT, PAGE.height - PAGE.top - PAGE.bodyHeight];

/** 三号 body, 二号 title, 四号 page numbers (GB/T 9704 §5.2.3, §7.5). */
const BODY = 16;
const TITLE = 22;
const PAGE_NUMBER = 14;
// 28 characters a line would need a 15.79 pt pitch (156 mm / 28); pdfmake sets CJK text at the
// font's own advance (16 pt at 三号) and does not count character spacing when it breaks CJK
// lines, so a line holds 27 characters.
/** 28 lines a page: 225 mm / 28 = 22.8 pt a line; Noto Serif CJK's line box is 1.4375 em. */
const LINE_HEIGHT = PAGE.bodyHeight / 28 / (BODY * 1.4375);

let pdfmake: { engine: PdfMake; key: string } | undefined;

function engine(): PdfMake {
  const fonts = printFonts();
  const key = JSON.stringify(fonts);
  if (pdfmake?.key === key) return pdfmake.engine;
  checkPrintFonts(fonts);
  const m = createRequire(import.meta.url)('pdfmake') as PdfMake;
  const face = (f: PrintFont): string | [string, string] => (f.face ? [f.file, f.face] : f.file);
  const body = face(fonts.body);
  const title = face(fonts.title);
  // One face each: a licensed 小标宋 or 仿宋 has no bold, and none is drawn in synthetic bold.
  m.setFonts({
    Body: { normal: body, bold: body, italics: body, bolditalics: body },
    Title: { normal: title, bold: title, italics: title, bolditalics: title },
  });
  m.setUrlAccessPolicy(() => false);
  const files = new Set([fonts.body.file, fonts.title.file]);
  m.setLocalAccessPolicy((path) => files.has(path));
  pdfmake = { engine: m, key };
  return m;
}

function block(i: PrintItem): unknown {
  switch (i.kind) {
    case 'number':
      return { text: i.text, alignment: 'right', margin: [0, 0, 0, 11] };
    case 'text':
      return {
        text: i.text,
        alignment: i.align,
        leadingIndent: i.align === 'left' ? BODY * 2 : 0,
      };
    case 'field':
      return { text: [{ text: `${i.label}：` }, { text: i.value }] };
    case 'table':
      return {
        margin: [0, 4, 0, 4],
        stack: [
          { text: i.label },
          {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: i.columns.map(() => '*'),
              body: [i.columns, ...i.rows].map((r) => r),
            },
            fontSize: 14,
            lineHeight: 1,
          },
        ],
      };
    case 'signatures':
      return {
        margin: [0, 8, 0, 0],
        stack: i.signers.map((s) => ({
          alignment: 'right',
          text: [
            `${signerLabel(s.role)}：`,
            s.name ? { text: s.name } : { text: '\u3000\u3000\u3000\u3000\u3000\u3000', decoration: 'underline' },
            // Signed without a date field: no date; unsigned: 年月日 to write by hand.
            `\u3000\u3000${s.date || (s.name ? '' : '年\u3000\u3000月\u3000\u3000日')}`,
          ],
        })),
      };
    case 'seal':
      // The agency's name centred over the date, the date four characters in from the right
      // (GB/T 9704 §7.3.5.2), with room above for the seal.
      return {
        margin: [0, 40, 0, 0],
        columns: [
          { width: '*', text: '' },
          { width: 'auto', stack: [{ text: i.org }, { text: i.date }], alignment: 'center' },
          { width: BODY * 4, text: '' },
        ],
      };
    case 'spacer':
      return { text: ' ' };
  }
}

/**
 * The PDF bytes of a print document. Given the date it was issued, the bytes are the same on
 * every request (pdfmake derives the file id from the document info, creation date included).
 */
export async function printPdf(doc: PrintDoc, createdAt: Date = new Date()): Promise<Buffer> {
  const landscape = doc.paper === 'A4-landscape';
  const definition = {
    pageSize: landscape ? 'A4' : doc.paper,
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: MARGINS,
    info: {
      title: doc.title,
      creator: 'Yifa 依法',
      producer: 'Yifa 依法',
      creationDate: createdAt,
      modDate: createdAt,
    },
    defaultStyle: { font: 'Body', fontSize: BODY, lineHeight: LINE_HEIGHT },
    // 四号 page numbers with a dash each side, 7 mm below the 版心; one character in from the right
    // edge on odd pages and from the left on even ones (GB/T 9704 §7.5).
    footer: (page: number) => ({
      text: `— ${page} —`,
      font: 'Body',
      fontSize: PAGE_NUMBER,
      lineHeight: 1,
      alignment: page % 2 === 1 ? 'right' : 'left',
      margin: [PAGE.left + PAGE_NUMBER, mm(7) - PAGE_NUMBER * 0.6, RIGHT + PAGE_NUMBER, 0],
    }),
    content: [
      { text: doc.orgName, font: 'Title', fontSize: TITLE, alignment: 'center', lineHeight: 1.2 },
      {
        text: doc.title,
        font: 'Title',
        fontSize: TITLE,
        alignment: 'center',
        lineHeight: 1.2,
        margin: [0, 0, 0, 14],
      },
      ...doc.items.map(block),
    ],
  };
  try {
    return await engine().createPdf(definition).getBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const fonts = printFonts();
    throw new AppError(
      'internal',
      { body: fonts.body.setting, title: fonts.title.setting, reason: (e as Error).message },
      {
        zh: `无法用配置的字体生成 PDF（${fonts.body.setting}、${fonts.title.setting}）：${(e as Error).message}`,
        en: `cannot write the PDF with the configured fonts (${fonts.body.setting}, ${fonts.title.setting}): ${(e as Error).message}`,
      },
    );
  }
}
