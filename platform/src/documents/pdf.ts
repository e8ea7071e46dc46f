/**
 * PDF of a document, written by pdfmake from the same resolved print layout the HTML
 * view uses, with an embedded CJK font (Debian's fonts-wqy-zenhei by default; set
 * YIFA_PDF_FONT to another .ttf/.ttc). Text stays text, so the PDF can be searched.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PrintDoc, PrintItem } from '@yifa/engine';
import { AppError } from '../errors.ts';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

const FONT = process.env.YIFA_PDF_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  if (!existsSync(FONT)) {
    throw new AppError(
      'internal',
      { font: FONT },
      {
        zh: `缺少中文字体 ${FONT}（apt-get install fonts-wqy-zenhei）`,
        en: `the CJK font ${FONT} is missing (apt-get install fonts-wqy-zenhei)`,
      },
    );
  }
  const m = createRequire(import.meta.url)('pdfmake') as PdfMake;
  const face: string | [string, string] = FONT.endsWith('.ttc') ? [FONT, 'WenQuanYiZenHei'] : FONT;
  m.setFonts({ CJK: { normal: face, bold: face, italics: face, bolditalics: face } });
  m.setUrlAccessPolicy(() => false);
  const fontDir = FONT.slice(0, FONT.lastIndexOf('/') + 1);
  m.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  pdfmake = m;
  return m;
}

function block(i: PrintItem): unknown {
  switch (i.kind) {
    case 'number':
      return { text: i.text, alignment: 'right', margin: [0, 0, 0, 12] };
    case 'text':
      return { text: i.text, alignment: i.align, leadingIndent: i.align === 'left' ? 32 : 0, margin: [0, 2, 0, 2] };
    case 'field':
      return {
        text: [{ text: `${i.label}：` }, { text: i.value || '　', decoration: 'underline' }],
        margin: [0, 2, 0, 2],
      };
    case 'table':
      return {
        margin: [0, 6, 0, 6],
        stack: [
          { text: i.label, fontSize: 12 },
          {
            table: {
              headerRows: 1,
              widths: i.columns.map(() => '*'),
              body: [i.columns, ...(i.rows.length > 0 ? i.rows : [i.columns.map(() => '')])],
            },
            fontSize: 11,
          },
        ],
      };
    case 'signatures':
      return { columns: i.signers.map((s) => ({ text: `${s}（签名）：________` })), margin: [0, 24, 0, 0] };
    case 'seal':
      return {
        stack: [{ text: '（印章）', color: '#c00000' }, { text: i.org }, { text: i.date }],
        alignment: 'right',
        margin: [0, 36, 0, 0],
      };
    case 'spacer':
      return { text: ' ', margin: [0, 8, 0, 8] };
  }
}

/**
 * The PDF bytes of a print document. Given the date it was issued, the bytes are the same on
 * every request (pdfmake derives the file id from the document info, creation date included).
 */
export async function printPdf(doc: PrintDoc, createdAt: Date = new Date()): Promise<Buffer> {
  const definition = {
    pageSize: doc.paper === 'A4-landscape' ? 'A4' : doc.paper,
    pageOrientation: doc.paper === 'A4-landscape' ? 'landscape' : 'portrait',
    pageMargins: [79, 105, 74, 99],
    info: {
      title: doc.title,
      creator: 'Yifa 依法',
      producer: 'Yifa 依法',
      creationDate: createdAt,
      modDate: createdAt,
    },
    defaultStyle: { font: 'CJK', fontSize: 15, lineHeight: 1.5 },
    content: [
      { text: doc.orgName, alignment: 'center', fontSize: 20 },
      { text: doc.title, alignment: 'center', fontSize: 22, bold: true, margin: [0, 4, 0, 10] },
      ...doc.items.map(block),
    ],
  };
  return engine().createPdf(definition).getBuffer();
}
