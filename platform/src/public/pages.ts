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
import type { PublicPlan } from './inspections.ts';

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
header nav { margin-top: 10px; display: flex; gap: 20px; font-size: 14px; }
header nav a { color: #fff; opacity: .85; text-decoration: none; }
header nav a[aria-current] { opacity: 1; font-weight: 600; border-bottom: 2px solid #fff; }
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

/** The two public sections: decisions (公示) and random inspections (一公开). */
type Section = 'decisions' | 'inspections';
const HEADINGS: Record<Section, string> = { decisions: '行政执法决定公示', inspections: '双随机抽查结果公示' };
const BASES: Record<Section, string> = {
  decisions:
    '依据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》和《中华人民共和国行政处罚法》第四十八条公开',
  inspections: '依据《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）公开',
};

const layout = (title: string, body: unknown, section: Section = 'decisions') => html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/public/style.css">
</head>
<body>
<header><h1>${HEADINGS[section]}</h1><p>${BASES[section]}</p>
<nav><a href="/public/"${section === 'decisions' ? html` aria-current="page"` : ''}>执法决定</a><a href="/public/inspections"${section === 'inspections' ? html` aria-current="page"` : ''}>双随机抽查结果</a></nav></header>
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

/** The list of drawn inspection plans (双随机、一公开). */
export function plansPage(p: { rows: PublicPlan[]; next: string | null; error: string | null }) {
  const rows = p.rows.map(
    (r) => html`<tr>
<td><a href="/public/inspections/${encodeURIComponent(r.id)}">${r.name}</a></td>
<td>${r.authority}</td>
<td>${r.periodFrom} 至 ${r.periodTo}</td>
<td>${r.drawnOn}</td>
<td>${r.drawn}</td>
</tr>`,
  );
  const body = html`
${p.error ? html`<div class="error" role="alert">${p.error}</div>` : ''}
<p class="muted">检查对象和执法检查人员均随机抽取（双随机），抽查情况和查处结果依法公开（一公开）。</p>
${
  p.rows.length
    ? html`<table>
<thead><tr><th>抽查计划</th><th>抽查机关</th><th>抽查期间</th><th>抽取日期</th><th>抽取检查对象数</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p class="muted">尚无已抽取的抽查计划。</p>`
}
<div class="pager"><a href="/public/inspections">返回首页</a>${p.next ? html`<a href="${p.next}" rel="next">下一页</a>` : ''}</div>`;
  return layout('双随机抽查结果公示', body, 'inspections');
}

/** One plan's results: the finished inspections (entity, day, result), and how many are still open. */
export function planPage(p: {
  plan: PublicPlan;
  results: { entity: { name: string; creditCode: string }; date: string | null; result: { name: string } }[];
  pending: number;
}) {
  const rows = p.results.map(
    (r) =>
      html`<tr><td>${r.entity.name}</td><td>${r.entity.creditCode}</td><td>${r.date ?? ''}</td><td>${r.result.name}</td></tr>`,
  );
  return layout(
    p.plan.name,
    html`<h2>${p.plan.name}</h2>
<dl><dt>抽查机关</dt><dd>${p.plan.authority}</dd><dt>抽查期间</dt><dd>${p.plan.periodFrom} 至 ${p.plan.periodTo}</dd>
<dt>抽取日期</dt><dd>${p.plan.drawnOn}</dd><dt>抽取检查对象数</dt><dd>${p.plan.drawn}</dd></dl>
<h3>检查结果</h3>
${
  rows.length
    ? html`<table><thead><tr><th>检查对象</th><th>统一社会信用代码</th><th>检查结束日期</th><th>检查结果</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">尚无已结束的检查。</p>`
}
${p.pending > 0 ? html`<p class="muted">另有 ${p.pending} 户检查尚未结束，结束后公示结果。</p>` : ''}
<p class="pager"><a href="/public/inspections">返回列表</a></p>`,
    'inspections',
  );
}
