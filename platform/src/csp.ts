/**
 * The Content-Security-Policy of the pages the platform serves: the built web apps and the
 * documents' print pages. Neither may run a script that is not a file of its own origin (no
 * inline script, no eval), load plugins, change its base URL or post a form elsewhere; the
 * print page runs no script at all.
 */
import { createHash } from 'node:crypto';
import { printHtml } from '@yifa/engine';

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/**
 * The web apps' policy. Styles may be inline because antd (CSS-in-JS) writes its styles into
 * <style> elements at run time, and the live document preview shows engine HTML with its own
 * <style> in a srcdoc frame, which takes this policy. Images may be data: URLs (the favicon is
 * `data:,`). Print pages of the same origin show in a frame; nothing else frames the app.
 */
export const APP_CSP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
});

/** The hash of a print page's one <style> element, the same CSS for every document. */
function printStyleHash(): string {
  const css = /<style>([\s\S]*?)<\/style>/.exec(printHtml({ paper: 'A4', orgName: '', title: '', items: [] }))?.[1];
  if (css === undefined) throw new Error('the print page has no <style> element');
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * A print page's policy: no script, its own stylesheet only (by hash, so no other inline style
 * applies even if one slipped in), nothing else loaded. The app shows issued documents' print
 * pages in a frame of the same origin, so `frame-ancestors` is 'self'.
 */
export const PRINT_CSP = policy({
  'default-src': "'none'",
  'script-src': "'none'",
  'style-src': printStyleHash(),
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'self'",
});
