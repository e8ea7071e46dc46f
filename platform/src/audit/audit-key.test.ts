import { createPublicKey, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditKey, auditKeyFile } from './audit-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'yifa-audit-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An SM2 private key, and a signature OpenSSL 3.0 made with it (`openssl dgst -sm3 -sign`, default ID). */
const KNOWN = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  message: '依法 Yifa audit checkpoint',
  signature: 'MEYCIQDmSSerqUTmAWValAdMhGDfzAxeg4d9nb5xUYRWd/d4JgIhAJypjW/iqLsCMayeYGNJ5zXZXfXQFErIZHKv0uwLu9oS',
  spki: '3059301306072a8648ce3d020106082a811ccf5501822d0342000409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
};

describe('the audit key', () => {
  it('is created once beside the database file, mode 600, and read back as the same SM2 key', () => {
    const url = `file:${join(dir, 'a', 'yifa.db')}`;
    const env = {};
    const file = auditKeyFile(url, env);
    expect(file).toBe(join(dir, 'a', 'keys', 'audit.key'));
    expect(auditKey(url, { create: false }, env)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    const key = auditKey(url, { create: true }, env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(auditKey(url, { create: true }, env).fingerprint).toBe(key.fingerprint);
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // What it signs is the SM2 scheme: it verifies with the key file as OpenSSL reads it.
    const data = Buffer.from('checkpoint');
    const signature = sign('sm3', data, key.privateKey);
    expect(verify('sm3', data, createPublicKey(readFileSync(file, 'utf8')), signature)).toBe(true);
  });

  // Absolute since #17 (YIFA_HOME): a key must not move with the folder a command runs in.
  it('goes where YIFA_AUDIT_KEY_FILE says, under YIFA_HOME, beside the database, or under ./data for a libsql server', () => {
    expect(auditKeyFile('file:./data/yifa.db', {})).toBe(resolve('data', 'keys', 'audit.key'));
    expect(auditKeyFile('libsql://db.example.cn', {})).toBe(resolve('data', 'keys', 'audit.key'));
    expect(auditKeyFile('libsql://db.example.cn', { YIFA_HOME: '/srv/yifa' })).toBe('/srv/yifa/keys/audit.key');
    expect(auditKeyFile('file:/var/lib/yifa/yifa.db', {})).toBe('/var/lib/yifa/keys/audit.key');
    expect(auditKeyFile('file:./data/yifa.db', { YIFA_AUDIT_KEY_FILE: '/etc/yifa/audit.key' })).toBe(
      '/etc/yifa/audit.key',
    );
  });

  it('from YIFA_AUDIT_KEY verifies a signature OpenSSL made with the same SM2 key', () => {
    const key = auditKey('file:/nowhere/yifa.db', { create: false }, { YIFA_AUDIT_KEY: KNOWN.d });
    expect(key?.publicKey.export({ type: 'spki', format: 'der' }).toString('hex')).toBe(KNOWN.spki);
    const signature = Buffer.from(KNOWN.signature, 'base64');
    expect(verify('sm3', Buffer.from(KNOWN.message), key?.publicKey ?? '', signature)).toBe(true);
    expect(verify('sm3', Buffer.from(`${KNOWN.message}.`), key?.publicKey ?? '', signature)).toBe(false);
    expect(existsSync('/nowhere')).toBe(false);
  });

  it('refuses a YIFA_AUDIT_KEY that is not an SM2 private key', () => {
    for (const bad of ['abc', '0'.repeat(64), `${KNOWN.d}00`])
      expect(() => auditKey('file:x.db', { create: true }, { YIFA_AUDIT_KEY: bad })).toThrow('YIFA_AUDIT_KEY');
  });
});
