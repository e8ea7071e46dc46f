/**
 * Document numbers from a pack's pattern, e.g. `{orgPrefix}罚〔{year}〕{seq:4}号` →
 * 津滨市监罚〔2026〕0042号. The sequence itself is allocated atomically by the platform.
 */

/** Values for the numbering tokens. */
export interface NumberingValues {
  orgPrefix: string;
  orgShort: string;
  year: number;
  seq: number;
}

/** Fills a numbering pattern. Unknown tokens stay visible (the validator rejects them earlier). */
export function formatDocumentNumber(pattern: string, values: NumberingValues): string {
  return pattern.replace(/\{(\w+)(?::(\d))?\}/g, (whole, name: string, width?: string) => {
    if (name === 'seq') return String(values.seq).padStart(width ? Number(width) : 1, '0');
    if (name === 'year') return String(values.year);
    if (name === 'orgPrefix') return values.orgPrefix;
    if (name === 'orgShort') return values.orgShort;
    return whole;
  });
}
