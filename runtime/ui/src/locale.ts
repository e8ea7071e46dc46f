/** The language of dates in forms (month and weekday names, the first day of the week). */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

/** Sets the date language of the form components. */
export function setFormLocale(lang: 'zh' | 'en'): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}
