/**
 * The fonts document PDFs embed, as deployment settings. Agencies hold licensed 仿宋_GB2312 and
 * 方正小标宋 fonts and set them here; the default is Debian's Noto Serif CJK SC
 * (fonts-noto-cjk), a serif face for both, never a sans.
 *
 * - `YIFA_PDF_BODY_FONT`  the body (仿宋) font file: `.ttf`, `.otf`, or a `.ttc` collection
 *   with the face's PostScript name after `#` (`fc-scan --format '%{postscriptname}\n' FILE` lists them)
 * - `YIFA_PDF_TITLE_FONT` the title (小标宋) font file, the same way
 * - `YIFA_PDF_FONT`       the older single setting: still read, for both, when neither of the
 *   two is set (a `.ttc` without `#` then takes WenQuanYiZenHei as before); `yifa serve` says
 *   on stderr that it is replaced.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../errors.ts';

/** A font file and, in a collection (.ttc), the face's PostScript name; `setting` names where it came from. */
export interface PrintFont {
  setting: string;
  file: string;
  face?: string;
}

const NOTO = '/usr/share/fonts/opentype/noto';
export const DEFAULT_BODY_FONT = `${NOTO}/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular`;
export const DEFAULT_TITLE_FONT = `${NOTO}/NotoSerifCJK-Bold.ttc#NotoSerifCJKsc-Bold`;

function parse(setting: string, value: string, legacy = false): PrintFont {
  const hash = value.lastIndexOf('#');
  const file = hash > 0 ? value.slice(0, hash) : value;
  const face = hash > 0 ? value.slice(hash + 1) : legacy && /\.ttc$/i.test(file) ? 'WenQuanYiZenHei' : undefined;
  return face ? { setting, file, face } : { setting, file };
}

/** The body and title fonts the settings name (read each time, so a test may set them). */
export function printFonts(env: NodeJS.ProcessEnv = process.env): { body: PrintFont; title: PrintFont } {
  const body = env.YIFA_PDF_BODY_FONT;
  const title = env.YIFA_PDF_TITLE_FONT;
  const legacy = env.YIFA_PDF_FONT;
  if (!body && !title && legacy) {
    return { body: parse('YIFA_PDF_FONT', legacy, true), title: parse('YIFA_PDF_FONT', legacy, true) };
  }
  return {
    body: parse('YIFA_PDF_BODY_FONT', body || DEFAULT_BODY_FONT),
    title: parse('YIFA_PDF_TITLE_FONT', title || DEFAULT_TITLE_FONT),
  };
}

/** A note for the operator when only the older setting is used, else undefined. */
export function legacyFontNote(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.YIFA_PDF_FONT || env.YIFA_PDF_BODY_FONT || env.YIFA_PDF_TITLE_FONT) return undefined;
  return (
    'YIFA_PDF_FONT 已由 YIFA_PDF_BODY_FONT（正文仿宋）和 YIFA_PDF_TITLE_FONT（标题小标宋）取代，目前两者都使用它 / ' +
    'YIFA_PDF_FONT is replaced by YIFA_PDF_BODY_FONT (body, 仿宋) and YIFA_PDF_TITLE_FONT (title, 小标宋); both use it for now\n'
  );
}

/**
 * Refuses fonts that cannot be used: a missing file, or a collection (.ttc) without the face
 * named. The error names the setting, in Chinese and English.
 */
export function checkPrintFonts(fonts = printFonts()): void {
  for (const f of [fonts.body, fonts.title]) {
    if (!existsSync(f.file)) {
      throw new AppError(
        'internal',
        { setting: f.setting, font: f.file },
        {
          zh: `${f.setting} 指定的字体文件 ${f.file} 不存在；请安装该字体，或把 ${f.setting} 设为已安装的衬线中文字体（默认 Noto Serif CJK SC：apt-get install fonts-noto-cjk）`,
          en: `the font file ${f.file} that ${f.setting} names does not exist; install it, or set ${f.setting} to an installed serif CJK font (the default is Noto Serif CJK SC: apt-get install fonts-noto-cjk)`,
        },
      );
    }
    if (/\.ttc$/i.test(f.file) && !f.face) {
      throw new AppError(
        'internal',
        { setting: f.setting, font: f.file },
        {
          zh: `${f.setting}：${f.file} 是字体集合，请在 # 后写明字形的 PostScript 名称（fc-scan --format '%{postscriptname}\\n' 列出）`,
          en: `${f.setting}: ${f.file} is a font collection; name the face's PostScript name after # (fc-scan --format '%{postscriptname}\\n' lists them)`,
        },
      );
    }
  }
}
