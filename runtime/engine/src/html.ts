/**
 * A print document as a standalone HTML page in the official A4 layout (GB/T 9704 style
 * margins, 仿宋 body, 宋体 headings), with the number, the seal area and signature lines.
 * Every value is escaped: document data is never markup.
 */
import type { PrintDoc, PrintItem } from './print.ts';

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 1.75; color: #000; margin: 0; }
.doc { max-width: 156mm; margin: 0 auto; }
.org { text-align: center; font-family: "SimSun", "Noto Serif CJK SC", serif; font-size: 20pt; letter-spacing: 2pt; }
h1 { text-align: center; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 22pt; margin: 4pt 0 8pt; letter-spacing: 4pt; }
.number { text-align: right; margin-bottom: 12pt; }
p { margin: 0; text-indent: 2em; white-space: pre-wrap; }
p.center { text-align: center; text-indent: 0; } p.right { text-align: right; }
.field { display: flex; gap: 8pt; } .field .label { white-space: nowrap; } .field .value { border-bottom: 1px solid #000; flex: 1; min-height: 1.5em; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; font-size: 12pt; } th, td { border: 1px solid #000; padding: 2pt 4pt; }
.signatures { display: flex; justify-content: space-between; margin-top: 24pt; }
.seal { margin: 36pt 0 0 auto; width: 60mm; text-align: center; position: relative; }
.seal .stamp { width: 42mm; height: 42mm; border: 2px dashed #c00; border-radius: 50%; margin: 0 auto 4pt; color: #c00; font-size: 10pt; display: flex; align-items: center; justify-content: center; }
.spacer { height: 16pt; }
`;

function item(i: PrintItem): string {
  switch (i.kind) {
    case 'number':
      return `<div class="number">${escapeHtml(i.text)}</div>`;
    case 'text':
      return `<p class="${i.align}">${escapeHtml(i.text)}</p>`;
    case 'field':
      return `<div class="field"><span class="label">${escapeHtml(i.label)}：</span><span class="value">${escapeHtml(i.value)}</span></div>`;
    case 'table':
      return `<table><caption>${escapeHtml(i.label)}</caption><thead><tr>${i.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${i.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'signatures':
      return `<div class="signatures">${i.signers.map((s) => `<span>${escapeHtml(s)}（签名）：________</span>`).join('')}</div>`;
    case 'seal':
      return `<div class="seal"><div class="stamp">（印章）</div><div>${escapeHtml(i.org)}</div><div>${escapeHtml(i.date)}</div></div>`;
    case 'spacer':
      return '<div class="spacer"></div>';
  }
}

/** The HTML page of a print document. */
export function printHtml(doc: PrintDoc): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${CSS}</style></head><body><div class="doc"><div class="org">${escapeHtml(doc.orgName)}</div><h1>${escapeHtml(doc.title)}</h1>${doc.items.map(item).join('\n')}</div></body></html>`;
}
