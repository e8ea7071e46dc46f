/**
 * Certified officers for the benches that load a district of their own (statistics, assessment):
 * `perSubject` officers of each subject, named `<subject>-<n>`, written 500 a statement.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/client.ts';
import { type OrganisationRow, users } from '../src/db/schema.ts';

/** Inserts the officers and answers their ids by subject code; `validUntil` gives each one's certificate end. */
export async function insertBenchOfficers(
  db: Db,
  subjects: readonly Pick<OrganisationRow, 'code' | 'name' | 'shortName'>[],
  perSubject: number,
  validUntil: () => string = () => '2099-12-31',
): Promise<Map<string, string[]>> {
  const officerIds = new Map<string, string[]>();
  const rows: (typeof users.$inferInsert)[] = [];
  for (const s of subjects) {
    const ids: string[] = [];
    for (let i = 0; i < perSubject; i++) {
      const id = randomUUID();
      ids.push(id);
      rows.push({
        id,
        username: `${s.code}-${i}`,
        displayName: `${s.shortName ?? s.name}${i}`,
        passwordHash: 'x',
        orgCode: s.code,
        roles: ['officer'],
        certificateNo: `C${s.code}${i}`,
        certificateValidUntil: validUntil(),
      });
    }
    officerIds.set(s.code, ids);
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(users).values(rows.slice(i, i + 500));
  return officerIds;
}
