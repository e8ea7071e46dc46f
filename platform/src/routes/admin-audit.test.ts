import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { writeCheckpoint } from '../audit/checkpoint.ts';
import { createUser, updateUser } from '../users.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
let server: Server;
let auditor: Client;
let sysId: string;
let secId: string;

interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  actorUser: { username: string; displayName: string } | null;
  caseNumber: string | null;
  after: unknown;
}
interface Page {
  items: Entry[];
  total: number;
}
interface ErrorBody {
  error: { code: string; details?: { problems?: { path: string; code: string; message: { zh: string } }[] } };
}

const events = async (query: string) => {
  const res = await auditor.get(`/api/v1/admin/audit/events${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

beforeAll(async () => {
  server = await startTestServer();
  await server.user({ username: 'shen.auditor', orgCode: '120116-GOV', roles: ['audit-admin'] });
  sysId = (await server.user({ username: 'wang.sysadmin', orgCode: '120116-GOV', roles: ['system-admin'] })).id;
  secId = (await server.user({ username: 'zhao.secadmin', orgCode: '120116-GOV', roles: ['security-admin'] })).id;
  await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'] });
  // The system administrator creates an account; the security administrator gives it a role.
  await createUser(
    server.db,
    {
      username: 'new.officer',
      displayName: '新执法人员',
      password: 'Zhifa#2026-new',
      orgCode: '120116-SCJ',
      roles: [],
    },
    sysId,
  );
  await updateUser(server.db, 'new.officer', { roles: ['officer'] }, secId);
  auditor = await server.as('shen.auditor');
}, 120_000);

describe('searching the audit log', () => {
  it('finds each administrator’s own actions by person, newest first, with who they are', async () => {
    const sys = await events('?person=wang.sysadmin');
    expect(sys.items.map((e) => e.action)).toEqual(['user.create']);
    expect(sys.items[0]?.actorUser).toEqual({ username: 'wang.sysadmin', displayName: 'wang.sysadmin' });
    expect(sys.items[0]?.after).toMatchObject({ username: 'new.officer', roles: [] });
    const sec = await events('?person=zhao.secadmin');
    expect(sec.items.map((e) => e.action)).toEqual(['user.update']);
    expect(sec.items[0]?.actor).toBe(secId);
    // The actor as the chain records it works too.
    expect((await events(`?person=${secId}`)).items.map((e) => e.action)).toEqual(['user.update']);
    const all = await events('?pageSize=200');
    const seqs = all.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.total).toBe(all.items.length);
  });

  it('filters by one action or a group of them, and pages', async () => {
    const created = await events('?action=user.create');
    expect(created.items.map((e) => (e.after as { username: string }).username)).toEqual([
      'new.officer',
      'li.officer',
      'zhao.secadmin',
      'wang.sysadmin',
      'shen.auditor',
    ]);
    const users = await events('?action=user.*');
    expect(new Set(users.items.map((e) => e.action))).toEqual(new Set(['user.create', 'user.update']));
    const page2 = await events('?action=user.create&pageSize=2&page=2');
    expect(page2.total).toBe(5);
    expect(page2.items.map((e) => (e.after as { username: string }).username)).toEqual([
      'zhao.secadmin',
      'wang.sysadmin',
    ]);
    // An underscore or percent sign in a group is matched as typed, not as a wildcard.
    expect((await events('?action=user_.*')).total).toBe(0);
  });

  it('filters by time range and by case', async () => {
    const all = await events('?pageSize=200');
    const newest = all.items[0] as Entry;
    const after = await events(`?from=${encodeURIComponent(newest.at)}`);
    expect(after.items.every((e) => e.at >= newest.at)).toBe(true);
    expect(after.items.map((e) => e.seq)).toContain(newest.seq);
    const before = await events(`?to=${encodeURIComponent(newest.at)}`);
    expect(before.items.map((e) => e.seq)).not.toContain(newest.seq);
    expect(before.total + after.total).toBe(all.total);
    // A time in another zone is the same instant.
    const shanghai = new Date(Date.parse(newest.at) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect((await events(`?from=${encodeURIComponent(shanghai)}`)).total).toBe(after.total);
    expect((await events('?case=no-such-case')).total).toBe(0);
  });

  it('refuses bad filters with the field and the reason, zh and en', async () => {
    const range = await auditor.get('/api/v1/admin/audit/events?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z');
    expect(range.status).toBe(422);
    const rangeBody = (await range.json()) as ErrorBody;
    expect(rangeBody.error.details?.problems?.[0]).toMatchObject({ path: '/to', code: 'range' });
    expect(rangeBody.error.details?.problems?.[0]?.message.zh).toBe('结束时间应晚于开始时间');
    const day = await auditor.get('/api/v1/admin/audit/events?from=yesterday');
    expect(day.status).toBe(422);
    expect(((await day.json()) as ErrorBody).error.details?.problems?.[0]).toMatchObject({
      path: '/from',
      code: 'instant',
    });
    const action = await auditor.get('/api/v1/admin/audit/events?action=user%20create');
    expect(((await action.json()) as ErrorBody).error.details?.problems?.[0]).toMatchObject({
      path: '/action',
      code: 'action',
    });
  });

  it('lists the actions the log holds', async () => {
    const res = await auditor.get('/api/v1/admin/audit/actions');
    const { actions } = (await res.json()) as { actions: string[] };
    expect(actions).toContain('user.create');
    expect(actions).toContain('user.update');
    expect(actions).toEqual([...actions].sort());
  });
});

describe('who may read it', () => {
  it('refuses everyone without audit.read: the system and security administrators and an officer', async () => {
    for (const who of ['wang.sysadmin', 'zhao.secadmin', 'li.officer']) {
      const client = await server.as(who);
      for (const path of ['/events', '/events.xlsx', '/actions', '/checkpoint', '/verify']) {
        const res = await client.get(`/api/v1/admin/audit${path}`);
        expect(res.status, `${who} ${path}`).toBe(403);
      }
    }
  });
});

describe('exporting', () => {
  it('exports the filtered events as .xlsx and records the export in the chain', async () => {
    const before = await events('?action=audit.export');
    const res = await auditor.get('/api/v1/admin/audit/events.xlsx?action=user.*&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    const header = rows.findIndex((r) => r[0] === 'Seq');
    expect(rows[header]).toEqual([
      'Seq',
      'Time',
      'Actor',
      'User name',
      'Action',
      'Case',
      'Target',
      'Before',
      'After',
      'Hash',
    ]);
    const data = rows.slice(header + 1);
    const found = await events('?action=user.*&pageSize=200');
    expect(data.map((r) => r[0])).toEqual(found.items.map((e) => e.seq));
    expect(data.map((r) => r[4])).toEqual(found.items.map((e) => e.action));
    expect(rows.find((r) => r[0] === '  Action')?.[1]).toBe('user.*');
    const after = await events('?action=audit.export');
    expect(after.total).toBe(before.total + 1);
    expect(after.items[0]?.actorUser?.username).toBe('shen.auditor');
    expect(after.items[0]?.after).toMatchObject({ filters: { action: 'user.*' }, rows: data.length });
  });
});

describe('verifying the chain and its checkpoint', () => {
  it('verifies the chain as the CLI does and shows the latest checkpoint once one is signed', async () => {
    const none = (await (await auditor.get('/api/v1/admin/audit/checkpoint')).json()) as { state: string };
    expect(none.state).toBe('none');
    const settings = server.services.auditCheckpoint;
    if (!settings) throw new Error('the harness gives the checkpoint settings');
    const written = await writeCheckpoint(server.db, settings);
    expect(written.kind).toBe('written');
    const signed = (await (await auditor.get('/api/v1/admin/audit/checkpoint')).json()) as {
      state: string;
      seq: number;
    };
    expect(signed.state).toBe('signed');
    const total = (await events('')).total;
    expect(signed.seq).toBe(total);
    const verified = (await (await auditor.get('/api/v1/admin/audit/verify')).json()) as {
      report: { ok: boolean; events: number; checkpoint?: { latest: { seq: number } | null } };
    };
    expect(verified.report).toMatchObject({ ok: true, events: total, checkpoint: { latest: { seq: total } } });
  });

  it('names the edited event when someone who can write the file changed one', async () => {
    const target = (await events('?person=wang.sysadmin&action=user.create')).items[0] as Entry;
    await server.db.$client.execute('DROP TRIGGER audit_events_no_update');
    await server.db.$client.execute({
      sql: "UPDATE audit_events SET after = json_set(after, '$.username', 'someone.else') WHERE seq = ? AND action = 'user.create'",
      args: [target.seq],
    });
    const res = await auditor.get('/api/v1/admin/audit/verify');
    const { report } = (await res.json()) as { report: { ok: boolean; seq: number; problem: string } };
    expect(report).toMatchObject({ ok: false, seq: target.seq, problem: 'edited' });
  });
});
