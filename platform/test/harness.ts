/**
 * Test harness: a real libsql database in a temp file with the checked-in migrations,
 * the real Binhai pack imported and activated, users per role, and a client that keeps
 * the session cookie and CSRF token like a browser.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { createApp } from '../src/app.ts';
import { checkpointSettings } from '../src/audit/checkpoint.ts';
import type { Services } from '../src/context.ts';
import { openDb } from '../src/db/client.ts';
import { documents } from '../src/db/schema.ts';
import { createServices } from '../src/services.ts';
import { createUser, type NewUser } from '../src/users.ts';

// Personal data is encrypted with a fixed test key, so tests write no key file into the working tree.
process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';

let bundleCache: string | undefined;

/** The Binhai bundle (built once per test process). */
export function binhaiBundle(): string {
  if (!bundleCache) {
    const report = validatePackDir(join(PACKS_DIR, 'tj-binhai'));
    if (!report.ok) throw new Error(`tj-binhai does not validate: ${report.issues[0]?.message.en}`);
    bundleCache = bundlePack(report.pack).text;
  }
  return bundleCache;
}

/** The password every test user has. */
export const PASSWORD = 'Zhifa#2026-test';

/** What an issued form says where guards read it (documentFields): the 立案审批表 approved. */
const ISSUED_VALUES: Record<string, Record<string, unknown>> = {
  'case-filing-approval': { agencyDecision: '同意立案' },
};

/** A fresh server over a temp database with the Binhai pack active. */
export async function startTestServer(overrides: Partial<Services> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yifa-test-'));
  const db = await openDb(`file:${join(dir, 'yifa.db')}`);
  let clock = overrides.now ?? (() => new Date());
  const services = createServices(db, {
    filesDir: join(dir, 'files'),
    auditCheckpoint: checkpointSettings(`file:${join(dir, 'yifa.db')}`),
    ...overrides,
    now: () => clock(),
  });
  const report = await services.packs.importBundle(binhaiBundle(), { apply: true, actor: 'test' });
  await services.packs.activate(report.hash, 'test');
  const app = createApp(services);
  return {
    app,
    db,
    dir,
    services,
    packHash: report.hash,
    setClock(now: () => Date) {
      clock = now;
    },
    async user(u: Partial<NewUser> & { username: string; orgCode: string; roles: string[] }) {
      return createUser(db, { displayName: u.username, password: PASSWORD, ...u });
    },
    /**
     * Records documents of a case as issued, as the document routes would leave them (for workflow
     * guards): a form by its code with the values guards read (a 立案审批表 approved 同意立案), or
     * with the data given.
     */
    async issueDocuments(caseId: string, ...forms: (string | { form: string; data: Record<string, unknown> })[]) {
      for (const f of forms) {
        const formCode = typeof f === 'string' ? f : f.form;
        await db.insert(documents).values({
          id: randomUUID(),
          caseId,
          formCode,
          version: 1,
          status: 'issued',
          data: typeof f === 'string' ? (ISSUED_VALUES[f] ?? {}) : f.data,
          formHash: 'test',
          createdBy: 'test',
        });
      }
    },
    /** A client that signs in as the user and keeps cookie and CSRF token. */
    async as(username: string, password = PASSWORD) {
      const res = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
        app.request(path, {
          method,
          headers: {
            cookie,
            'x-csrf-token': csrfToken,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        });
      return {
        cookie,
        csrfToken,
        call,
        get: (p: string) => call('GET', p),
        post: (p: string, b?: unknown) => call('POST', p, b ?? {}),
      };
    },
  };
}
