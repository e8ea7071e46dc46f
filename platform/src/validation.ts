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

/** The field problems of a zod error. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: `/${issue.path.map(String).join('/')}`,
    code: issue.code,
    message: { zh: text(zh, issue), en: text(en, issue) },
  }));
}

/** The hook of every validated route: a failed parse becomes a 422 with every problem. */
export function validationHook(result: { success: boolean; error?: unknown }): void {
  if (!result.success && result.error instanceof z.ZodError)
    throw new AppError('validation', { problems: fieldProblems(result.error) });
}
