/**
 * A print document as a standalone HTML page in the official A4 layout of GB/T 9704-2012:
 * 版心 156 × 225 mm (top margin 37 mm, binding margin 28 mm), body in 仿宋 三号 (16 pt, 28 lines
 * a page), title in 小标宋 二号 (22 pt), page numbers 四号 below the 版心 — with the number,
 * signature lines (the signer's name and the date when filled, blanks to sign by hand when not),
 * and the seal area. The fonts are the reader's: the agency's licensed 仿宋_GB2312 and 方正小标宋
 * when installed, else Noto Serif CJK SC (Debian fonts-noto-cjk), never a sans. Long codes wrap.
 * Every value is escaped: document data is never markup.
 */
import { type PrintDoc, type PrintItem, signerLabel } from './print.ts';

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** The body font stack: 仿宋_GB2312 as agencies install it, then serif CJK fallbacks. */
const BODY_FONTS = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif';

// 小标宋 by its local names, then Noto Serif CJK SC's bold face: a font-face of local fonts only
// (nothing is fetched), so the licensed font is never drawn in synthetic bold.
const CSS = `
@font-face { font-family: "Yifa 小标宋"; src: local("方正小标宋简体"), local("方正小标宋_GBK"), local("FZXiaoBiaoSong-B05S"), local("FZXBSK--GBK1-0"), local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Bold"); }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "Times New Roman", serif; margin-right: 14pt; vertical-align: top; padding-top: 7mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "Times New Roman", serif; margin-left: 14pt; vertical-align: top; padding-top: 7mm; } }
body { font-family: ${BODY_FONTS}; font-size: 16pt; line-height: 22.8pt; color: #000; margin: 0; }
.doc { width: 156mm; max-width: 100%; margin: 0 auto; }
.org, h1 { text-align: center; font-family: "Yifa 小标宋", "方正小标宋简体", "华文中宋", STZhongsong, "Noto Serif CJK SC", serif; font-weight: normal; font-size: 22pt; line-height: 1.4; }
.org { margin: 0; }
h1 { margin: 0 0 22.8pt; letter-spacing: 2pt; }
.number { text-align: right; margin-bottom: 11.4pt; }
p { margin: 0; text-indent: 2em; white-space: pre-wrap; }
p.center { text-align: center; text-indent: 0; } p.right { text-align: right; }
p, .field, td, th, .signer { overflow-wrap: anywhere; }
.field { display: flex; gap: 0; } .field .label { white-space: nowrap; } .field .value { flex: 1; min-width: 0; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0; font-size: 14pt; line-height: 1.4; table-layout: fixed; } caption { text-align: left; } th, td { border: 1px solid #000; padding: 2pt 4pt; font-weight: normal; }
.signatures { margin-top: 11.4pt; } .signer { text-align: right; }
.signer .name { display: inline-block; min-width: 6em; border-bottom: 1px solid #000; text-align: center; }
.seal { margin: 34pt 4em 0 auto; width: max-content; min-width: 60mm; text-align: center; }
.seal .stamp { width: 42mm; height: 42mm; border: 2px dashed #c00; border-radius: 50%; margin: 0 auto 4pt; color: #c00; font-size: 10pt; display: flex; align-items: center; justify-content: center; }
@media print { .seal .stamp { visibility: hidden; height: 20mm; } }
.spacer { height: 22.8pt; }
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
      return `<div class="signatures">${i.signers
        .map(
          (s) =>
            `<div class="signer">${escapeHtml(signerLabel(s.role))}：<span class="name">${escapeHtml(s.name)}</span>　　${escapeHtml(s.date || (s.name ? '' : '年　　月　　日'))}</div>`,
        )
        .join('')}</div>`;
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
