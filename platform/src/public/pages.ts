/**
 * The public pages of 公示 (#16), rendered on the server as plain HTML: no script, one stylesheet
 * of this origin, no form posting anywhere but here (PUBLIC_CSP). Every value is escaped by
 * hono's `html` template (a party named `<script>` reads as text). They show only what a record's
 * stored, already masked content holds; a withdrawn record shows that it was withdrawn, when and
 * why (第四十八条: 撤回并公开说明理由), with its 文号 and authority, and none of its content: the
 * decision no longer stands, and the party's name should not stay public under it.
 */
import { html } from 'hono/html';
import type { DisclosureItem } from '../db/schema.ts';

/** The pages' policy: nothing runs, only the stylesheet of this origin loads, forms submit here. */
export const PUBLIC_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The stylesheet (served at /public/style.css). */
export const PUBLIC_CSS = `
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; margin: 0; color: #1f1f1f; background: #f5f6f8; }
header { background: #a8071a; color: #fff; padding: 16px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; font-size: 13px; opacity: .9; }
main { max-width: 1080px; margin: 24px auto; background: #fff; padding: 24px 32px; border-radius: 6px; }
form.search { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; margin-bottom: 16px; }
form.search label { display: flex; flex-direction: column; font-size: 13px; gap: 4px; }
form.search input { padding: 6px 8px; border: 1px solid #d9d9d9; border-radius: 4px; font-size: 14px; }
form.search button { padding: 7px 18px; background: #a8071a; color: #fff; border: 0; border-radius: 4px; font-size: 14px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { border-bottom: 1px solid #f0f0f0; padding: 10px 8px; text-align: left; vertical-align: top; }
th { background: #fafafa; font-weight: 600; }
dl { display: grid; grid-template-columns: 180px 1fr; gap: 0; margin: 0; }
dt, dd { padding: 10px 12px; border-bottom: 1px solid #f0f0f0; margin: 0; }
dt { background: #fafafa; font-weight: 600; }
dd { white-space: pre-wrap; }
.tag { display: inline-block; padding: 0 8px; border-radius: 4px; font-size: 12px; background: #fff1f0; color: #a8071a; border: 1px solid #ffa39e; }
.notice { padding: 16px; background: #fffbe6; border: 1px solid #ffe58f; border-radius: 4px; }
.error { padding: 12px 16px; background: #fff1f0; border: 1px solid #ffa39e; border-radius: 4px; margin-bottom: 16px; }
.pager { margin-top: 16px; display: flex; justify-content: space-between; font-size: 14px; }
.muted { color: #8c8c8c; font-size: 13px; }
a { color: #a8071a; }
`;

const layout = (title: string, body: unknown) => html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/public/style.css">
</head>
<body>
<header><h1>行政执法决定公示</h1><p>依据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》和《中华人民共和国行政处罚法》第四十八条公开</p></header>
<main>${body}</main>
</body>
</html>`;

/** A row of the list. */
export interface ListRow {
  id: string;
  state: 'published' | 'corrected' | 'withdrawn';
  documentNumber: string;
  partyName: string;
  authority: string;
  decidedOn: string;
  publishedOn: string;
}

/** The list page: the search form as submitted, the rows, a link to the next page. */
export function listPage(p: {
  q: string;
  from: string;
  to: string;
  rows: ListRow[];
  next: string | null;
  error: string | null;
}) {
  const rows = p.rows.map(
    (r) => html`<tr>
<td><a href="/public/decisions/${encodeURIComponent(r.id)}">${r.documentNumber}</a>${r.state === 'corrected' ? html` <span class="tag">已更正</span>` : ''}</td>
<td>${r.partyName}</td>
<td>${r.authority}</td>
<td>${r.decidedOn}</td>
<td>${r.publishedOn}</td>
</tr>`,
  );
  const body = html`
${p.error ? html`<div class="error" role="alert">${p.error}</div>` : ''}
<form class="search" method="get" action="/public/">
<label>当事人名称或决定书文号（从开头输入）<input name="q" value="${p.q}" maxlength="50"></label>
<label>公示日期自<input name="from" type="date" value="${p.from}"></label>
<label>至<input name="to" type="date" value="${p.to}"></label>
<button type="submit">查询</button>
</form>
${
  p.rows.length
    ? html`<table>
<thead><tr><th>决定书文号</th><th>当事人</th><th>处罚机关</th><th>决定日期</th><th>公示日期</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p class="muted">没有符合条件的公示信息。</p>`
}
<div class="pager"><a href="/public/">返回首页</a>${p.next ? html`<a href="${p.next}" rel="next">下一页</a>` : ''}</div>`;
  return layout('行政执法决定公示', body);
}

/** A record's page: its content, or the notice that it was withdrawn. */
export function recordPage(
  r: ListRow & { content: DisclosureItem[]; reason: string | null; changedOn: string | null },
) {
  if (r.state === 'withdrawn')
    return layout(
      `${r.documentNumber} 已撤回`,
      html`<h2>${r.documentNumber} <span class="tag">已撤回</span></h2>
<div class="notice" role="status">
<p>该行政处罚决定信息已于 ${r.changedOn ?? ''} 撤回，原公示内容不再公开。</p>
<p>处罚机关：${r.authority}</p>
<p>撤回理由：${r.reason ?? ''}</p>
</div>
<p class="pager"><a href="/public/">返回列表</a></p>`,
    );
  const items = r.content.map((i) => html`<dt>${i.label}</dt><dd>${i.value}</dd>`);
  return layout(
    r.documentNumber,
    html`<h2>${r.documentNumber}${r.state === 'corrected' ? html` <span class="tag">已更正</span>` : ''}</h2>
${r.state === 'corrected' ? html`<div class="notice" role="status"><p>本决定信息已于 ${r.changedOn ?? ''} 更正：${r.reason ?? ''}</p></div>` : ''}
<dl>${items}<dt>公示日期</dt><dd>${r.publishedOn}</dd></dl>
<p class="pager"><a href="/public/">返回列表</a></p>`,
  );
}

/** The page for a record that does not exist. */
export function notFoundPage() {
  return layout('未找到', html`<p>未找到该公示信息。</p><p><a href="/public/">返回列表</a></p>`);
}
