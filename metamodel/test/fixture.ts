/**
 * Test helper: a temp copy of the fixture packs with some files replaced or deleted, so
 * each bad fixture is a few lines of YAML beside the expectation it should produce.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixtures folder: `base/` (xx-base) and `region/` (xx-region, extending it). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Copies the fixtures to a temp folder, applies the edits (null deletes), and returns the folder. */
export function fixtureWith(edits: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-fixture-'));
  cpSync(FIXTURES, dir, { recursive: true });
  for (const [path, text] of Object.entries(edits)) {
    const file = join(dir, path);
    if (text === null) rmSync(file);
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  return dir;
}
