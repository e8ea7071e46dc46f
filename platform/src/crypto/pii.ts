/**
 * Personal data at rest (个人信息保护法; 密评 存储机密性): 身份证号, phone numbers and
 * addresses are stored SM4-CBC encrypted with a random IV, under a key from
 * YIFA_DATA_KEY (32 hex characters) or, failing that, a key file created once beside the
 * data (`<home>/keys/pii.key`, mode 600; home.ts). Lists and logs show masked values only.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dataKeyFileFrom } from '../home.ts';

const PREFIX = 'sm4:';
let key: Buffer | undefined;

function dataKey(): Buffer {
  if (key) return key;
  const fromEnv = process.env.YIFA_DATA_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{32}$/.test(fromEnv)) throw new Error('YIFA_DATA_KEY must be 32 hex characters (an SM4 key)');
    key = Buffer.from(fromEnv, 'hex');
    return key;
  }
  const file = dataKeyFileFrom();
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(16).toString('hex'), { mode: 0o600 });
  }
  key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  return key;
}

/** Encrypts a personal-data value for storage. */
export function sealPii(plain: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', dataKey(), iv);
  return `${PREFIX}${iv.toString('base64')}:${Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')}`;
}

/** Decrypts a stored personal-data value, with this copy's key or the one given (a restore checks its own). */
export function openPii(stored: string, withKey?: Buffer): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const [iv, body] = stored.slice(PREFIX.length).split(':');
  const decipher = createDecipheriv('sm4-cbc', withKey ?? dataKey(), Buffer.from(iv ?? '', 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64')), decipher.final()]).toString('utf8');
}
