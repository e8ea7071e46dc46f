/** Names and paths of every organisation, for the rows' and filters' names (the table is small: one per organisation). */
import type { Db } from '../db/client.ts';
import { organisations } from '../db/schema.ts';

/** An organisation's names and path. */
export interface OrgName {
  name: string;
  shortName: string | null;
  path: string;
  type: string;
}

/** Every organisation's names and path, by code. */
export async function organisationNames(db: Db): Promise<Map<string, OrgName>> {
  const rows = await db
    .select({
      code: organisations.code,
      name: organisations.name,
      shortName: organisations.shortName,
      path: organisations.path,
      type: organisations.type,
    })
    .from(organisations);
  return new Map(rows.map(({ code, ...r }) => [code, r]));
}
