/**
 * @yifa/packs — the packs are data; this module only says where they are, so the
 * platform can install one by id (e.g. the Binhai demo) without knowing the folder layout.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the pack folders. */
export const PACKS_DIR = dirname(fileURLToPath(import.meta.url));

/** The folder of each pack shipped here, by folder name (which is also its id). */
export function packFolders(): { id: string; dir: string }[] {
  return readdirSync(PACKS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules' && /^[a-z]{2}-/.test(d.name))
    .map((d) => ({ id: d.name, dir: join(PACKS_DIR, d.name) }));
}
