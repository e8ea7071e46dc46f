/**
 * The copy's SM2 key (GB/T 32918) that signs the audit chain's checkpoints: from YIFA_AUDIT_KEY
 * (the private key, 64 hex characters) or, failing that, a PEM key file created once with mode
 * 600 — YIFA_AUDIT_KEY_FILE, else keys/audit.key beside the database file (data/keys/audit.key
 * for the default database), so a test's key goes to its own temp folder.
 *
 * Node 20 (OpenSSL 3) signs with `sign('sm3', data, key)` / `verify('sm3', data, key, sig)`,
 * but only a key OpenSSL loaded as an SM2 key gives the SM2 signature scheme (with the default
 * distinguishing ID 1234567812345678, which `openssl dgst -sm3 -sign` also uses): the key object
 * `generateKeyPairSync('ec', { namedCurve: 'SM2' })` returns is a plain EC key and gets ECDSA
 * over the SM2 curve, which no SM2 verifier accepts. So every key is read back from PKCS#8
 * (`createPrivateKey`) before it signs, the one just generated too.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homeFor } from '../home.ts';

/** The key pair and the fingerprint a checkpoint names it by. */
export interface AuditKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SM3 of the public key's SubjectPublicKeyInfo (DER), hex. */
  fingerprint: string;
}

/** PKCS#8 of an SM2 private key up to its 32 bytes (id-ecPublicKey, curve 1.2.156.10197.1.301). */
const SM2_PKCS8_PREFIX = Buffer.from('3041020100301306072a8648ce3d020106082a811ccf5501822d042730250201010420', 'hex');

/** Keys read once per source (an environment value or a file). */
const loaded = new Map<string, AuditKey>();

function pair(privateKey: KeyObject): AuditKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey, fingerprint: createHash('sm3').update(der).digest('hex') };
}

/** Where the key file is for a database URL (when YIFA_AUDIT_KEY is not set). */
export function auditKeyFile(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.YIFA_AUDIT_KEY_FILE) return env.YIFA_AUDIT_KEY_FILE;
  return join(homeFor(databaseUrl, env), 'keys', 'audit.key');
}

/** Writes a new PEM key file (mode 600) unless another process just did; never replaces one. */
function createKeyFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'SM2',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  try {
    writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/**
 * The copy's audit key; `create` makes the key file when there is none (writing a checkpoint),
 * otherwise a missing key is undefined (verifying must not make a key it then trusts).
 */
export function auditKey(databaseUrl: string, options: { create: true }, env?: NodeJS.ProcessEnv): AuditKey;
export function auditKey(
  databaseUrl: string,
  options: { create: boolean },
  env?: NodeJS.ProcessEnv,
): AuditKey | undefined;
export function auditKey(
  databaseUrl: string,
  options: { create: boolean },
  env: NodeJS.ProcessEnv = process.env,
): AuditKey | undefined {
  const hex = env.YIFA_AUDIT_KEY;
  if (hex) {
    if (!/^[0-9a-fA-F]{64}$/.test(hex) || /^0+$/.test(hex))
      throw new Error('YIFA_AUDIT_KEY must be 64 hex characters (an SM2 private key), not all zero');
    const cached = loaded.get(`env:${hex}`);
    if (cached) return cached;
    const der = Buffer.concat([SM2_PKCS8_PREFIX, Buffer.from(hex, 'hex')]);
    const key = pair(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    loaded.set(`env:${hex}`, key);
    return key;
  }
  const file = auditKeyFile(databaseUrl, env);
  const cached = loaded.get(file);
  if (cached) return cached;
  if (!existsSync(file)) {
    if (!options.create) return undefined;
    createKeyFile(file);
  }
  const key = pair(createPrivateKey(readFileSync(file, 'utf8')));
  loaded.set(file, key);
  return key;
}
