/**
 * A province's copy for the browser tests: 河北省's pack active for the whole copy and 石家庄市's
 * (built on it) imported but not yet active anywhere, with the province's system administrator, an
 * officer of 石家庄市长安区市场监督管理局 (an organisation only the city's pack has) and one of
 * 保定市市场监督管理局, served by the platform's own startServer like `yifa serve`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { startServer } from '../../src/cli/serve.ts';
import { openDb } from '../../src/db/client.ts';
import { createServices } from '../../src/services.ts';
import { createUser } from '../../src/users.ts';
import { PASSWORD } from '../../test/harness.ts';
import { ensureAppBuilt } from './build.ts';
import type { E2eServer } from './server.ts';

/** The people of the province's copy. */
export const PROVINCE_PEOPLE = {
  admin: { username: 'he.admin', displayName: '冯管理', roles: ['system-admin'], orgCode: '130000-GOV' },
  city: {
    username: 'ca.officer',
    displayName: '陈执法',
    roles: ['officer'],
    orgCode: '130102-SCJ',
    certificateNo: '13010220260001',
  },
  other: {
    username: 'bd.officer',
    displayName: '白执法',
    roles: ['officer'],
    orgCode: '130600-SCJ',
    certificateNo: '13060020260001',
  },
} as const;

const bundleOf = (id: string) => {
  const report = validatePackDir(join(PACKS_DIR, id));
  if (!report.ok) throw new Error(`${id} does not validate: ${report.issues[0]?.message.en}`);
  return bundlePack(report.pack).text;
};

/** Starts the province's copy on a free port. */
export async function startProvinceServer(): Promise<E2eServer> {
  ensureAppBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'yifa-e2e-province-'));
  const databaseUrl = `file:${join(dir, 'yifa.db')}`;
  process.env.YIFA_FILES_DIR = join(dir, 'files');
  const db = await openDb(databaseUrl);
  const services = createServices(db, { filesDir: join(dir, 'files') });
  const hebei = await services.packs.importBundle(bundleOf('he-hebei'), { apply: true, actor: 'e2e' });
  await services.packs.importBundle(bundleOf('he-shijiazhuang'), { apply: true, actor: 'e2e' });
  await services.packs.activate(hebei.hash, 'e2e');
  for (const p of Object.values(PROVINCE_PEOPLE))
    await createUser(db, {
      password: PASSWORD,
      ...p,
      roles: [...p.roles],
      ...('certificateNo' in p ? { certificateValidUntil: '2099-12-31' } : {}),
    });
  db.$client.close();
  const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, alertIntervalMinutes: 0 });
  return { url: server.url, dir, close: () => server.close() };
}
