/**
 * How the built web apps' files travel: compressed when the browser accepts it, and cached by
 * what they are. Vite names every file it emits under `assets/` by a hash of its content
 * (`CasePage-WjK4-_AK.js`), so such a file never changes under its name and a browser may keep it
 * a year without asking again; the page that names them (index.html) and any unhashed file must be
 * asked for again each time (`no-cache` revalidates, it does not forbid caching), or a browser
 * would keep loading the old build's scripts after an upgrade.
 */
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/** A year, the longest max-age caches honour; with `immutable` a reload does not revalidate either. */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Everything else the apps serve: cached, but revalidated before each use. */
export const REVALIDATE = 'no-cache';

// Vite's default `[name]-[hash].[ext]`: eight base64url characters before the extension.
const HASHED = /^\/assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/;

/**
 * The Cache-Control of a file of a web app, by its path inside the app (`/assets/x-AbCd1234.js`).
 *
 * @example
 * cacheControlFor('/assets/index-vQNoqWgo.js'); // 'public, max-age=31536000, immutable'
 * cacheControlFor('/index.html'); // 'no-cache'
 */
export function cacheControlFor(path: string): string {
  return HASHED.test(path) ? HASHED_ASSET_CACHE : REVALIDATE;
}

/**
 * Middleware for a web app mounted at `prefix`: gzip or deflate by Accept-Encoding (hono's
 * compress: bodies over 1 KiB of text, JavaScript, JSON, SVG …; it streams through Node's
 * CompressionStream, so it runs on @hono/node-server), and the Cache-Control of
 * {@link cacheControlFor} on every successful answer that set none of its own. `skip` names the
 * paths that are not the app's (the API keeps its own headers and encoding).
 */
export function webDelivery(prefix: string, skip: (path: string) => boolean): MiddlewareHandler {
  const encode = compress();
  return async (c, next) => {
    if (skip(c.req.path)) return next();
    await encode(c, async () => {
      await next();
      if (c.res.ok && !c.res.headers.has('cache-control'))
        c.header('cache-control', cacheControlFor(c.req.path.slice(prefix.length) || '/'));
    });
  };
}
