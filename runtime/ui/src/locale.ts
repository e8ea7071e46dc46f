/** The language of dates in forms (month and weekday names, the first day of the week). */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

/** Sets the date language of the form components. */
export function setFormLocale(lang: 'zh' | 'en'): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}

/** Units the packs measure facts in, in English, one and many (a unit not listed shows as the pack writes it). */
const UNITS_EN: Readonly<Record<string, [string, string]>> = {
  元: [' yuan', ' yuan'],
  万元: [' × 10,000 yuan', ' × 10,000 yuan'],
  日: [' day', ' days'],
  天: [' day', ' days'],
  工作日: [' working day', ' working days'],
  件: [' item', ' items'],
  个: [' item', ' items'],
  项: [' item', ' items'],
  人: [' person', ' persons'],
  次: [' time', ' times'],
  分: [' point', ' points'],
  '%': ['%', '%'],
};

/** The unit after a value: 8000元 in Chinese, 8000 yuan and 1 day in English; nothing without a unit. */
export function unitText(unit: string | null | undefined, lang: 'zh' | 'en', value?: unknown): string {
  if (!unit) return '';
  if (lang === 'zh') return unit;
  const en = UNITS_EN[unit];
  return en ? en[Number(value) === 1 ? 0 : 1] : ` ${unit}`;
}
