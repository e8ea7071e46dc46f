import { unitText } from '@yifa/ui';
import { describe, expect, it } from 'vitest';
import { money } from './format.ts';
import { joinList, paren } from './message-format.ts';

describe('units, lists and remarks as each language writes them', () => {
  it('writes a pack unit in English, one and many', () => {
    expect(unitText('元', 'zh', 8000)).toBe('元');
    expect(unitText('元', 'en', 8000)).toBe(' yuan');
    expect(unitText('日', 'en', 1)).toBe(' day');
    expect(unitText('日', 'en', 3)).toBe(' days');
    expect(unitText('件', 'en', 1)).toBe(' item');
    expect(unitText(undefined, 'en', 1)).toBe('');
    // A unit the table does not know shows as the pack writes it, apart from the number.
    expect(unitText('吨', 'en', 2)).toBe(' 吨');
  });

  it('joins lists with 、 in Chinese and commas in English, and brackets a remark', () => {
    expect(joinList(['李明', '王强'], 'zh')).toBe('李明、王强');
    expect(joinList(['Warning', 'Fine'], 'en')).toBe('Warning, Fine');
    expect(paren('一般', '65,000–85,000 元', 'zh')).toBe('一般（65,000–85,000 元）');
    expect(paren('Ordinary', 'CNY 65,000–85,000', 'en')).toBe('Ordinary (CNY 65,000–85,000)');
  });

  it('writes money in the language', () => {
    expect(money(70000, 'zh')).toBe('70,000 元');
    expect(money(70000, 'en')).toBe('CNY 70,000');
  });
});
