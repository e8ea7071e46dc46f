/**
 * A discretion decision as sentences: the version and why it applies, each rule tried and why
 * it did or did not hold, the penalties and fine range (the responsible persons' fines, 双罚, in
 * the same sentence), continuing daily fines as days × amount, the circumstances and the
 * proposed fine. This is the 裁量基准适用情况 a decision document must state.
 */
import type { AmountRange, DiscretionDecision, DiscretionStep } from './discretion.ts';
import type { ContinuingFine } from './discretion-continuing.ts';
import { explainEvaluation, screenIssue } from './explain.ts';
import { formatNumber, type Lang } from './format.ts';

const KIND = {
  lighter: { zh: '从轻', en: 'lighter' },
  mitigated: { zh: '减轻', en: 'mitigated' },
  heavier: { zh: '从重', en: 'heavier' },
} as const;

// The kinds of 行政处罚法第九条 by their codes in the national codelist; any other code reads as itself.
/**
 * The tier's penalties other than the fine, as the pack's penalty-kinds codelist names them
 * (警告、吊销许可证件 / warning, revocation of a licence): the fine is stated with its range apart.
 */
export function otherPenalties(tier: NonNullable<DiscretionDecision['tier']>, lang: Lang): string[] {
  return tier.penalties.flatMap((code, i) => {
    if (code === 'fine') return [];
    const name = tier.penaltyNames[i]?.[lang] ?? code;
    // Mid-sentence in English: "Warning" reads "warning".
    return [lang === 'en' ? name.charAt(0).toLowerCase() + name.slice(1) : name];
  });
}

/** A fine range as text, e.g. `85,000–100,000 元`; a tier without a fine reads `不处罚款`. */
export function formatRange(r: AmountRange | null, lang: Lang): string {
  if (r === null) return lang === 'zh' ? '不处罚款' : 'no fine';
  const n = (x: number | null) => (x === null ? '?' : formatNumber(x));
  return `${n(r.min)}–${n(r.max)} ${lang === 'zh' ? '元' : 'yuan'}`;
}

/** The explanation of a discretion decision, one sentence a line. */
export function explainDiscretion(d: DiscretionDecision, lang: Lang = 'zh'): string[] {
  const zh = lang === 'zh';
  const v = d.version;
  const lines = [
    zh
      ? `裁量基准 ${d.benchmark}（版本 ${v.label}，${v.effectiveFrom} 起施行${v.effectiveTo ? `，至 ${v.effectiveTo}` : ''}），按违法行为发生日 ${d.violationDate} 适用；法定幅度 ${formatRange(d.legalRange, lang)}`
      : `${d.benchmarkNameEn ?? `Benchmark ${d.benchmark}`}, version ${v.label} (in force from ${v.effectiveFrom}${v.effectiveTo ? ` to ${v.effectiveTo}` : ''}) applies by the date of the violation, ${d.violationDate}; legal range ${formatRange(d.legalRange, lang)}`,
  ];
  if (d.laterVersions.length) {
    lines.push(
      zh
        ? `其后施行的版本 ${d.laterVersions.join('、')} 如处罚较轻，应适用较轻的版本（行政处罚法第三十七条）`
        : `later version(s) ${d.laterVersions.join(', ')} apply instead if lighter (Administrative Penalty Law art. 37)`,
    );
  }
  for (const s of d.steps) lines.push(stepLine(s, lang));
  if (d.outcome === 'no-penalty' && d.noPenalty) {
    const how = d.noPenalty.mandatory
      ? zh
        ? '应当不予处罚'
        : 'must not be penalised'
      : zh
        ? '可以不予处罚'
        : 'may go unpenalised';
    lines.push(zh ? `结论：${how}。${d.noPenalty.reason}` : `Outcome: ${how}. ${d.noPenalty.reason}`);
  } else if (d.tier) {
    lines.push(outcomeLine(d.tier, lang));
  } else {
    lines.push(zh ? '结论：无法判定，请补充以下事实' : 'Outcome: undetermined; these facts are needed');
  }
  if (d.continuing?.applies) lines.push(continuingLine(d.continuing, lang));
  if (d.proposedFine !== undefined) lines.push(proposedLine(d, lang));
  // A fact that several rules need is missing once, not once per rule.
  const issues = new Set(d.issues.map((i) => `${zh ? '问题' : 'Issue'}: ${screenIssue(i, lang)}`));
  lines.push(...issues);
  return lines;
}

function stepLine(s: DiscretionStep, lang: Lang): string {
  const zh = lang === 'zh';
  const why = s.evaluation
    ? explainEvaluation(s.evaluation, lang)
    : zh
      ? '默认阶次，无条件'
      : 'default tier, no condition';
  const verdict =
    s.held === null
      ? zh
        ? '无法判定'
        : 'undetermined'
      : s.held
        ? zh
          ? '适用'
          : 'applies'
        : zh
          ? '不适用'
          : 'does not apply';
  if (s.part === 'continuing') return zh ? `按日连续处罚${verdict}：${why}` : `continuing fines ${verdict}: ${why}`;
  const en = s.nameEn ?? s.name;
  if (s.part === 'circumstance') {
    const kind = s.kind;
    const k = kind ? (zh ? `（${KIND[kind].zh}）` : ` (${KIND[kind].en})`) : '';
    return zh ? `情节“${s.name}”${k}${verdict}：${why}` : `circumstance "${en}"${k} ${verdict}: ${why}`;
  }
  const what = s.part === 'tier' ? (zh ? '阶次' : 'tier') : zh ? '不予处罚规则' : 'no-penalty rule';
  return zh ? `${what}“${s.name}”${verdict}：${why}` : `${what} "${en}" ${verdict}: ${why}`;
}

function proposedLine(d: DiscretionDecision, lang: Lang): string {
  const zh = lang === 'zh';
  const fine = `${formatNumber(d.proposedFine ?? 0)} ${zh ? '元' : 'yuan'}`;
  if (!d.tier) {
    return zh ? `拟罚款 ${fine}，但结论不是处罚阶次` : `proposed fine ${fine}, but the outcome is not a penalty tier`;
  }
  if (!d.tier.fine && d.proposedFineOutsideTier) {
    return zh
      ? `拟罚款 ${fine}，但所选阶次“${d.tier.name}”不处罚款`
      : `proposed fine ${fine}, but tier "${d.tier.nameEn ?? d.tier.name}" has no fine`;
  }
  const range = formatRange(d.tier.fine, lang);
  const legal = d.proposedFineOutsideLegalRange ? (zh ? '，且超出法定幅度' : ', and outside the legal range') : '';
  if (d.proposedFineOutsideTier) {
    return zh
      ? `拟罚款 ${fine} 超出所选阶次幅度 ${range}${legal}`
      : `proposed fine ${fine} lies outside the tier's range ${range}${legal}`;
  }
  return zh
    ? `拟罚款 ${fine} 在所选阶次幅度 ${range} 内`
    : `proposed fine ${fine} lies within the tier's range ${range}`;
}

/** The outcome: the tier, its penalties besides the fine, the fine, and each responsible person's fine (双罚). */
function outcomeLine(tier: NonNullable<DiscretionDecision['tier']>, lang: Lang): string {
  const zh = lang === 'zh';
  const others = otherPenalties(tier, lang);
  const parts = others.length ? [zh ? others.join('、') : others.join(', ')] : [];
  if (tier.fine) parts.push(zh ? `罚款 ${formatRange(tier.fine, lang)}` : `fine ${formatRange(tier.fine, lang)}`);
  else parts.push(formatRange(null, lang));
  for (const p of tier.persons) {
    const legal = formatRange(p.legalRange, lang);
    const outside = p.outsideLegalRange ? (zh ? '，超出法定幅度' : ', outside the legal range') : '';
    parts.push(
      zh
        ? `对${p.name}罚款 ${formatRange(p.fine, lang)}（法定幅度 ${legal}${outside}）`
        : `fine on ${p.name} ${formatRange(p.fine, lang)} (legal range ${legal}${outside})`,
    );
  }
  return zh
    ? `结论：适用阶次“${tier.name}”，${parts.join('；')}`
    : `Outcome: tier "${tier.nameEn ?? tier.name}", ${parts.join('; ')}`;
}

/** 按日连续处罚 as the decision states it: from which day, to which, days × daily amount. */
function continuingLine(c: ContinuingFine, lang: Lang): string {
  const zh = lang === 'zh';
  const n = (x: number | null) => (x === null ? '?' : formatNumber(x));
  const basis = c.basis.length ? `（${c.basis.join('、')}）` : '';
  const today = c.untilToday ? (zh ? '（今日，尚未查实改正）' : ' (today: not found corrected)') : '';
  const outside = c.dailyAmountOutsideLegalRange
    ? zh
      ? '；每日罚款数额超出法定幅度'
      : '; the daily amount lies outside the legal range'
    : '';
  return zh
    ? `按日连续处罚${basis}：责令改正决定书 ${c.from ?? '?'} 送达，自次日起计至 ${c.until ?? '?'}${today}，共 ${n(c.days)} 日 × 每日 ${n(c.dailyAmount)} 元 = ${n(c.total)} 元${outside}`
    : `Continuing fine${c.basis.length ? ` (${c.basis.join(', ')})` : ''}: the order to correct was served on ${c.from ?? '?'}; counted from the next day to ${c.until ?? '?'}${today}: ${n(c.days)} days × ${n(c.dailyAmount)} yuan = ${n(c.total)} yuan${outside}`;
}
