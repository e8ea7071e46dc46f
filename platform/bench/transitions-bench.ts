/**
 * Platform benchmark: case transitions per second on loopback, with validation, permission
 * and 执法证 checks, the workflow guard and the SM3 audit chain, against a bare hono + libsql
 * insert endpoint in the same run. Each server runs in a process of its own (server-process.ts)
 * on 127.0.0.1 (an ephemeral port); the clients, in this process, are closed loops over
 * keep-alive HTTP, each on its own case. `--in-process` puts the servers on this event loop too.
 * Goal: Yifa at least 50 % of the bare figure and at least 1,000 transitions per second.
 * Afterwards the audit chain is verified and every transition must be recorded in it.
 *
 * Usage: npm run bench --workspace @yifa/platform [-- --seconds 10 --clients 8 --rounds 1 --in-process]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { baselineSenders, startBaselineServer } from './baseline.ts';
import { formatPhase, type PhaseResult, runPhase, type Send } from './load.ts';
import { type RunningServer, startInChild } from './target.ts';
import { startYifaServer, yifaSenders } from './yifa-target.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 8);
const ROUNDS = arg('rounds', 1);
const WARMUP = arg('warmup', 2);
const MAX_PER_CLIENT = arg('max', 1_000_000);
/** `--only yifa` or `--only baseline` runs one side (to profile it); the ratio needs both. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const IN_PROCESS = process.argv.includes('--in-process');

const dir = mkdtempSync(join(tmpdir(), 'yifa-bench-'));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(
  `${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}; load average ${load()}`,
);
console.log(
  `${CLIENTS} clients, ${SECONDS} s per phase after ${WARMUP} s of warm-up, ${ROUNDS} round(s); ` +
    `${IN_PROCESS ? 'servers and load in this process' : 'each server in its own process, the load in this one'}\n`,
);

// By default each server runs in a process of its own and the load in this one (two cores: one
// each); `--in-process` runs everything on this event loop (to profile it with --cpu-prof).
const start = <C>(kind: 'baseline' | 'yifa', here: () => Promise<RunningServer<C>>) =>
  IN_PROCESS ? here() : startInChild<C>(kind, dir, CLIENTS);
const baseline = await start('baseline', () => startBaselineServer(dir));
const yifa = await start('yifa', () => startYifaServer(dir, CLIENTS));
const senders = { baseline: baselineSenders(baseline.url, CLIENTS), yifa: await yifaSenders(yifa.url, CLIENTS) };
let baselineOk = 0;
let yifaOk = 0;
const measure = async (name: string, senders: Send[]) => {
  const warm = await runPhase(`${name} (warm-up)`, senders, { seconds: WARMUP, maxPerClient: MAX_PER_CLIENT });
  const r = await runPhase(name, senders, { seconds: SECONDS, maxPerClient: MAX_PER_CLIENT });
  console.log(formatPhase(r));
  return { r, ok: warm.requests - warm.errors + r.requests - r.errors };
};

const results: { baseline: PhaseResult; yifa: PhaseResult }[] = [];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
try {
  for (let round = 0; round < ROUNDS; round++) {
    const skipped = { r: { perSecond: Number.NaN } as PhaseResult, ok: 0 };
    const b = ONLY === 'yifa' ? skipped : await measure('bare hono + libsql insert', senders.baseline);
    const y = ONLY === 'baseline' ? skipped : await measure('Yifa case transition', senders.yifa);
    baselineOk += b.ok;
    yifaOk += y.ok;
    results.push({ baseline: b.r, yifa: y.r });
    if (!ONLY) console.log(`  ratio ${((100 * y.r.perSecond) / b.r.perSecond).toFixed(1)} %\n`);
  }
  const { rows } = await baseline.check();
  const check = await yifa.check();
  console.log(`\nbaseline rows inserted ${rows} (answered 200: ${baselineOk})`);
  console.log(
    `Yifa audit chain ${check.chainOk ? 'intact' : 'BROKEN'}: ${check.events} events, ` +
      `${check.transitionEvents} case.transition events, ${check.versionSteps} version steps, ${yifaOk} transitions answered 200`,
  );
  console.log(`Yifa database: ${check.writes} (group commit)`);
  const recorded = check.chainOk && check.transitionEvents === yifaOk && check.versionSteps === yifaOk;
  if (!ONLY) {
    const bare = median(results.map((r) => r.baseline.perSecond));
    const ours = median(results.map((r) => r.yifa.perSecond));
    const ratio = median(results.map((r) => r.yifa.perSecond / r.baseline.perSecond));
    console.log(
      `\nmedian of ${ROUNDS} round(s): bare ${bare.toFixed(0)}/s, Yifa ${ours.toFixed(0)}/s, ratio ${(100 * ratio).toFixed(1)} %\n` +
        `goals: ≥ 50 % of bare ${ratio >= 0.5 ? 'met' : 'NOT met'}, ≥ 1,000/s ${ours >= 1000 ? 'met' : 'NOT met'}; ` +
        `every transition recorded: ${recorded ? 'yes' : 'NO'}; load average ${load()}`,
    );
  }
  process.exitCode = recorded && rows === baselineOk ? 0 : 1;
} finally {
  await baseline.close();
  await yifa.close();
  rmSync(dir, { recursive: true, force: true });
}
