/**
 * What `yifa demo` prints: the demo accounts (user name, name, role, subject, password) and
 * the cases, as plain-text tables whose columns line up on a terminal with Chinese text
 * (CJK characters take two columns).
 */
import type { ResolvedPack } from '@yifa/metamodel';
import { DEMO_PASSWORD, DEMO_USERS } from './people.ts';
import type { DemoSummary } from './seed.ts';

/** Columns a character takes on a terminal: two for East Asian wide and full-width characters. */
function columns(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** The width of a text on a terminal. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += columns(ch);
  return n;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** A table: a header row, a rule, the rows; columns two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The accounts table, with role and subject names from the pack. */
export function accountsTable(pack: ResolvedPack): string {
  const rows = DEMO_USERS.map((u) => [
    u.username,
    u.displayName,
    u.roles.map((r) => pack.items.role.get(r)?.name ?? r).join('、'),
    pack.items.organisation.get(u.orgCode)?.name ?? u.orgCode,
    DEMO_PASSWORD,
    [u.certificateNo ? `执法证 ${u.certificateNo}` : '', u.note ?? ''].filter(Boolean).join('；'),
  ]);
  return table(['用户名', '姓名', '角色', '所属执法主体', '密码', '说明'], rows);
}

const shorten = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;

/** The cases table (subjects by short name, long matter names cut). */
export function casesTable(pack: ResolvedPack, summary: DemoSummary): string {
  const org = (code: string) => pack.items.organisation.get(code);
  return table(
    ['案件编号', '执法主体', '执法事项', '当事人', '当前环节', '最近期限'],
    summary.cases.map((c) => [
      c.number,
      org(c.subject)?.shortName ?? org(c.subject)?.name ?? c.subject,
      shorten(c.matter, 18),
      c.party,
      c.state,
      c.deadline,
    ]),
  );
}

/** Everything printed after the demo is prepared. */
export function demoReport(pack: ResolvedPack, summary: DemoSummary): string {
  const out = [
    '',
    '演示账号（仅供演示，密码公开，请勿用于真实数据） / demo credentials — for demonstration only',
    '',
    accountsTable(pack),
    '',
  ];
  if (summary.cases.length > 0)
    out.push(
      `演示案件 ${summary.cases.length} 件（均经接口由上述用户办理，时间为近三个月） / demo cases, played through the API`,
      '',
      casesTable(pack, summary),
      '',
    );
  if (summary.refusal)
    out.push(`执法证过期的王芳立案被拒绝 / an expired certificate is refused: ${summary.refusal.zh}`, '');
  out.push(`审计链完整：${summary.events} 条记录 / audit chain intact: ${summary.events} events, head ${summary.head}`);
  return out.join('\n');
}
