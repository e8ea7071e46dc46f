/**
 * What observing the embedded database costs (#17 metrics): the same reads and write transactions
 * on a temp database file, with no observer and with the /metrics observer (prom-client histograms),
 * interleaved A/B/A/B so the machine's load falls on both. Run: npx tsx platform/bench/db-observer-bench.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../src/db/embedded.ts';
import { createMetrics } from '../src/observability.ts';

const READS = 20_000;
const WRITES = 2_000;

async function pass(observed: boolean): Promise<{ readUs: number; writeUs: number }> {
  const client = openEmbedded(join(mkdtempSync(join(tmpdir(), 'yifa-obs-bench-')), 'b.db'));
  await client.executeMultiple('CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT)');
  if (observed) createMetrics(client);
  let t = performance.now();
  for (let i = 0; i < READS; i++) await client.execute({ sql: 'SELECT ? AS n', args: [i] });
  const readUs = ((performance.now() - t) * 1000) / READS;
  t = performance.now();
  // Ten writers at a time, as concurrent requests would be: group commit applies.
  for (let i = 0; i < WRITES; i += 10)
    await Promise.all(
      Array.from({ length: 10 }, async (_, j) => {
        const tx = await client.transaction('write');
        await tx.execute({ sql: 'INSERT INTO t (y) VALUES (?)', args: [`${i + j}`] });
        await tx.commit();
      }),
    );
  const writeUs = ((performance.now() - t) * 1000) / WRITES;
  client.close();
  return { readUs, writeUs };
}

const rows: string[] = [];
for (let round = 0; round < 3; round++)
  for (const observed of [false, true]) {
    const r = await pass(observed);
    rows.push(
      `${observed ? 'observed' : 'plain   '}  read ${r.readUs.toFixed(2)} µs  write transaction ${r.writeUs.toFixed(1)} µs`,
    );
  }
process.stdout.write(`${rows.join('\n')}\n`);
