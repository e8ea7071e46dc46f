import { authPolicy } from './auth/policy.ts';
import type { Services } from './context.ts';
import type { Db } from './db/client.ts';
import { filesDirFrom } from './home.ts';
import { createPackRegistry } from './packs/registry.ts';

/** Services over an open database; files go under YIFA_FILES_DIR (default `<home>/files`, home.ts). */
export function createServices(db: Db, overrides: Partial<Services> = {}): Services {
  const now = overrides.now ?? (() => new Date());
  return {
    db,
    packs: createPackRegistry(db, now),
    policy: authPolicy(),
    filesDir: filesDirFrom(),
    now,
    ...overrides,
  };
}
