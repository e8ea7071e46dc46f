import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { auditEvents, studioWorkspaces } from '../db/schema.ts';
import { readAuthoritySheet } from '../studio/authority-xlsx.ts';
import { createWorkspace, resolvedWorkspace, workspaceRow } from '../studio/workspaces.ts';
import { AUTHORITY_XLSX_LIMIT } from './studio-authority.ts';
import { XLSX_TYPE } from './xlsx-upload.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;

interface Plan {
  counts: { add: number; change: number; unchanged: number; reject: number };
  rows: { row: number; code: string; action: string; issues?: { code: string; header: string }[] }[];
  applied?: { revision: number; saved: number; skipped: number };
}

let server: Server;
let implementer: Client;
let officer: Client;

const MANIFEST = `id: tj-binhai-test
name: 滨海新区测试工作副本
version: 0.1.0
region: {code: '120116', name: 天津市滨海新区, level: district}
extends: {id: tj-binhai, version: ^1.0.0}
locale: zh-CN
metamodel: '2'
`;

const HEADERS = ['事项编码', '事项名称', '职权类别', '实施主体', '执法领域', '设定依据', '追责情形'];
const GOOD = ['行政处罚', '区政府工作部门类', '市场监管', '《食品安全法》第122条第1款', '不依法履行职责的'];

async function xlsx(rows: string[][], headers = HEADERS): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('权责清单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function newWorkspace(): Promise<string> {
  const { hash, pack } = await server.services.packs.active();
  const { id } = await createWorkspace(server.db, {
    packId: 'tj-binhai-test',
    name: '测试',
    base: { hash, packId: pack.manifest.id, version: pack.manifest.version },
    files: { 'pack.yaml': MANIFEST },
    actor: 'test',
  });
  return id;
}

const importPath = (id: string, query: string) => `/api/v1/studio/workspaces/${id}/authority-items/import?${query}`;

function upload(client: Client, path: string, body: Uint8Array, type = XLSX_TYPE) {
  return server.app.request(path, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': type },
    body,
  });
}

const authorityItems = async (id: string) =>
  (await resolvedWorkspace(server.db, await workspaceRow(server.db, id), { packs: server.services.packs })).pack.items[
    'authority-item'
  ];

beforeAll(async () => {
  server = await startTestServer();
  await server.user({ username: 'tang.impl', orgCode: '120116-SFJ', roles: ['implementer'] });
  await server.user({
    username: 'li.officer',
    orgCode: '120116-SCJ',
    roles: ['officer'],
    certificateNo: '12011620260001',
    certificateValidUntil: '2030-12-31',
  });
  implementer = await server.as('tang.impl');
  officer = await server.as('li.officer');
}, 120_000);

describe('authority list import and export', () => {
  it('previews without saving: add, change and reject rows with their reasons', async () => {
    const id = await newWorkspace();
    const res = await upload(
      implementer,
      importPath(id, 'apply=0'),
      await xlsx([
        ['120116-SCJ-CF-9001', '对新事项的处罚', ...GOOD],
        ['120116-SCJ-CF-0001', '改过的名称', ...GOOD],
        ['120116-SCJ-CF-9002', '未知类别', '行政监察', ...GOOD.slice(1)],
      ]),
    );
    expect(res.status).toBe(200);
    const plan = (await res.json()) as Plan;
    expect(plan.rows.map((r) => `${r.row}:${r.action}`)).toEqual(['2:add', '3:change', '4:reject']);
    expect(plan.rows[2]?.issues?.map((i) => `${i.code}@${i.header}`)).toEqual(['unknown-category@职权类别']);
    expect((await workspaceRow(server.db, id)).revision).toBe(1);
    expect((await authorityItems(id)).has('120116-SCJ-CF-9001')).toBe(false);
  });

  it('applies atomically: one rejected row saves nothing (422); skipRejected saves the rest in one revision', async () => {
    const id = await newWorkspace();
    const rows = [
      ['120116-SCJ-CF-9001', '对新事项的处罚', ...GOOD],
      ['120116-SCJ-CF-0001', '改过的名称', ...GOOD],
      [
        '120116-SCJ-CF-9003',
        '依据不存在',
        '行政处罚',
        '区政府工作部门类',
        '市场监管',
        '《食品安全法》第一百二十二条',
        '',
      ],
    ];
    const refused = await upload(implementer, importPath(id, 'apply=1&revision=1'), await xlsx(rows));
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as {
      error: { message: { zh: string; en: string }; details: { rejected: number } };
    };
    expect(body.error.details.rejected).toBe(1);
    expect(body.error.message.zh).toContain('未保存任何内容');
    const row = await workspaceRow(server.db, id);
    expect(row.revision).toBe(1);
    expect(Object.keys(row.files)).toEqual(['pack.yaml']);

    const saved = await upload(implementer, importPath(id, 'apply=1&revision=1&skipRejected=1'), await xlsx(rows));
    expect(saved.status).toBe(200);
    const plan = (await saved.json()) as Plan;
    expect(plan.applied).toEqual({ revision: 2, saved: 2, skipped: 1 });
    const items = await authorityItems(id);
    expect(items.get('120116-SCJ-CF-9001')?.basis.setting).toEqual(['SPAQF-122-1']);
    expect(items.get('120116-SCJ-CF-0001')?.name).toBe('改过的名称');
    expect(items.has('120116-SCJ-CF-9003')).toBe(false);
    // The base item became an override of the one field changed (name), the new item its own file.
    const files = (await workspaceRow(server.db, id)).files;
    expect(Object.keys(files).sort()).toEqual([
      'authority-items/120116-SCJ-CF-9001.yaml',
      'overrides/authority-items/120116-SCJ-CF-0001.yaml',
      'pack.yaml',
    ]);
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.target, id));
    expect(events.filter((e) => e.action === 'studio.save')).toHaveLength(1);

    // The same sheet against the old revision is a conflict, and nothing changes.
    const stale = await upload(implementer, importPath(id, 'apply=1&revision=1&skipRejected=1'), await xlsx(rows));
    expect(stale.status).toBe(409);
    expect((await workspaceRow(server.db, id)).revision).toBe(2);
  });

  it('exports the working copy’s list, which imports back with every row unchanged, and audits the export', async () => {
    const id = await newWorkspace();
    const res = await implementer.get(`/api/v1/studio/workspaces/${id}/authority-items.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('权责清单-tj-binhai-test-r1.xlsx'));
    const bytes = new Uint8Array(await res.arrayBuffer());
    const sheet = await readAuthoritySheet(bytes);
    expect(sheet.ok && sheet.value.rows.length).toBe((await authorityItems(id)).size);
    const back = await upload(implementer, importPath(id, 'apply=1&revision=1'), bytes);
    const plan = (await back.json()) as Plan;
    expect(plan.counts).toEqual({ add: 0, change: 0, unchanged: (await authorityItems(id)).size, reject: 0 });
    expect(plan.applied).toEqual({ revision: 1, saved: 0, skipped: 0 });
    const events = await server.db.select().from(auditEvents).where(eq(auditEvents.target, id));
    expect(events.map((e) => e.action)).toContain('studio.authority-export');
  });

  it('refuses a sheet without a required column, another media type, apply without revision, and an unknown copy', async () => {
    const id = await newWorkspace();
    const missing = await upload(implementer, importPath(id, 'apply=0'), await xlsx([], HEADERS.slice(0, 5)));
    expect(missing.status).toBe(422);
    const body = (await missing.json()) as {
      error: { message: { zh: string; en: string }; details: { missing: string[] } };
    };
    expect(body.error.details.missing).toEqual(['设定依据', '追责情形']);
    expect(body.error.message.zh).toContain('缺少列：设定依据、追责情形');
    expect((await upload(implementer, importPath(id, 'apply=0'), await xlsx([]), 'text/csv')).status).toBe(415);
    const noRevision = await upload(implementer, importPath(id, 'apply=1'), await xlsx([]));
    expect(noRevision.status).toBe(400);
    expect(((await noRevision.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
      'revision',
    );
    expect((await upload(implementer, importPath('no-such-copy', 'apply=0'), await xlsx([]))).status).toBe(404);
    const tooLarge = await upload(implementer, importPath(id, 'apply=0'), new Uint8Array(AUTHORITY_XLSX_LIMIT + 1));
    expect(tooLarge.status).toBe(413);
  });

  it('refuses an officer (no pack.author) both routes, writing nothing', async () => {
    const id = await newWorkspace();
    const res = await upload(officer, importPath(id, 'apply=1&revision=1'), await xlsx([['X-1', '名', ...GOOD]]));
    expect(res.status).toBe(403);
    expect((await officer.get(`/api/v1/studio/workspaces/${id}/authority-items.xlsx`)).status).toBe(403);
    const [row] = await server.db.select().from(studioWorkspaces).where(eq(studioWorkspaces.id, id));
    expect(row?.revision).toBe(1);
  });
});
