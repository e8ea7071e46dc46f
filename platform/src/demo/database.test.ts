import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_SUFFIX } from '../audit/checkpoint.ts';
import { removeDatabase } from './database.ts';

const dir = mkdtempSync(join(tmpdir(), 'yifa-demo-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('removeDatabase', () => {
  it('removes the file, its WAL files and the audit checkpoint beside it, and nothing else', () => {
    const db = join(dir, 'demo.db');
    const gone = ['', '-wal', '-shm', CHECKPOINT_SUFFIX].map((suffix) => `${db}${suffix}`);
    const kept = [join(dir, 'yifa.db'), join(dir, `yifa.db${CHECKPOINT_SUFFIX}`)];
    for (const file of [...gone, ...kept]) writeFileSync(file, 'x');
    removeDatabase(`file:${db}`);
    expect(gone.filter((file) => existsSync(file))).toEqual([]);
    expect(kept.filter((file) => existsSync(file))).toEqual(kept);
  });
});
