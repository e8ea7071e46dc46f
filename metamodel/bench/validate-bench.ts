/**
 * Validation benchmark (`npm run bench -w @yifa/metamodel`): a generated provincial pack
 * of 20,000 authority items and 5,000 matters, validated in full (layering, schemas and
 * every check) against plain ajv validation of the same items in the same run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ITEM_KINDS, MANIFEST_FILE, validatePackDir, validateSources, validatorFor } from '../src/index.ts';
import { provincialPack } from './provincial-pack.ts';

const ROUNDS = 5;
const source = provincialPack();
const count = source.items.length;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

// Warm both paths once (compiles the validators).
for (const { kind } of ITEM_KINDS) validatorFor(kind);
const plain: number[] = [];
const full: number[] = [];
let issues = 0;
for (let r = 0; r < ROUNDS; r++) {
  plain.push(
    time(() => {
      let bad = 0;
      for (const item of source.items) if (!validatorFor(item.kind)(item.data)) bad++;
      if (bad) throw new Error(`${bad} invalid items`);
    }),
  );
  full.push(
    time(() => {
      const report = validateSources([source]);
      issues = report.issues.length;
    }),
  );
}
if (issues !== 0) throw new Error(`the generated pack has ${issues} issues`);

// The same pack from disk: one YAML file per item, read, parsed with positions, validated.
const dir = mkdtempSync(join(tmpdir(), 'yifa-bench-'));
writeFileSync(join(dir, MANIFEST_FILE), stringify(source.manifest));
for (const item of source.items) {
  const folder = join(dir, item.file.split('/')[0] as string);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(dir, item.file), stringify(item.data));
}
const disk = time(() => {
  const report = validatePackDir(dir);
  if (!report.ok) throw new Error(`${report.issues.length} issues from disk`);
});
rmSync(dir, { recursive: true, force: true });

const p = median(plain);
const f = median(full);
console.log(`## Metamodel: validating a provincial pack

Command: \`npm run bench -w @yifa/metamodel\` (metamodel/bench/validate-bench.ts), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.
Pack: 20,000 authority items, 5,000 matters, 500 discretion benchmarks, 2,000 legal bases and the items they refer to (${count.toLocaleString('en-US')} items). Median of ${ROUNDS} runs.

| what | time | items/s |
|---|---:|---:|
| baseline: plain ajv schema validation of every item | ${p.toFixed(0)} ms | ${Math.round((count / p) * 1000).toLocaleString('en-US')} |
| Yifa: layering + schema + all cross-reference and sanity checks | ${f.toFixed(0)} ms | ${Math.round((count / f) * 1000).toLocaleString('en-US')} |
| Yifa from disk: read ${count.toLocaleString('en-US')} YAML files with positions + the above | ${disk.toFixed(0)} ms | ${Math.round((count / disk) * 1000).toLocaleString('en-US')} |

Full validation costs ${(f / p).toFixed(1)}× plain schema validation; the goal (at most 2 s for the in-memory pack) is ${f <= 2000 ? 'met' : 'NOT met'}.`);
