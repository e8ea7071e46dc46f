/**
 * The authority-list import and export at a county's size: Binhai's 43 authority items copied
 * under new codes to 3,064 (卫滨区's 县乡通用目录, domain.md §2), written to .xlsx, then read and
 * previewed against the pack (every row an add) — the median of five runs of each step, and the
 * workbook's size.
 *
 * Usage: npx tsx platform/bench/authority-xlsx-bench.ts [rows]
 */
import { join } from 'node:path';
import { type AuthorityItem, loadPackChain, type ResolvedPack, resolveLayers } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { planAuthorityImport } from '../src/studio/authority-plan.ts';
import { readAuthoritySheet, writeAuthoritySheet } from '../src/studio/authority-xlsx.ts';

const rows = Number(process.argv[2] ?? 3064);
const pack = resolveLayers(loadPackChain(join(PACKS_DIR, 'tj-binhai')).chain).pack;
const originals = [...pack.items['authority-item'].values()];
const copies = new Map<string, AuthorityItem>();
for (let n = 0; n < rows; n++) {
  const item = originals[n % originals.length] as AuthorityItem;
  const code = `BENCH-${String(n).padStart(5, '0')}`;
  copies.set(code, { ...item, code, name: `${item.name}（${n}）` });
}
const big: ResolvedPack = { ...pack, items: { ...pack.items, 'authority-item': copies } };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const times = { write: [] as number[], read: [] as number[], plan: [] as number[] };
let size = 0;
let counts = {};
for (let run = 0; run < 5; run++) {
  let t = performance.now();
  const bytes = await writeAuthoritySheet(big);
  times.write.push(performance.now() - t);
  size = bytes.length;
  t = performance.now();
  const sheet = await readAuthoritySheet(bytes);
  times.read.push(performance.now() - t);
  if (!sheet.ok) throw new Error(sheet.error.message.en);
  t = performance.now();
  counts = planAuthorityImport(sheet.value, pack).counts;
  times.plan.push(performance.now() - t);
}
console.log(
  `${rows} rows, ${(size / 1024).toFixed(0)} KiB: write ${median(times.write).toFixed(0)} ms, read ${median(times.read).toFixed(0)} ms, preview ${median(times.plan).toFixed(0)} ms (median of 5); ${JSON.stringify(counts)}`,
);
