/**
 * A real platform for the browser tests: a temp libsql file with the Binhai pack active and one
 * user per role of the 罚款 flow at the Binhai market regulator (滨海新区市场监督管理局), served by
 * the platform's own startServer — the API and the BUILT officer app, as `yifa serve` serves them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/cli/serve.ts';
import { openDb } from '../../src/db/client.ts';
import { createServices } from '../../src/services.ts';
import { createUser } from '../../src/users.ts';
import { binhaiBundle, PASSWORD } from '../../test/harness.ts';
import { ensureAppBuilt } from './build.ts';

export { PASSWORD };

/** The people of the flows (at the market regulator unless an organisation is named). */
export const PEOPLE = {
  officer: { username: 'li.officer', displayName: '李明', roles: ['officer'], certificateNo: '12011620260001' },
  second: { username: 'wang.officer', displayName: '王强', roles: ['officer'], certificateNo: '12011620260002' },
  head: { username: 'zhao.head', displayName: '赵科长', roles: ['department-head'] },
  agency: { username: 'qian.agency', displayName: '钱局长', roles: ['agency-head'] },
  reviewer: { username: 'sun.reviewer', displayName: '孙法制', roles: ['legal-reviewer'], legalQualification: true },
  legal: { username: 'zhou.legal', displayName: '周杰', roles: ['legal-affairs'], orgCode: '120116-SFJ' },
  implementer: { username: 'tang.impl', displayName: '唐宇', roles: ['implementer'], orgCode: '120116-SFJ' },
} as const;

/** A running platform for a test file. */
export interface E2eServer {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** Builds the app if needed, then starts a seeded server on a free port. */
export async function startE2eServer(): Promise<E2eServer> {
  ensureAppBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'yifa-e2e-'));
  const databaseUrl = `file:${join(dir, 'yifa.db')}`;
  process.env.YIFA_FILES_DIR = join(dir, 'files');
  const db = await openDb(databaseUrl);
  const services = createServices(db, { filesDir: join(dir, 'files') });
  const report = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'e2e' });
  await services.packs.activate(report.hash, 'e2e');
  for (const p of Object.values(PEOPLE))
    await createUser(db, {
      password: PASSWORD,
      orgCode: '120116-SCJ',
      ...p,
      roles: [...p.roles],
      ...('certificateNo' in p ? { certificateValidUntil: '2099-12-31' } : {}),
    });
  db.$client.close();
  // No alert scheduler in the background: a test writing to the same file from this process would
  // wait on it; the flows run a pass themselves where a deadline must pass with no event.
  const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, alertIntervalMinutes: 0 });
  return { url: server.url, dir, close: () => server.close() };
}
