/**
 * The baseline: a bare hono app with one POST endpoint that inserts a row into a libsql file
 * database (WAL, busy timeout, foreign keys) and answers JSON. No session, no validation, no
 * guard, no audit chain: what a transition would cost if it were only an insert. Over
 * `@libsql/client` (the goal's baseline: what one would write first), or over the platform's
 * own embedded client (db/embedded.ts: statements kept prepared, group commit), to show what
 * of Yifa's figure is its database client rather than its work.
 */
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { Hono } from 'hono';
import { openEmbedded } from '../src/db/embedded.ts';
import { listen } from '../test/listen.ts';
import type { Send } from './load.ts';
import type { RunningServer } from './target.ts';

/** Starts the baseline server on 127.0.0.1 over a new database in `dir`; `check` counts its rows. */
export async function startBaselineServer(
  dir: string,
  driver: 'libsql-client' | 'embedded' = 'libsql-client',
): Promise<RunningServer<{ rows: number }>> {
  const file = join(dir, `baseline-${driver}.db`);
  let client: Client;
  if (driver === 'embedded') client = openEmbedded(file);
  else {
    client = createClient({ url: `file:${file}`, timeout: 5000 });
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  await client.execute(
    'CREATE TABLE events (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, action TEXT NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL)',
  );
  const app = new Hono().post('/cases/:id/transitions', async (c) => {
    const body = (await c.req.json()) as { action: string; version: number };
    const at = new Date().toISOString();
    const result = await client.execute({
      sql: 'INSERT INTO events (case_id, action, version, at) VALUES (?, ?, ?, ?)',
      args: [c.req.param('id'), body.action, body.version, at],
    });
    return c.json({ id: Number(result.lastInsertRowid), version: body.version + 1, at });
  });
  const server = await listen(app.fetch);
  return {
    url: server.url,
    async check() {
      const r = await client.execute('SELECT count(*) AS n FROM events');
      return { rows: Number(r.rows[0]?.n) };
    },
    async close() {
      await server.close();
      client.close();
    },
  };
}

/** One sender per client, each on its own case id. */
export function baselineSenders(url: string, clients: number): Send[] {
  return Array.from({ length: clients }, (_, i) => {
    let version = 1;
    return async () => {
      const res = await fetch(`${url}/cases/case-${i}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'start-check', version }),
      });
      const out = (await res.json()) as { version: number };
      version = out.version;
      return res.status === 200;
    };
  });
}
