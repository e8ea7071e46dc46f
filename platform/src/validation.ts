/**
 * Request validation failures as data: each problem with its path and a message in
 * zh-CN and en (zod's own locales), answered as a 422 `validation` error.
 */
import { z } from '@hono/zod-openapi';
import { AppError } from './errors.ts';

type Issue = z.core.$ZodIssue;
const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function text(localeError: typeof zh, issue: Issue): string {
  const r = localeError(issue as never);
  return typeof r === 'string' ? r : (r?.message ?? issue.message);
}

/** One field problem. */
export interface FieldProblem {
  path: string;
  code: string;
  message: { zh: string; en: string };
}

/** The field problems of a zod error; a check of ours gives its own code and messages in `params`. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const own = issue.code === 'custom' ? (issue.params as Partial<FieldProblem> | undefined) : undefined;
    return {
      path: `/${issue.path.map(String).join('/')}`,
      code: own?.code ?? issue.code,
      message: own?.message ?? { zh: text(zh, issue), en: text(en, issue) },
    };
  });
}

/**
 * What names, addresses and file names may not hold: control characters (Cc) and the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). Those are
 * invisible and make text read other than it is (“报告\u202Efdp.exe” displays as “报告exe.pdf”),
 * and a name printed on a document or shown in a list must read as what was stored.
 */
const CONTROLS = '\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const CONTROL = new RegExp(`[${CONTROLS}]`, 'u');

/**
 * A string schema that also refuses control and bidirectional characters, with a problem in zh
 * and en naming the character. Its OpenAPI `pattern` is the same rule as a plain ECMA-262 pattern
 * (zod-to-openapi prints a regex check's flags into the pattern, which breaks client validators).
 *
 * @example
 * const Party = z.object({ name: plainText(z.string().trim().min(1).max(200)) });
 */
export function plainText<T extends z.ZodString>(schema: T): T {
  return schema
    .superRefine((value, ctx) => {
      const found = CONTROL.exec(value)?.[0];
      if (found === undefined) return;
      const u = `U+${(found.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
      const params: Omit<FieldProblem, 'path'> = {
        code: 'control-character',
        message: {
          zh: `不能包含控制字符或文字方向控制字符（${u}）`,
          en: `may not contain control characters or bidirectional text controls (${u})`,
        },
      };
      ctx.addIssue({ code: 'custom', message: params.message.en, params });
    })
    .openapi({ pattern: `^[^${CONTROLS}]*$` });
}

/** The hook of every validated route: a failed parse becomes a 422 with every problem. */
export function validationHook(result: { success: boolean; error?: unknown }): void {
  if (!result.success && result.error instanceof z.ZodError)
    throw new AppError('validation', { problems: fieldProblems(result.error) });
}
