/**
 * Validation benchmark (`npm run bench -w @yifa/metamodel`): a generated provincial pack
 * of 20,000 authority items and 5,000 matters, validated in full (layering, schemas and
 * every check) against plain ajv validation of the same items in the same run; then the
 * same pack from its YAML files against only reading and parsing them with js-yaml.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { stringify } from 'yaml';
import { ITEM_KINDS, MANIFEST_FILE, validatePackDir, validateSources, validatorFor } from '../src/index.ts';
import { provincialPack } from './provincial-pack.ts';

// `npm run bench -w @yifa/metamodel -- --rounds 9` for more rounds on a noisy machine.
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
const source = provincialPack();
const count = source.items.length;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
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

// The same pack from disk: one YAML file per item. Baseline: only read every file and parse it
// with js-yaml. Yifa: validatePackDir (safe reads, parse, limits, layering, schemas, checks; lines
// only for files with issues). The two alternate, round by round, so both see the same load.
const dir = mkdtempSync(join(tmpdir(), 'yifa-bench-'));
writeFileSync(join(dir, MANIFEST_FILE), stringify(source.manifest));
const files: string[] = [join(dir, MANIFEST_FILE)];
for (const item of source.items) {
  const folder = join(dir, item.file.split('/')[0] as string);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(dir, item.file), stringify(item.data));
  files.push(join(dir, item.file));
}
const readParse: number[] = [];
const disk: number[] = [];
// CPU time of this process too: on a shared machine it moves far less than wall time.
const readParseCpu: number[] = [];
const diskCpu: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  let cpu = process.cpuUsage();
  readParse.push(
    time(() => {
      for (const file of files) if (load(readFileSync(file, 'utf8')) === undefined) throw new Error(file);
    }),
  );
  readParseCpu.push(cpuMs(cpu));
  cpu = process.cpuUsage();
  disk.push(
    time(() => {
      const report = validatePackDir(dir);
      if (!report.ok) throw new Error(`${report.issues.length} issues from disk`);
    }),
  );
  diskCpu.push(cpuMs(cpu));
}
rmSync(dir, { recursive: true, force: true });

const p = median(plain);
const f = median(full);
const b = median(readParse);
const d = median(disk);
console.log(`## Metamodel: validating a provincial pack

Command: \`npm run bench -w @yifa/metamodel\` (metamodel/bench/validate-bench.ts), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.
Pack: 20,000 authority items, 5,000 matters, 500 discretion benchmarks, 2,000 legal bases and the items they refer to (${count.toLocaleString('en-US')} items). Median of ${ROUNDS} runs.

| what | time | items/s |
|---|---:|---:|
| baseline: plain ajv schema validation of every item | ${p.toFixed(0)} ms | ${Math.round((count / p) * 1000).toLocaleString('en-US')} |
| Yifa: layering + schema + all cross-reference and sanity checks | ${f.toFixed(0)} ms | ${Math.round((count / f) * 1000).toLocaleString('en-US')} |
| baseline from disk: read ${files.length.toLocaleString('en-US')} YAML files and parse them with js-yaml | ${b.toFixed(0)} ms | ${Math.round((count / b) * 1000).toLocaleString('en-US')} |
| Yifa from disk: \`validatePackDir\` (safe reads, parse, limits, then all of the above) | ${d.toFixed(0)} ms | ${Math.round((count / d) * 1000).toLocaleString('en-US')} |

Full validation costs ${(f / p).toFixed(1)}× plain schema validation; the goal (at most 2 s for the in-memory pack) is ${f <= 2000 ? 'met' : 'NOT met'}.
From disk, validation costs ${(d / b).toFixed(2)}× reading and parsing alone (wall time); the goal (at most 2×) is ${d <= 2 * b ? 'met' : 'NOT met'}.
In CPU time of the process: ${median(readParseCpu).toFixed(0)} ms against ${median(diskCpu).toFixed(0)} ms, ${(median(diskCpu) / median(readParseCpu)).toFixed(2)}×.
Rounds (read + parse / validatePackDir, wall ms): ${readParse.map((x, i) => `${x.toFixed(0)}/${(disk[i] as number).toFixed(0)}`).join(', ')}.`);
