/**
 * The studio's search and item read on the largest pack here (he-shijiazhuang, three layers):
 * the time to build the index once, the median time of a search as typed keystroke by
 * keystroke, and the first read of an overridden item (which resolves the chain's layers once).
 *
 * Usage: npx tsx platform/bench/studio-search-bench.ts [pack-id]
 */
import { join } from 'node:path';
import { bundlePack, ITEM_KINDS, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { buildStudioIndex, layerStates, studioItem } from '../src/routes/studio-index.ts';

const id = process.argv[2] ?? 'he-shijiazhuang';
const report = validatePackDir(join(PACKS_DIR, id));
if (!report.ok) throw new Error(`${id} does not validate`);
const pack = report.pack;
const { hash } = bundlePack(pack);

const ms = (t: bigint) => Number(t) / 1e6;
let t = process.hrtime.bigint();
const index = buildStudioIndex(pack);
const built = ms(process.hrtime.bigint() - t);

const queries = ['penalty-ordinary', '食品安全', '罚款', 'SJZ', 'legal review', '第五十八条', '许可'];
const times: number[] = [];
for (let round = 0; round < 20; round++)
  for (const q of queries)
    for (let n = 1; n <= [...q].length; n++) {
      t = process.hrtime.bigint();
      index.search([...q].slice(0, n).join(''), 50);
      times.push(ms(process.hrtime.bigint() - t));
    }
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const p99 = times[Math.floor(times.length * 0.99)] ?? 0;

const overridden = (['workflow', 'condition', 'matter', 'document', 'codelist'] as const).flatMap((k) =>
  [...pack.origins[k]].filter(([, o]) => o.overrides.length > 0).map(([code]) => [k, code] as const),
);
t = process.hrtime.bigint();
const states = layerStates(pack, hash, PACKS_DIR);
const statesMs = ms(process.hrtime.bigint() - t);
t = process.hrtime.bigint();
for (const [k, code] of overridden) studioItem(pack, k, code, states);
const itemMs = ms(process.hrtime.bigint() - t) / Math.max(1, overridden.length);

// The provincial pack has 27,510 items: the same items copied under new codes until there are as many.
const TARGET = 27_510;
const big = { ...pack, items: { ...pack.items }, origins: { ...pack.origins } } as typeof pack;
let copies = 0;
for (let n = index.refs.length; n < TARGET; copies++)
  for (const { kind } of ITEM_KINDS) {
    const items = new Map(big.items[kind] as Map<string, unknown>);
    const origins = new Map(big.origins[kind]);
    for (const [code, item] of pack.items[kind]) {
      if (n >= TARGET) break;
      const copy = `${code}-c${copies}`;
      items.set(copy, { ...(item as object), code: copy });
      const o = pack.origins[kind].get(code);
      if (o) origins.set(copy, o);
      n++;
    }
    (big.items as Record<string, unknown>)[kind] = items;
    (big.origins as Record<string, unknown>)[kind] = origins;
  }
t = process.hrtime.bigint();
const bigIndex = buildStudioIndex(big);
const bigBuilt = ms(process.hrtime.bigint() - t);
const bigTimes: number[] = [];
for (let round = 0; round < 5; round++)
  for (const q of queries)
    for (let n = 1; n <= [...q].length; n++) {
      t = process.hrtime.bigint();
      bigIndex.search([...q].slice(0, n).join(''), 50);
      bigTimes.push(ms(process.hrtime.bigint() - t));
    }
bigTimes.sort((a, b) => a - b);

const out = (s: string) => process.stdout.write(`${s}\n`);
out(`${id}: ${index.refs.length} items, layers ${pack.layers.map((l) => l.id).join(' → ')}`);
out(`index built once: ${built.toFixed(1)} ms`);
out(`search per keystroke (${times.length} searches): median ${median.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
out(`layer states (read once per installed version): ${statesMs.toFixed(0)} ms, ok=${states.ok}`);
out(
  `${bigIndex.refs.length} items (${id} copied): index built ${bigBuilt.toFixed(0)} ms; search per keystroke median ${(bigTimes[Math.floor(bigTimes.length / 2)] ?? 0).toFixed(3)} ms, p99 ${(bigTimes[Math.floor(bigTimes.length * 0.99)] ?? 0).toFixed(3)} ms`,
);
out(`overridden item read: ${itemMs.toFixed(3)} ms each (${overridden.length} items)`);
