/**
 * Backup and restore end to end (#17): a copy with a case (the party's ID number sealed), an
 * evidence file and a signed audit checkpoint is backed up while it keeps taking writes, restored
 * into a new home, and then proves itself — the chain verifies against the restored checkpoint,
 * the restored key opens the party's ID number, and the restored copy serves the evidence file.
 * What must be refused is: a non-empty backup folder, a restore over existing data, an altered
 * backup, a libsql server. Real temp libsql files.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { createApp } from '../app.ts';
import { auditKeyFile } from '../audit/audit-key.ts';
import { checkpointSettings, writeCheckpoint } from '../audit/checkpoint.ts';
import { openDb } from '../db/client.ts';
import { createServices } from '../services.ts';
import { backupCopy, type CopyPaths, readManifest, restoreCopy } from './backup.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.alloc(200, 7),
]);
const PERSON = { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' };

const pathsOf = (home: string): CopyPaths => {
  const databaseUrl = `file:${join(home, 'yifa.db')}`;
  return {
    databaseUrl,
    filesDir: join(home, 'files'),
    dataKeyFile: join(home, 'keys', 'pii.key'),
    auditKeyFile: auditKeyFile(databaseUrl, {}),
    checkpointFile: checkpointSettings(databaseUrl, {}).file,
  };
};

let server: Server;
let officer: Awaited<ReturnType<Server['as']>>;
let caseId: string;
let attachmentId: string;
const ids: string[] = [];

async function openCase(): Promise<string> {
  const res = await officer.post('/api/v1/cases', { matter: '120116-SCJ-CF-0001-01', party: PERSON, officers: ids });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as Json).id;
}

beforeAll(async () => {
  server = await startTestServer();
  // The test server's folder is the copy's home (its database and files are there); the keys go there too.
  const home = server.dir;
  const cert = { certificateValidUntil: '2099-12-31' };
  ids.push(
    (
      await server.user({
        username: 'li.officer',
        orgCode: '120116-SCJ',
        roles: ['officer'],
        certificateNo: '1',
        ...cert,
      })
    ).id,
  );
  ids.push(
    (
      await server.user({
        username: 'wang.officer',
        orgCode: '120116-SCJ',
        roles: ['officer'],
        certificateNo: '2',
        ...cert,
      })
    ).id,
  );
  officer = await server.as('li.officer');
  caseId = await openCase();
  const up = await server.app.request(`/api/v1/cases/${caseId}/attachments?filename=photo.png`, {
    method: 'POST',
    headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': 'image/png' },
    body: PNG,
  });
  expect(up.status, await up.clone().text()).toBe(201);
  attachmentId = ((await up.json()) as Json).id;
  // The personal-data key as a file (the tests' key, from YIFA_DATA_KEY), and a signed checkpoint.
  mkdirSync(join(home, 'keys'), { recursive: true });
  writeFileSync(join(home, 'keys', 'pii.key'), process.env.YIFA_DATA_KEY as string, { mode: 0o600 });
  const written = await writeCheckpoint(server.db, checkpointSettings(pathsOf(home).databaseUrl, {}));
  expect(written.kind).toBe('written');
}, 120_000);

describe('backup and restore', () => {
  it('backs up while the copy takes writes, and a restore into a new home proves itself', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'yifa-backup-')), 'b');
    // A case opened while the backup runs: the backup is one consistent snapshot, before or after it.
    const [manifest] = await Promise.all([backupCopy(server.db, pathsOf(server.dir), out), openCase()]);
    expect(manifest).toMatchObject({
      format: 'yifa.backup/1',
      files: { count: 1, bytes: PNG.length },
      keys: { data: 'file', audit: 'file' },
      checkpoint: true,
    });
    expect(manifest.database.auditEvents).toBeGreaterThan(3);
    expect(readManifest(out).database.sha256).toBe(manifest.database.sha256);

    const home = mkdtempSync(join(tmpdir(), 'yifa-restored-'));
    const report = await restoreCopy(out, pathsOf(home));
    expect(report).toMatchObject({
      ok: true,
      chain: { ok: true, events: manifest.database.auditEvents },
      evidence: { checked: 1, missing: [], damaged: [] },
      sealed: { failed: 0 },
    });
    expect(report.sealed.checked).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(home, 'keys', 'pii.key'), 'utf8')).toBe(process.env.YIFA_DATA_KEY);

    // The restored copy serves: the officer signs in, reads the case and downloads the evidence.
    const db = await openDb(pathsOf(home).databaseUrl);
    try {
      const app = createApp(createServices(db, { filesDir: join(home, 'files') }));
      const login = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'li.officer', password: 'Zhifa#2026-test' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const kase = await app.request(`/api/v1/cases/${caseId}`, { headers: { cookie } });
      expect(kase.status).toBe(200);
      expect(((await kase.json()) as Json).party.name).toBe('张三');
      const file = await app.request(`/api/v1/attachments/${attachmentId}`, { headers: { cookie } });
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    } finally {
      db.$client.close();
    }
  });

  it('refuses a non-empty backup folder, a restore over data, an altered backup and a libsql server', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'yifa-backup-')), 'b');
    await backupCopy(server.db, pathsOf(server.dir), out);
    await expect(backupCopy(server.db, pathsOf(server.dir), out)).rejects.toThrow(/not empty/);
    await expect(restoreCopy(out, pathsOf(server.dir))).rejects.toThrow(/overwrites nothing/);
    await expect(
      backupCopy(server.db, { ...pathsOf(server.dir), databaseUrl: 'libsql://db.example.cn' }, `${out}-2`),
    ).rejects.toThrow(/only a local database file/);
    const db = readFileSync(join(out, 'yifa.db'));
    db[db.length - 1] = (db[db.length - 1] ?? 0) ^ 0xff;
    writeFileSync(join(out, 'yifa.db'), db);
    const home = mkdtempSync(join(tmpdir(), 'yifa-restored-'));
    await expect(restoreCopy(out, pathsOf(home))).rejects.toThrow(/damaged or altered/);
  });

  it('backs up and restores a new copy that has sealed no personal data yet (no key file made)', async () => {
    // A copy as the deploy guide leaves it before the first case: a pack and users, no key file.
    const home = mkdtempSync(join(tmpdir(), 'yifa-new-'));
    const db = await openDb(pathsOf(home).databaseUrl);
    const out = join(mkdtempSync(join(tmpdir(), 'yifa-backup-')), 'b');
    let manifest: Awaited<ReturnType<typeof backupCopy>>;
    try {
      manifest = await backupCopy(db, pathsOf(home), out);
    } finally {
      db.$client.close();
    }
    expect(manifest.keys.data).toBe('none');
    const restored = mkdtempSync(join(tmpdir(), 'yifa-restored-'));
    const report = await restoreCopy(out, pathsOf(restored));
    expect(report).toMatchObject({ ok: true, sealed: { checked: 0, failed: 0 } });
  });
});
