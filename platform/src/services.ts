/** Creates the long-lived services of a server from a database. */
import { join } from 'node:path';
import { authPolicy } from './auth/policy.ts';
import type { Services } from './context.ts';
import type { Db } from './db/client.ts';
import { createPackRegistry } from './packs/registry.ts';

/** Services over an open database; files go under YIFA_FILES_DIR (default ./data/files). */
export function createServices(db: Db, overrides: Partial<Services> = {}): Services {
  const now = overrides.now ?? (() => new Date());
  return {
    db,
    packs: createPackRegistry(db, now),
    policy: authPolicy(),
    filesDir: process.env.YIFA_FILES_DIR ?? join('data', 'files'),
    now,
    ...overrides,
  };
}
