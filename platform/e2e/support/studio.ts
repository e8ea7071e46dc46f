/** What the studio's browser tests share: a working copy started on the installed Binhai version. */
import { apiAs } from './api.ts';
import { PEOPLE } from './server.ts';

/** Starts, as the implementer, a district working copy on the installed tj-binhai; its id. */
export async function binhaiWorkingCopy(url: string, packId: string, name: string): Promise<string> {
  const impl = await apiAs(url, PEOPLE.implementer.username);
  const { versions } = await impl.get<{ versions: { hash: string; packId: string; version: string }[] }>('/packs');
  const binhai = versions.find((v) => v.packId === 'tj-binhai');
  if (!binhai) throw new Error('tj-binhai is not installed');
  const { id } = await impl.post<{ id: string }>('/studio/workspaces', {
    packId,
    name,
    region: { code: '120116', name: '天津市滨海新区', level: 'district' },
    base: { hash: binhai.hash },
  });
  return id;
}
