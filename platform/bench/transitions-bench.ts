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
import { formatPhase, runPhase, type Send } from './load.ts';
import { type RunningServer, startInChild, type TargetKind } from './target.ts';
import { startYifaServer, type YifaCheck, yifaSenders } from './yifa-target.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 8);
const ROUNDS = arg('rounds', 1);
const WARMUP = arg('warmup', 2);
const MAX_PER_CLIENT = arg('max', 1_000_000);
/** `--only yifa`, `--only bare` or `--only bareEmbedded` runs one phase (to profile it); the ratios need all. */
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
const start = <C>(kind: TargetKind, here: () => Promise<RunningServer<C>>) =>
  IN_PROCESS ? here() : startInChild<C>(kind, dir, CLIENTS);
const bare = await start('baseline', () => startBaselineServer(dir));
const bareEmbedded = await start('baseline-embedded', () => startBaselineServer(dir, 'embedded'));
const yifa = await start<YifaCheck>('yifa', () => startYifaServer(dir, CLIENTS));
const phases = [
  {
    key: 'bare',
    name: 'bare hono + libsql insert (@libsql/client)',
    server: bare,
    senders: baselineSenders(bare.url, CLIENTS),
  },
  {
    key: 'bareEmbedded',
    name: "bare hono + libsql insert (Yifa's client)",
    server: bareEmbedded,
    senders: baselineSenders(bareEmbedded.url, CLIENTS),
  },
  { key: 'yifa', name: 'Yifa case transition', server: yifa, senders: await yifaSenders(yifa.url, CLIENTS) },
] as const;
type Key = (typeof phases)[number]['key'];
const answered: Record<Key, number> = { bare: 0, bareEmbedded: 0, yifa: 0 };
/**
 * Runs a phase; with the server in a process of its own, also the server's CPU time per request
 * (ms), a figure other work on the machine disturbs far less than requests per second.
 */
const measure = async (name: string, server: RunningServer<unknown>, senders: readonly Send[]) => {
  const warm = await runPhase(`${name} (warm-up)`, [...senders], { seconds: WARMUP, maxPerClient: MAX_PER_CLIENT });
  const cpu0 = await server.cpuMs?.();
  const r = await runPhase(name, [...senders], { seconds: SECONDS, maxPerClient: MAX_PER_CLIENT });
  const cpu1 = await server.cpuMs?.();
  const cpuPerRequest = cpu0 === undefined || cpu1 === undefined ? Number.NaN : (cpu1 - cpu0) / r.requests;
  console.log(
    `${formatPhase(r)}${Number.isNaN(cpuPerRequest) ? '' : `  server CPU ${cpuPerRequest.toFixed(3)} ms/request`}`,
  );
  return { r, ok: warm.requests - warm.errors + r.requests - r.errors, cpuPerRequest };
};

const results: Record<Key, number>[] = [];
const cpu: Record<Key, number>[] = [];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
try {
  for (let round = 0; round < ROUNDS; round++) {
    const perSecond = { bare: Number.NaN, bareEmbedded: Number.NaN, yifa: Number.NaN };
    const cpuMs = { bare: Number.NaN, bareEmbedded: Number.NaN, yifa: Number.NaN };
    for (const p of phases) {
      if (ONLY && ONLY !== p.key) continue;
      const { r, ok, cpuPerRequest } = await measure(p.name, p.server, p.senders);
      answered[p.key] += ok;
      perSecond[p.key] = r.perSecond;
      cpuMs[p.key] = cpuPerRequest;
    }
    results.push(perSecond);
    cpu.push(cpuMs);
    if (!ONLY)
      console.log(
        `  Yifa / bare ${pct(perSecond.yifa / perSecond.bare)}; Yifa / bare on Yifa's client ` +
          `${pct(perSecond.yifa / perSecond.bareEmbedded)}\n`,
      );
  }
  const rows = { bare: (await bare.check()).rows, bareEmbedded: (await bareEmbedded.check()).rows };
  const check = await yifa.check();
  console.log(
    `\nbaseline rows inserted ${rows.bare} and ${rows.bareEmbedded} (answered 200: ${answered.bare}, ${answered.bareEmbedded})`,
  );
  console.log(
    `Yifa audit chain ${check.chainOk ? 'intact' : 'BROKEN'}: ${check.events} events, ` +
      `${check.transitionEvents} case.transition events, ${check.versionSteps} version steps, ${answered.yifa} transitions answered 200`,
  );
  console.log(`Yifa database: ${check.writes} (group commit)`);
  const recorded = check.chainOk && check.transitionEvents === answered.yifa && check.versionSteps === answered.yifa;
  if (!ONLY) {
    const m = (f: (r: Record<Key, number>) => number) => median(results.map(f));
    const ours = m((r) => r.yifa);
    const ratio = m((r) => r.yifa / r.bare);
    console.log(
      `\nmedian of ${ROUNDS} round(s): bare ${m((r) => r.bare).toFixed(0)}/s, bare on Yifa's client ` +
        `${m((r) => r.bareEmbedded).toFixed(0)}/s, Yifa ${ours.toFixed(0)}/s; Yifa / bare ${pct(ratio)}, ` +
        `Yifa / bare on Yifa's client ${pct(m((r) => r.yifa / r.bareEmbedded))}\n` +
        `server CPU per request (median): bare ${median(cpu.map((c) => c.bare)).toFixed(3)} ms, bare on Yifa's client ` +
        `${median(cpu.map((c) => c.bareEmbedded)).toFixed(3)} ms, Yifa ${median(cpu.map((c) => c.yifa)).toFixed(3)} ms\n` +
        `goals: ≥ 50 % of bare ${ratio >= 0.5 ? 'met' : 'NOT met'}, ≥ 1,000/s ${ours >= 1000 ? 'met' : 'NOT met'}; ` +
        `every transition recorded: ${recorded ? 'yes' : 'NO'}; load average ${load()}`,
    );
  }
  process.exitCode = recorded && rows.bare === answered.bare && rows.bareEmbedded === answered.bareEmbedded ? 0 : 1;
} finally {
  await Promise.all([bare.close(), bareEmbedded.close(), yifa.close()]);
  rmSync(dir, { recursive: true, force: true });
}
