/** A party (name and identifier) shown as text: parties are entered on the case, not in documents. */
export function PartyText({ value }: { value?: { name?: string; idNumber?: string } }) {
  return <span>{value ? [value.name, value.idNumber].filter(Boolean).join('　') : '—'}</span>;
}
