/**
 * The public pages of 公示 (#16), served without sign-in outside /api: `/public/` (the list,
 * searched by a party's name or a 决定书文号 and by publication date, paged by a cursor) and
 * `/public/decisions/:id` (one record); the random inspections' results (双随机、一公开) at
 * `/public/inspections` (the drawn plans) and `/public/inspections/:id` (a plan's finished
 * inspections: entity, day, result; no officer, no address). Plain hono routes returning HTML: there is no JSON API
 * behind them, so a public reverse proxy can pass /public/ alone and expose nothing else. Each
 * page is one indexed query (public/disclosures.ts). Bad input (a malformed date or cursor, a
 * search too long) is answered 400 with the reason on the page, and nothing is read.
 */
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { publicPage, publicRecord } from '../public/disclosures.ts';
import { publicPlan, publicPlans } from '../public/inspections.ts';
import { listPage, notFoundPage, PUBLIC_CSP, PUBLIC_CSS, planPage, plansPage, recordPage } from '../public/pages.ts';

/** Records per page. */
export const PUBLIC_PAGE_SIZE = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2})~([0-9a-f-]{36})$/;
const MAX_QUERY = 50;

/** The public routes (full paths under /public), mounted at the root. */
export function publicRoutes() {
  const r = new Hono<AppEnv>();
  r.use('/public/*', async (c, next) => {
    await next();
    c.header('content-security-policy', PUBLIC_CSP);
    // A page may be stored but is asked for again each time: a withdrawn decision must not stay
    // readable from a browser's or a proxy's copy (the browser test saw it do so at max-age=60).
    // The pages cost about a millisecond of server time each (docs/benchmarks.md).
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-cache');
  });

  r.get('/public/style.css', (c) =>
    c.body(PUBLIC_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );

  const list = async (c: Context<AppEnv>) => {
    const q = (c.req.query('q') ?? '').trim();
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    const after = c.req.query('after') ?? '';
    const problems: string[] = [];
    if (q.length > MAX_QUERY) problems.push(`查询内容不得超过 ${MAX_QUERY} 字`);
    if (from && !DAY.test(from)) problems.push('公示日期（自）应为 YYYY-MM-DD');
    if (to && !DAY.test(to)) problems.push('公示日期（至）应为 YYYY-MM-DD');
    const cursor = after ? CURSOR.exec(after) : null;
    if (after && !cursor) problems.push('翻页参数无效，请从第一页查询');
    const form = { q: q.slice(0, MAX_QUERY), from: DAY.test(from) ? from : '', to: DAY.test(to) ? to : '' };
    if (problems.length) return c.html(listPage({ ...form, rows: [], next: null, error: problems.join('；') }), 400);
    const s = c.get('services');
    const page = await publicPage(s.db, {
      q: q || undefined,
      from: from || undefined,
      to: to || undefined,
      after: cursor ? { on: cursor[1] as string, id: cursor[2] as string } : undefined,
      limit: PUBLIC_PAGE_SIZE,
    });
    const last = page.rows.at(-1);
    const next =
      page.more && last
        ? `/public/?${new URLSearchParams({ ...(q ? { q } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), after: `${last.publishedOn}~${last.id}` })}`
        : null;
    return c.html(listPage({ ...form, rows: page.rows, next, error: null }));
  };
  r.get('/public', list);
  r.get('/public/', list);

  r.get('/public/decisions/:id', async (c) => {
    const id = c.req.param('id');
    const row = /^[0-9a-f-]{36}$/.test(id) ? await publicRecord(c.get('services').db, id) : undefined;
    if (!row) return c.html(notFoundPage(), 404);
    return c.html(recordPage(row));
  });
  const PLAN_CURSOR = /^([0-9T:.Z-]{10,30})~([0-9a-f-]{36})$/;
  const plans = async (c: Context<AppEnv>) => {
    const after = c.req.query('after') ?? '';
    const cursor = after ? PLAN_CURSOR.exec(after) : null;
    if (after && !cursor)
      return c.html(plansPage({ rows: [], next: null, error: '翻页参数无效，请从第一页查看' }), 400);
    const page = await publicPlans(c.get('services').db, {
      limit: PUBLIC_PAGE_SIZE,
      ...(cursor ? { after: { at: cursor[1] as string, id: cursor[2] as string } } : {}),
    });
    const next =
      page.more && page.last
        ? `/public/inspections?${new URLSearchParams({ after: `${page.last.at}~${page.last.id}` })}`
        : null;
    return c.html(plansPage({ rows: page.rows, next, error: null }));
  };
  r.get('/public/inspections', plans);
  r.get('/public/inspections/', plans);

  r.get('/public/inspections/:id', async (c) => {
    const id = c.req.param('id');
    const s = c.get('services');
    const found = /^[0-9a-f-]{36}$/.test(id) ? await publicPlan(s.db, s.packs, id) : undefined;
    if (!found) return c.html(notFoundPage(), 404);
    return c.html(planPage(found));
  });
  return r;
}
