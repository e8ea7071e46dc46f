/**
 * zh-CN first, English on request: one small message table (messages.ts), a language held in
 * localStorage, and `pick` for the platform's own bilingual messages and pack names.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Bilingual } from './api.ts';
import { format, joinList, paren } from './message-format.ts';
import { MESSAGES, type MessageKey } from './messages.ts';

/** The two languages. */
export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A message of the table, `{name}` placeholders and `{n, plural, …}` plurals filled. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The right half of a bilingual message. */
  pick(m: Bilingual | null | undefined): string;
  /** A pack name with an optional English name. */
  name(zh: string, en?: string | null): string;
  /** The name of a pack item in the language: its nameEn in English when it has one. */
  named(item: Named | null | undefined): string;
  /** Items joined as the language joins them (、 or , ). */
  list(items: readonly string[]): string;
  /** A remark in brackets after text, full-width in Chinese. */
  paren(text: string, remark: string): string;
}

/** Anything with a Chinese name and maybe an English one (states, documents, workflows, tiers …). */
export interface Named {
  name: string;
  nameEn?: string | null;
}

const KEY = 'yifa.lang';
const Ctx = createContext<I18n | null>(null);

function initial(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

/** The `lang` of `<html>` for a language (screen readers, fonts and the browser's translation offer read it). */
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-CN' : 'en');

/** Provides the language to the app. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initial);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  }, []);
  // The language held from an earlier visit, as well as one chosen now: <html lang> and the title follow it.
  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
    document.title = MESSAGES[lang]['app.title'];
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => format(MESSAGES[lang][key] ?? key, params),
      pick: (m) => (m ? m[lang] : ''),
      name: (zh, en) => (lang === 'en' && en ? en : zh),
      named: (item) => (item ? (lang === 'en' && item.nameEn ? item.nameEn : item.name) : ''),
      list: (items) => joinList(items, lang),
      paren: (text, remark) => paren(text, remark, lang),
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
