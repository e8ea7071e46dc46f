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

/** Someone to seed: a user without its password (every test user has PASSWORD). */
export type Person = { username: string; displayName: string; roles: readonly string[]; orgCode?: string } & Partial<{
  certificateNo: string;
  legalQualification: boolean;
}>;

/**
 * Builds the app if needed, then starts a server on a free port over a new database: the bundles
 * imported, the first activated for the copy, and the people created (at `orgCode`, else the Binhai
 * market regulator; a certificate valid to 2099 where they have one).
 */
export async function startSeededServer(bundles: string[], people: readonly Person[]): Promise<E2eServer> {
  ensureAppBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'yifa-e2e-'));
  const databaseUrl = `file:${join(dir, 'yifa.db')}`;
  process.env.YIFA_FILES_DIR = join(dir, 'files');
  const db = await openDb(databaseUrl);
  const services = createServices(db, { filesDir: join(dir, 'files') });
  const hashes: string[] = [];
  for (const bundle of bundles)
    hashes.push((await services.packs.importBundle(bundle, { apply: true, actor: 'e2e' })).hash);
  await services.packs.activate(hashes[0] as string, 'e2e');
  for (const p of people)
    await createUser(db, {
      password: PASSWORD,
      orgCode: '120116-SCJ',
      ...p,
      roles: [...p.roles],
      ...(p.certificateNo ? { certificateValidUntil: '2099-12-31' } : {}),
    });
  db.$client.close();
  // No alert scheduler and no background 我的待办 refresh: a test writing to the same file from this
  // process would wait on them with its event loop blocked, so they could not finish (SQLITE_BUSY
  // after 5 s; the CI run at d2bc205). The flows run a pass themselves where a deadline must pass
  // with no event, and reads compute the task steps they miss.
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    alertIntervalMinutes: 0,
    backgroundTasks: false,
  });
  return { url: server.url, dir, close: () => server.close() };
}

/** The Binhai copy with the people of the 罚款 flow. */
export function startE2eServer(): Promise<E2eServer> {
  return startSeededServer([binhaiBundle()], Object.values(PEOPLE));
}
