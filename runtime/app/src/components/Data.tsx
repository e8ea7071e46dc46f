/**
 * Text the app shows as it was written, in either language: what people typed (a party's name,
 * an address, a reason, a signature) and official Chinese identifiers (case and document numbers,
 * the law's own words). Marked so that screen readers, fonts and the English-screen checks
 * (platform/e2e/english.e2e.test.ts) know it is data, not the app's words.
 */
import type { ReactNode } from 'react';

/** Typed by people: shown as typed. */
export function UserText({ children }: { children: ReactNode }) {
  return <span data-user-text="">{children}</span>;
}

/** An official Chinese identifier or text (文号, 案号, the words of a law): always in Chinese. */
export function Official({ children }: { children: ReactNode }) {
  return <span lang="zh-CN">{children}</span>;
}
