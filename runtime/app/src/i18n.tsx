/**
 * zh-CN first, English on request: one small message table (messages.ts), a language held in
 * localStorage, and `pick` for the platform's own bilingual messages and pack names.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Bilingual } from './api.ts';
import { MESSAGES, type MessageKey } from './messages.ts';

/** The two languages. */
export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A message of the table, `{name}` placeholders filled. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The right half of a bilingual message. */
  pick(m: Bilingual | null | undefined): string;
  /** A pack name with an optional English name. */
  name(zh: string, en?: string | null): string;
}

const KEY = 'yifa.lang';
const Ctx = createContext<I18n | null>(null);

function initial(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

/** Provides the language to the app. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initial);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) =>
        (MESSAGES[lang][key] ?? key).replace(/\{(\w+)\}/g, (_, p: string) => String(params?.[p] ?? `{${p}}`)),
      pick: (m) => (m ? m[lang] : ''),
      name: (zh, en) => (lang === 'en' && en ? en : zh),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The language, the message table and helpers. */
export function useT(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useT outside LangProvider');
  return v;
}
