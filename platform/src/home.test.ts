/**
 * A copy's data stays in one home folder whatever folder a command runs in (#17): the rules of
 * home.ts, then the real CLI run from an unrelated folder with only YIFA_HOME set — the database,
 * the demo's evidence key and the audit key land in the home, nothing in the working folder.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKS_DIR } from '@yifa/packs';
import { describe, expect, it } from 'vitest';
import { yifa } from '../test/cli.ts';
import { databaseUrlFrom, homeFor } from './home.ts';

describe('the home folder', () => {
  it('is YIFA_HOME, else the database file’s folder, else ./data, always absolute', () => {
    expect(homeFor('file:/srv/x/yifa.db', { YIFA_HOME: '/var/yifa' })).toBe('/var/yifa');
    expect(homeFor('file:/srv/x/yifa.db', {})).toBe('/srv/x');
    expect(homeFor('file:./rel/yifa.db', {})).toBe(resolve('rel'));
    expect(homeFor('libsql://db.example.cn', {})).toBe(resolve('data'));
    expect(homeFor('libsql://db.example.cn', { YIFA_HOME: 'h' })).toBe(resolve('h'));
  });

  it('names the database when only YIFA_HOME is set; YIFA_DATABASE_URL wins', () => {
    expect(databaseUrlFrom({ YIFA_HOME: '/var/yifa' })).toBe('file:/var/yifa/yifa.db');
    expect(databaseUrlFrom({ YIFA_HOME: '/var/yifa', YIFA_DATABASE_URL: 'libsql://x' })).toBe('libsql://x');
    expect(databaseUrlFrom({})).toBe('file:./data/yifa.db');
  });

  it('holds the database and the keys of a copy set up from another folder', { timeout: 180_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'yifa-home-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'yifa-cwd-'));
    // Only YIFA_HOME: the runner's own settings of the database and keys are left out.
    const run = (args: string[]) =>
      yifa(args, {
        cwd: elsewhere,
        env: { YIFA_HOME: home },
        unset: ['YIFA_DATABASE_URL', 'YIFA_DATA_KEY', 'YIFA_DATA_KEY_FILE', 'YIFA_FILES_DIR', 'YIFA_AUDIT_KEY'],
      });
    const install = await run(['pack', 'install', join(PACKS_DIR, 'tj-binhai'), '--activate']);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    const checkpoint = await run(['audit', 'checkpoint']);
    expect(checkpoint.code).toBe(0);
    expect(existsSync(join(home, 'yifa.db'))).toBe(true);
    expect(existsSync(join(home, 'keys', 'audit.key'))).toBe(true);
    expect(existsSync(join(home, 'yifa.db.audit-checkpoint.json'))).toBe(true);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});
