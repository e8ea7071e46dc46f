/** Dates and amounts as the screens show them. */

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as local YYYY-MM-DD HH:mm. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An ISO date or instant as YYYY-MM-DD. */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length === 10 ? iso : dateTime(iso).slice(0, 10);
}

/** An amount of money: 50,000 元 / CNY 50,000. */
export function money(n: number | null | undefined, lang: 'zh' | 'en'): string {
  if (n === null || n === undefined) return '—';
  const s = n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return lang === 'zh' ? `${s} 元` : `CNY ${s}`;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  return date(new Date().toISOString());
}

/** A file size: 1.2 MB. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
