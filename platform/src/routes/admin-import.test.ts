import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
let server: Server;
let sys: Client;
let sec: Client;
let secId: string;
let sysId: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface RowReport {
  row: number;
  username: string;
  status: string;
  changes: string[];
  problems: { column: string; code: string; message: { zh: string; en: string } }[];
}
interface Answer {
  report: {
    columns: { imported: string[]; ignored: string[] };
    rows: RowReport[];
    counts: { accepted: number; refused: number; unchanged: number };
  };
  applied: boolean;
  passwords?: { username: string; password: string }[];
}

/** A filled sheet: the template's headers (downloaded), its hint row left in, then the rows. */
async function sheet(rows: (string | Date | number | undefined)[][]): Promise<Uint8Array> {
  const res = await sys.get('/api/v1/admin/import/officers/template.xlsx');
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const upload = (who: Client, bytes: Uint8Array, apply: '0' | '1', type = XLSX) =>
  server.app.request(`/api/v1/admin/import/officers?apply=${apply}`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': type },
    body: bytes,
  });

/** A row of libsql as a plain object (its own keys, no symbol of values). */
const plain = (row: object) => Object.fromEntries(Object.entries(row));

/** What a refused import must leave as it was. */
async function state() {
  const users = await server.db.$client.execute('SELECT username, roles, certificate_no FROM users ORDER BY username');
  const head = await server.db.$client.execute('SELECT max(seq) AS seq FROM audit_events');
  return { users: users.rows.map(plain), head: head.rows[0]?.seq };
}

const GOOD = [
  ['chen.jing', '陈静', '120116-SCJ', 'officer', '12011620265001', '2030-12-31', '否'],
  ['liu.yang', '刘洋', '120116-SCJ', 'officer、legal-reviewer', '12011620265002', '2031-06-30', '是'],
];

beforeAll(async () => {
  server = await startTestServer();
  sysId = (await server.user({ username: 'wang.sysadmin', orgCode: '120116-GOV', roles: ['system-admin'] })).id;
  secId = (await server.user({ username: 'zhao.secadmin', orgCode: '120116-GOV', roles: ['security-admin'] })).id;
  await server.user({ username: 'shen.auditor', orgCode: '120116-GOV', roles: ['audit-admin'] });
  await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'] });
  sys = await server.as('wang.sysadmin');
  sec = await server.as('zhao.secadmin');
}, 120_000);

describe('who may import', () => {
  it('refuses the template and the import to those who hold no import column', async () => {
    const bytes = await sheet(GOOD);
    for (const who of ['shen.auditor', 'li.officer']) {
      const client = await server.as(who);
      expect((await client.get('/api/v1/admin/import/officers/template.xlsx')).status).toBe(403);
      expect((await upload(client, bytes, '0')).status).toBe(403);
    }
  });

  it('refuses a file that is not an .xlsx sheet, with the reason', async () => {
    const wrongType = await upload(sys, new TextEncoder().encode('a,b'), '0', 'text/csv');
    expect(wrongType.status).toBe(415);
    const notXlsx = await upload(sys, new TextEncoder().encode('not a workbook'), '0');
    expect(notXlsx.status).toBe(422);
    const body = (await notXlsx.json()) as { error: { message: { zh: string } } };
    expect(body.error.message.zh).toBe('文件不是有效的 Excel（.xlsx）工作簿');
  });
});

describe('the system administrator imports accounts', () => {
  it('reports a bad row with its column and reason and imports nothing, not even the good rows', async () => {
    const bytes = await sheet([...GOOD, ['sun.li', '孙丽', 'NO-SUCH-ORG'], ['bad name!', '某人', '120116-SCJ']]);
    const before = await state();
    const check = await upload(sys, bytes, '0');
    expect(check.status).toBe(200);
    const { report } = (await check.json()) as Answer;
    expect(report.counts).toEqual({ accepted: 2, refused: 2, unchanged: 0 });
    expect(report.rows.map((r) => r.row)).toEqual([3, 4, 5, 6]);
    const org = report.rows.find((r) => r.username === 'sun.li');
    expect(org?.problems).toEqual([
      {
        column: 'orgCode',
        code: 'unknown-organisation',
        message: { zh: '没有机构 NO-SUCH-ORG', en: 'there is no organisation NO-SUCH-ORG' },
      },
    ]);
    expect(report.rows[3]?.problems[0]).toMatchObject({ column: 'username', code: 'username-format' });
    const apply = await upload(sys, bytes, '1');
    expect(apply.status).toBe(422);
    const refused = (await apply.json()) as {
      error: { message: { en: string }; details: { report: Answer['report'] } };
    };
    expect(refused.error.message.en).toBe(
      '2 rows are wrong, so nothing was imported: correct the sheet and upload it again',
    );
    expect(refused.error.details.report.counts.refused).toBe(2);
    expect(await state()).toEqual(before);
  });

  it('creates the accounts without roles or certificates, says which columns it left, and gives each a password once', async () => {
    const res = await upload(sys, await sheet(GOOD), '1');
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.applied).toBe(true);
    expect(answer.report.columns).toEqual({
      imported: ['username', 'displayName', 'orgCode'],
      ignored: ['roles', 'certificateNo', 'validUntil', 'legalQualification'],
    });
    expect(answer.report.rows.map((r) => r.changes)).toEqual([['create'], ['create']]);
    const rows = await server.db.$client.execute(
      "SELECT username, display_name, org_code, roles, certificate_no, legal_qualification FROM users WHERE username IN ('chen.jing', 'liu.yang') ORDER BY username",
    );
    expect(rows.rows.map(plain)).toEqual([
      {
        username: 'chen.jing',
        display_name: '陈静',
        org_code: '120116-SCJ',
        roles: '[]',
        certificate_no: null,
        legal_qualification: 0,
      },
      {
        username: 'liu.yang',
        display_name: '刘洋',
        org_code: '120116-SCJ',
        roles: '[]',
        certificate_no: null,
        legal_qualification: 0,
      },
    ]);
    // The password given works, once; nothing of it is in the audit log.
    const chen = answer.passwords?.find((p) => p.username === 'chen.jing');
    expect(chen?.password).toMatch(/^.{20}$/);
    await server.as('chen.jing', chen?.password);
    const events = await server.db.$client.execute({
      sql: "SELECT action, actor, after FROM audit_events WHERE action IN ('user.create', 'user.import') AND actor = ? ORDER BY seq",
      args: [sysId],
    });
    expect(events.rows.map((r) => r.action)).toEqual(['user.create', 'user.create', 'user.import']);
    expect(events.rows.map((r) => String(r.after)).join()).not.toContain(chen?.password as string);
  });

  it('finds nothing to do in the same sheet again', async () => {
    const res = await upload(sys, await sheet(GOOD), '1');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: { zh: string }; details: { report: Answer['report'] } } };
    expect(body.error.message.zh).toBe('表中没有您可导入的内容');
    expect(body.error.details.report.counts).toEqual({ accepted: 0, refused: 0, unchanged: 2 });
  });
});

describe('the security administrator imports roles, certificates and legal qualification', () => {
  it('refuses a row without an account, an expired certificate, a role with an administrator role and a yes/no that is neither', async () => {
    const before = await state();
    const res = await upload(
      sec,
      await sheet([
        ['no.account', '无', '120116-SCJ', 'officer'],
        ['li.officer', '', '', 'officer', '1201', '2020-01-01'],
        ['chen.jing', '', '', 'officer,audit-admin'],
        ['liu.yang', '', '', '', '', '', '也许'],
        ['zhao.secadmin', '', '', 'officer'],
      ]),
      '1',
    );
    expect(res.status).toBe(422);
    const { report } = ((await res.json()) as { error: { details: { report: Answer['report'] } } }).error.details;
    const byRow = Object.fromEntries(report.rows.map((r) => [r.row, r.problems.map((p) => `${p.column}:${p.code}`)]));
    expect(byRow).toEqual({
      3: ['roles:no-account'],
      4: ['validUntil:certificate-date'],
      5: ['roles:admin-role-alone'],
      6: ['legalQualification:yes-no'],
      7: ['roles:own-account'],
    });
    expect(await state()).toEqual(before);
  });

  it('gives the accounts their roles, certificates and legal qualification, each an audit event by them', async () => {
    const res = await upload(sec, await sheet(GOOD), '1');
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.passwords).toEqual([]);
    expect(answer.report.columns.ignored).toEqual(['displayName', 'orgCode']);
    expect(answer.report.rows.map((r) => r.changes)).toEqual([
      ['roles', 'certificate'],
      ['roles', 'certificate', 'legal-qualification'],
    ]);
    const liu = await server.db.$client.execute(
      "SELECT roles, certificate_no, certificate_valid_until, legal_qualification FROM users WHERE username = 'liu.yang'",
    );
    expect(plain(liu.rows[0] as object)).toEqual({
      roles: JSON.stringify(['officer', 'legal-reviewer']),
      certificate_no: '12011620265002',
      certificate_valid_until: '2031-06-30',
      legal_qualification: 1,
    });
    const events = await server.db.$client.execute({
      sql: 'SELECT action FROM audit_events WHERE actor = ? ORDER BY seq',
      args: [secId],
    });
    expect(events.rows.map((r) => r.action)).toEqual([
      'auth.login',
      'user.roles-set',
      'user.certificate-set',
      'user.roles-set',
      'user.certificate-set',
      'user.legal-qualification-set',
      'user.import',
    ]);
  });
});
