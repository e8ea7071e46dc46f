/**
 * A province's copy for the browser tests: 河北省's pack active for the whole copy and 石家庄市's
 * (built on it) imported but not yet active anywhere, with the province's system administrator, an
 * officer of 石家庄市长安区市场监督管理局 (an organisation only the city's pack has) and one of
 * 保定市市场监督管理局, served by the platform's own startServer like `yifa serve`.
 */
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { type E2eServer, startSeededServer } from './server.ts';

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

/** Starts the province's copy on a free port: 河北省's pack for the copy, 石家庄市's imported. */
export function startProvinceServer(): Promise<E2eServer> {
  return startSeededServer([bundleOf('he-hebei'), bundleOf('he-shijiazhuang')], Object.values(PROVINCE_PEOPLE));
}
