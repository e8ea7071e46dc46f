import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { checkPrintFonts, DEFAULT_BODY_FONT, DEFAULT_TITLE_FONT, legacyFontNote, printFonts } from './fonts.ts';

describe('the PDF fonts as deployment settings', () => {
  it('default to Noto Serif CJK SC, regular for the body and bold for the title', () => {
    expect(printFonts({})).toEqual({
      body: {
        setting: 'YIFA_PDF_BODY_FONT',
        file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
        face: 'NotoSerifCJKsc-Regular',
      },
      title: {
        setting: 'YIFA_PDF_TITLE_FONT',
        file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
        face: 'NotoSerifCJKsc-Bold',
      },
    });
    expect(DEFAULT_BODY_FONT).not.toMatch(/Sans|Hei/i);
    expect(DEFAULT_TITLE_FONT).not.toMatch(/Sans|Hei/i);
    expect(() => checkPrintFonts(printFonts({}))).not.toThrow();
  });

  it('take the agency’s fonts from the two settings', () => {
    const fonts = printFonts({
      YIFA_PDF_BODY_FONT: '/opt/fonts/FangSong_GB2312.ttf',
      YIFA_PDF_TITLE_FONT: '/opt/fonts/FZXBSJW.ttf',
    });
    expect(fonts.body).toEqual({ setting: 'YIFA_PDF_BODY_FONT', file: '/opt/fonts/FangSong_GB2312.ttf' });
    expect(fonts.title).toEqual({ setting: 'YIFA_PDF_TITLE_FONT', file: '/opt/fonts/FZXBSJW.ttf' });
  });

  it('refuse a missing file, naming the setting in Chinese and English', () => {
    let error: unknown;
    try {
      checkPrintFonts(printFonts({ YIFA_PDF_BODY_FONT: '/nonexistent/仿宋_GB2312.ttf' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const { zh, en } = (error as AppError).messages;
    expect(zh).toContain('YIFA_PDF_BODY_FONT 指定的字体文件 /nonexistent/仿宋_GB2312.ttf 不存在');
    expect(en).toContain('the font file /nonexistent/仿宋_GB2312.ttf that YIFA_PDF_BODY_FONT names does not exist');
  });

  it('refuse a collection without the face named', () => {
    expect(() =>
      checkPrintFonts(printFonts({ YIFA_PDF_TITLE_FONT: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc' })),
    ).toThrow(/YIFA_PDF_TITLE_FONT.*font collection/);
  });

  it('still read the older YIFA_PDF_FONT for both, with a note that it is replaced', () => {
    const env = { YIFA_PDF_FONT: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc' };
    expect(printFonts(env).body).toEqual({
      setting: 'YIFA_PDF_FONT',
      file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
      face: 'WenQuanYiZenHei',
    });
    expect(printFonts(env).title.file).toBe('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc');
    expect(legacyFontNote(env)).toContain('YIFA_PDF_FONT is replaced by YIFA_PDF_BODY_FONT');
    expect(legacyFontNote({ ...env, YIFA_PDF_BODY_FONT: DEFAULT_BODY_FONT })).toBeUndefined();
  });
});
