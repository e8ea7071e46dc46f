/**
 * Re-validation of a working copy after one edit (#14 budget: ≤ 500 ms median on Binhai): the
 * tj-binhai folder as texts over the installed cn-national, one base parameter edited each run
 * (its minimal override written as the store writes it), then what the server does for the next
 * revision — read the files, layer them over the base, validate the resolved pack (schemas and
 * every check). Baseline in the same run: `validateResolvedPack` alone on the unchanged resolved
 * pack, and the ratio of the two medians.
 *
 * Usage: npx tsx platform/bench/studio-revalidate-bench.ts [runs]
 */
import { join } from 'node:path';
import { mergeOverride, minimalOverride, validatePackDir, validateResolvedPack } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { readPackFolder } from '../src/studio/pack-folder.ts';
import { resolveWorkspace, workspaceIssues } from '../src/studio/workspace-resolve.ts';
import { itemText } from '../src/studio/workspaces.ts';

const runs = Number(process.argv[2] ?? 30);
const base = validatePackDir(join(PACKS_DIR, 'cn-national')).pack;
const files = readPackFolder(join(PACKS_DIR, 'tj-binhai'));
const code = 'hearing-fine-person';
const original = base.items.parameter.get(code) as unknown as { value: number };

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { median: at(0.5), p90: at(0.9) };
};

// The store keeps each copy's files parsed by text: a revision parses only the files it changed.
const parsed = new Map();
const unchanged = resolveWorkspace(files, base, parsed).pack;
const edit: number[] = [];
const baseline: number[] = [];
let issues = 0;
for (let run = 0; run < runs; run++) {
  let t = process.hrtime.bigint();
  const edited = { ...original, value: original.value + run + 1 };
  const patch = minimalOverride('parameter', original, edited);
  if (mergeOverride(original, patch, { kind: 'parameter', keyed: true }).problems.length > 0)
    throw new Error('bad patch');
  const next = { ...files, [`overrides/parameters/${code}.yaml`]: itemText(`${code}.yaml`, code, patch) };
  const resolved = resolveWorkspace(next, base, parsed);
  issues = workspaceIssues(resolved).filter((i) => i.severity === 'error').length;
  edit.push(ms(t));
  if ((resolved.pack.items.parameter.get(code) as unknown as { value: number }).value !== edited.value)
    throw new Error('the edit did not resolve');
  t = process.hrtime.bigint();
  validateResolvedPack(unchanged);
  baseline.push(ms(t));
}
const e = stats(edit);
const b = stats(baseline);
const items = Object.values(unchanged.items).reduce((n, m) => n + m.size, 0);
console.log(
  `tj-binhai over cn-national: ${Object.keys(files).length} files, ${items} items, ${issues} errors after the edit`,
);
console.log(
  `edit + re-validate: median ${e.median.toFixed(1)} ms, p90 ${e.p90.toFixed(1)} ms (${runs} runs; budget 500 ms median)`,
);
console.log(`validateResolvedPack alone: median ${b.median.toFixed(1)} ms, p90 ${b.p90.toFixed(1)} ms`);
console.log(`ratio of medians: ${(e.median / b.median).toFixed(2)}`);
