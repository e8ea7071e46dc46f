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

/**
 * The pattern an organisation numbers a form with: its own pattern for that form, else its
 * own for every form (`*`), else the form's. A region whose fire-rescue body writes
 * 消行罚决字 where the others write 罚 says so on that organisation, not on the form.
 *
 * @example
 * numberingPatternFor('penalty-decision', '{orgPrefix}罚〔{year}〕{seq:4}号', { 'penalty-decision': '{orgPrefix}行罚决字〔{year}〕第{seq:4}号' })
 * // '{orgPrefix}行罚决字〔{year}〕第{seq:4}号'
 */
export function numberingPatternFor(
  formCode: string,
  formPattern: string,
  orgNumbering?: Readonly<Record<string, string | undefined>> | null,
): string {
  return orgNumbering?.[formCode] ?? orgNumbering?.['*'] ?? formPattern;
}
