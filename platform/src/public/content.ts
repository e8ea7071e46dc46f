/**
 * What a published decision shows (公示, #16): the items the matter's `disclosure.fields` name,
 * read from the issued 决定书 and the case, masked as the law requires. A person is published by
 * name with the 身份证号 masked (110105********002X); an organisation by name with its
 * 统一社会信用代码 in full (it is public registration data, and the 双公示 format asks for it). A
 * phone number or an address is never an item, and free texts (违法事实, 处罚内容) have any ID,
 * phone number or address typed into them masked. The result is stored as is and is all the
 * public pages read, so what they can show is decided here, once, at publication.
 */
import { maskId } from '@yifa/engine';
import type { Matter } from '@yifa/metamodel';
import { openPii } from '../crypto/pii.ts';
import type { DisclosureItem, StoredParty } from '../db/schema.ts';
import { maskPersonalText } from '../documents/pii.ts';

/** The names a matter's `disclosure.fields` may hold (matter.schema.json), with their English labels. */
export const DISCLOSURE_FIELDS = {
  行政处罚决定书文号: 'Decision number',
  处罚名称: 'Penalty matter',
  处罚类别: 'Kinds of penalty',
  当事人: 'Party',
  违法行为类型: 'Type of violation',
  违法事实: 'Facts of the violation',
  处罚依据: 'Legal basis',
  处罚内容: 'Penalty imposed',
  处罚机关: 'Deciding authority',
  决定日期: 'Date of the decision',
} as const;

export type DisclosureField = keyof typeof DISCLOSURE_FIELDS;

/** The issued decision as stored: its number, data (personal values already masked at rest) and frozen citations. */
export interface IssuedDecision {
  number: string;
  data: Readonly<Record<string, unknown>>;
  citations: Readonly<Record<string, string>>;
  issuedOn: string;
}

/** The party as published: a person's ID masked, an organisation's credit code in full; nothing else. */
export function publishedParty(p: Pick<StoredParty, 'kind' | 'name' | 'idNumber'>): string {
  const id = openPii(p.idNumber);
  if (p.kind === 'person') return `${p.name}（身份证号 ${maskId(id)}）`;
  return `${p.name}（统一社会信用代码 ${id}）`;
}

const text = (v: unknown): string => (typeof v === 'string' ? maskPersonalText(v.trim()) : '');
const yuan = (v: unknown): string | null =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toLocaleString('zh-CN')}元` : null;

/** 处罚内容: the kinds with their amounts, the property confiscated and the other measures, as one sentence. */
function penaltyContent(d: Readonly<Record<string, unknown>>): string {
  const kinds = Array.isArray(d.penalties) ? d.penalties.map(String) : [];
  const parts = kinds.map((k) => {
    if (k === '罚款' && yuan(d.fine)) return `罚款${yuan(d.fine)}`;
    if (k === '没收违法所得' && yuan(d.confiscatedIncome)) return `没收违法所得${yuan(d.confiscatedIncome)}`;
    if (k === '没收非法财物' && Array.isArray(d.confiscatedProperty)) {
      const items = d.confiscatedProperty
        .map((r: Record<string, unknown> | null) => [text(r?.item), text(r?.quantity)].filter(Boolean).join(' '))
        .filter(Boolean);
      return items.length ? `没收非法财物（${items.join('、')}）` : k;
    }
    return k;
  });
  const other = text(d.otherPenaltyContent);
  return [parts.join('，'), other].filter(Boolean).join('；');
}

/** The 依据 cited: the decision's frozen citations of its legal-basis fields, else the codes. */
function cited(codes: unknown, citations: Readonly<Record<string, string>>): string {
  return Array.isArray(codes) ? codes.map((c) => citations[String(c)] ?? String(c)).join('、') : '';
}

/** The value of one item, or '' when the decision does not say it. */
function itemOf(
  field: DisclosureField,
  c: { matter: Matter; party: Pick<StoredParty, 'kind' | 'name' | 'idNumber'>; decision: IssuedDecision },
): string {
  const d = c.decision.data;
  switch (field) {
    case '行政处罚决定书文号':
      return c.decision.number;
    case '处罚名称':
      return c.matter.name;
    case '处罚类别':
      return Array.isArray(d.penalties) ? d.penalties.map(String).join('、') : '';
    case '当事人':
      return publishedParty(c.party);
    case '违法行为类型':
      return c.matter.cause ?? c.matter.name;
    case '违法事实':
      return text(d.facts);
    case '处罚依据':
      return cited(d.penaltyBasis, c.decision.citations);
    case '处罚内容':
      return penaltyContent(d);
    case '处罚机关':
      return typeof d.orgName === 'string' ? d.orgName : '';
    case '决定日期':
      return typeof d.decidedAt === 'string' ? d.decidedAt : c.decision.issuedOn;
  }
}

/** The items published for a decision, in the matter's order. */
export function disclosureContent(c: {
  matter: Matter;
  party: Pick<StoredParty, 'kind' | 'name' | 'idNumber'>;
  decision: IssuedDecision;
}): DisclosureItem[] {
  const fields = (c.matter.disclosure?.fields ?? []) as DisclosureField[];
  return fields.map((key) => ({ key, label: key, labelEn: DISCLOSURE_FIELDS[key], value: itemOf(key, c) }));
}
