/**
 * The discretion decision as documents state it: the 裁量基准适用情况 sentence and the tier's
 * name, for fields pre-filled from `discretion.*`. One definition for the server (which fills a
 * new document from the case) and the officer's app (which refreshes drafts from its panel), so
 * a document never arrives with these fields empty when the benchmark decides.
 *
 * The sentence reads as an officer writes it — the circumstances found, the benchmark and its
 * tier, the fine range — never the rule trace (✓, conditions, fact names) or internal codes:
 * those stay on the screen (the discretion panel's explanation, `explainDiscretion`).
 */
import { type AmountRange, type DiscretionDecision, otherPenalties } from '@yifa/rules';
import { chineseDate } from './print.ts';

/** How the text is written: its language, and how a legal-basis code is cited (《法》第…条). */
export interface ExplanationOptions {
  lang?: 'zh' | 'en';
  cite?: (code: string) => string;
}

// Tiers named after the kind of discretion they are read as the officer says it: 依法从轻处罚.
const KIND_TIERS = new Set(['从轻', '从重', '减轻', '从轻处罚', '从重处罚', '减轻处罚']);

const amount = (n: number | null, lang: 'zh' | 'en') =>
  n === null ? '' : lang === 'zh' ? `${n.toLocaleString('zh-CN')}元` : `${n.toLocaleString('en')} yuan`;

function rangeText(r: AmountRange, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  if (r.min !== null && r.max !== null) {
    if (r.min === r.max) return amount(r.min, lang);
    return zh ? `${amount(r.min, lang)}至${amount(r.max, lang)}` : `${amount(r.min, lang)} to ${amount(r.max, lang)}`;
  }
  if (r.max !== null) return zh ? `${amount(r.max, lang)}以下` : `up to ${amount(r.max, lang)}`;
  if (r.min !== null) return zh ? `${amount(r.min, lang)}以上` : `at least ${amount(r.min, lang)}`;
  return '';
}

/** 2022 → （2022年版）; any other label → （版本 x）. */
function versionText(label: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return ` (version ${label})`;
  return /^\d{4}$/.test(label) ? `（${label}年版）` : `（${label}版）`;
}

const end = (s: string, lang: 'zh' | 'en') =>
  lang === 'zh' ? (/[。！？]$/.test(s) ? s : `${s}。`) : /[.!?]$/.test(s) ? s : `${s}.`;

/**
 * The 裁量基准适用情况 a document states, as formal text: the circumstances that apply, the
 * benchmark and version, the tier with its penalties and fine range (the responsible persons'
 * fines, 双罚), continuing daily fines as days × amount, and the officer's reason when the fine
 * leaves the tier — or the no-penalty rule with its reason.
 *
 * @example
 * explanationText(d) // 当事人积极配合调查并主动提供证据材料。依照《…裁量基准》（2022年版），依法从轻处罚，处罚款50,000元至65,000元。
 */
export function explanationText(d: DiscretionDecision, reason?: string, options: ExplanationOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const zh = lang === 'zh';
  const sentences: string[] = [];
  const names = d.circumstances.map((c) => (zh ? c.name.replace(/^当事人/, '') : (c.nameEn ?? c.name)));
  if (names.length) sentences.push(zh ? `当事人${names.join('，')}` : `Circumstances: ${names.join('; ')}`);
  const benchmarkName = zh ? d.benchmarkName : (d.benchmarkNameEn ?? d.benchmarkName);
  const under = benchmarkName
    ? zh
      ? `依照《${benchmarkName}》${versionText(d.version.label, lang)}`
      : `Under the ${benchmarkName}${versionText(d.version.label, lang)}`
    : zh
      ? '依照裁量基准'
      : 'Under the discretion benchmark';
  if (d.outcome === 'no-penalty' && d.noPenalty) {
    const name = zh ? d.noPenalty.name : (d.noPenalty.nameEn ?? d.noPenalty.name);
    sentences.push(
      zh
        ? `${under}，本案属于“${name}”情形：${d.noPenalty.reason}`
        : `${under}, the case falls under "${name}": ${d.noPenalty.reason}`,
    );
  } else if (d.tier) {
    const t = d.tier;
    const tierName = zh ? t.name : (t.nameEn ?? t.name);
    const applies =
      zh && KIND_TIERS.has(t.name)
        ? `依法${t.name.replace(/处罚$/, '')}处罚`
        : zh
          ? `适用“${tierName}”裁量阶次`
          : `the tier "${tierName}" applies`;
    const penalties = otherPenalties(t, lang);
    if (t.fine) {
      const range = rangeText(t.fine, lang);
      if (range) penalties.push(zh ? `罚款${range}` : `a fine of ${range}`);
    }
    const persons = t.persons.map((p) =>
      zh ? `对${p.name}处罚款${rangeText(p.fine, lang)}` : `a fine of ${rangeText(p.fine, lang)} on ${p.name}`,
    );
    const what = penalties.length ? (zh ? `处${penalties.join('、')}` : penalties.join(', ')) : '';
    sentences.push(
      zh
        ? [`${under}，${applies}`, what, ...persons].filter(Boolean).join('，')
        : `${under}, ${applies}${what ? `: ${[what, ...persons].join('; ')}` : ''}`,
    );
  }
  const c = d.continuing;
  if (c?.applies && c.days !== null && c.dailyAmount !== null && c.total !== null) {
    const cites = options.cite ? c.basis.map(options.cite).join('、') : '';
    const from = c.from ? chineseDate(c.from) : '';
    const until = c.until ? chineseDate(c.until) : '';
    sentences.push(
      zh
        ? `当事人经责令改正${from ? `（责令改正决定书于${from}送达）` : ''}逾期未改正，${cites ? `依照${cites}的规定，` : ''}自送达次日起${until ? `至${until}` : ''}按日连续处罚，共${c.days}日，每日罚款${amount(c.dailyAmount, lang)}，合计${amount(c.total, lang)}`
        : `The party did not correct the violation after the order to correct${c.from ? ` served on ${c.from}` : ''}; ${cites ? `under ${cites}, ` : ''}a daily fine applies from the next day${c.until ? ` to ${c.until}` : ''}: ${c.days} days at ${amount(c.dailyAmount, lang)}, ${amount(c.total, lang)} in total`,
    );
  }
  // The officer's reason is given when the fine leaves the tier's range (fine-check).
  if (reason)
    sentences.push(
      zh ? `罚款数额超出该阶次幅度的理由：${reason}` : `Why the fine lies outside the tier's range: ${reason}`,
    );
  return sentences.map((s) => end(s, lang)).join(zh ? '' : ' ');
}

/** The value of a `discretion.*` source (tier, fineRange, explanation) from a decision, if it gives one. */
export function discretionSourceValue(
  key: string,
  d: DiscretionDecision,
  reason?: string,
  options: ExplanationOptions = {},
): string | undefined {
  if (key === 'tier') return d.tier?.name ?? d.noPenalty?.name;
  // Undecided (facts missing), there is nothing to state yet: the field stays for the officer.
  if (key === 'explanation') return d.outcome === 'undetermined' ? undefined : explanationText(d, reason, options);
  return undefined;
}

/** Field values of a document that come from the discretion decision (`source: discretion.*`). */
export function discretionValues(
  fields: readonly { name: string; source?: string }[],
  d: DiscretionDecision,
  reason?: string,
  options: ExplanationOptions = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const key = f.source?.startsWith('discretion.') ? f.source.slice('discretion.'.length) : undefined;
    const value = key ? discretionSourceValue(key, d, reason, options) : undefined;
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}
