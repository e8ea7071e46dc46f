/**
 * The messages of guard refusals, Chinese first. A transition's own `refusal` text is what
 * the officer reads for its conditions; the deciding tests come with it as the detail.
 */
import type { WorkflowTransition } from '@yifa/metamodel';
import { explainEvaluation } from './explain.ts';
import type { Message } from './issues.ts';
import type { Evaluation } from './trace.ts';

/** Why an action is refused. */
export type RefusalCode = 'role' | 'documents' | 'document-field' | 'officers' | 'certificates' | 'when' | 'unless';

/** One reason for a refusal, with its message and, for conditions, the evaluation that explains it. */
export interface Refusal {
  code: RefusalCode;
  message: Message;
  /** The deciding tests, as sentences. */
  detail?: Message;
  evaluation?: Evaluation;
  params: Record<string, unknown>;
}

type P = Record<string, unknown>;
type Doc = { code: string; name: string; nameEn?: string; issued: boolean };

const list = (v: unknown, sep: string): string => (Array.isArray(v) && v.length ? v.join(sep) : '—');

/** Role names in a language, from `names` (Messages) when the guard gave them, else the codes. */
const roleList = (names: unknown, codes: unknown, lang: 'zh' | 'en', sep: string): string =>
  list(Array.isArray(names) ? (names as Message[]).map((n) => n[lang]) : codes, sep);

const MESSAGES: Record<Exclude<RefusalCode, 'when' | 'unless'>, (p: P) => Message> = {
  role: (p) => ({
    zh: `需要以下角色之一：${roleList(p.requiredNames, p.required, 'zh', '、')}；当前角色：${roleList(p.roleNames, p.roles, 'zh', '、')}`,
    en: `requires one of the roles ${roleList(p.requiredNames, p.required, 'en', ', ')}; the user has ${roleList(p.roleNames, p.roles, 'en', ', ')}`,
  }),
  documents: (p) => {
    const docs = p.documents as Doc[];
    // The documents by their names (their codes stay in params); the transition's basis, when it
    // names one: the law requires the document (第二十七条 for 移送).
    const basis = Array.isArray(p.basis) ? (p.basis as Message[]) : [];
    return {
      zh: `以下文书尚未${docs.every((d) => d.issued) ? '出具' : '完成'}：${docs.map((d) => d.name).join('、')}${basis.length ? `（依据${basis.map((b) => b.zh).join('、')}）` : ''}`,
      en: `documents not yet ${docs.every((d) => d.issued) ? 'issued' : 'completed'}: ${docs.map((d) => d.nameEn ?? d.name).join(', ')}${basis.length ? ` (under ${basis.map((b) => b.en).join('; ')})` : ''}`,
    };
  },
  'document-field': (p) => {
    const where = { zh: `${p.documentName}“${p.fieldTitle}”栏`, en: `"${p.fieldTitleEn}" on the ${p.documentNameEn}` };
    const now = {
      zh: p.actual === null ? '尚未填写' : `填写的是“${p.actual}”`,
      en: p.actual === null ? 'is empty' : `says "${p.actualEn ?? p.actual}"`,
    };
    return p.equal !== undefined
      ? {
          zh: `${where.zh}须为“${p.equal}”，现${now.zh}`,
          en: `${where.en} must say "${p.equalEn ?? p.equal}"; it ${now.en}`,
        }
      : {
          zh: `${where.zh}为“${p.notEqual}”，不能执行此操作`,
          en: `${where.en} says "${p.notEqualEn ?? p.notEqual}", which rules this action out`,
        };
  },
  officers: (p) =>
    p.count === null
      ? {
          zh: '未记录承办执法人员人数（行政处罚法第四十二条）',
          en: 'the number of officers on the case is not recorded (art. 42)',
        }
      : {
          zh: `承办执法人员不足 ${p.min} 人（现有 ${p.count} 人，行政处罚法第四十二条）`,
          en: `fewer than ${p.min} officers on the case (${p.count}; art. 42)`,
        },
  certificates: () => ({
    zh: '承办执法人员未全部持有有效执法证件（行政处罚法第四十二条）',
    en: 'not every officer on the case holds a valid certificate (art. 42)',
  }),
};

/** A refusal with its message; for `when` / `unless`, the evaluation explains it. */
export function refusalFor(code: RefusalCode, t: WorkflowTransition, params: P, ev?: Evaluation): Refusal {
  if (!ev || (code !== 'when' && code !== 'unless')) {
    return { code, message: MESSAGES[code as keyof typeof MESSAGES](params), params };
  }
  const detail = { zh: explainEvaluation(ev, 'zh'), en: explainEvaluation(ev, 'en') };
  let message: Message;
  if (ev.held === null) {
    message = {
      zh: `无法判定是否可以${t.name}：${detail.zh}`,
      en: `cannot tell whether "${t.nameEn ?? t.action}" is allowed: ${detail.en}`,
    };
  } else if (code === 'when') {
    message = {
      zh: t.refusal ?? `条件不满足：${detail.zh}`,
      en: t.refusalEn ?? `the condition does not hold: ${detail.en}`,
    };
  } else {
    message = { zh: t.refusal ?? `排除条件成立：${detail.zh}`, en: t.refusalEn ?? `the exclusion holds: ${detail.en}` };
  }
  return { code, message, detail, evaluation: ev, params: { ...params, held: ev.held } };
}

/** A guard report as lines: each action allowed (✓) or refused (✗) with its reasons. */
export function explainGuards(
  transitions: readonly { action: string; name: Message; allowed: boolean; refusals: Refusal[] }[],
  lang: 'zh' | 'en' = 'zh',
): string[] {
  const sep = lang === 'zh' ? '；' : '; ';
  return transitions.map((t) => {
    const name = `${t.name[lang]}（${t.action}）`;
    if (t.allowed) return `✓ ${name}`;
    const reasons = t.refusals.map((r) =>
      r.detail && r.message[lang] !== r.detail[lang] ? `${r.message[lang]}（${r.detail[lang]}）` : r.message[lang],
    );
    return `✗ ${name}：${reasons.join(sep)}`;
  });
}
