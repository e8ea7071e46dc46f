/**
 * A small closed-loop load generator: N clients, each sending its next request as soon as the
 * previous one is answered, for a bounded time and a bounded count, over keep-alive HTTP
 * (Node's fetch, undici). Reports requests per second, latency percentiles and errors.
 */

/** One client's next request: resolves to whether it succeeded. */
export type Send = () => Promise<boolean>;

/** What a phase measured. */
export interface PhaseResult {
  name: string;
  clients: number;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Runs the clients until `seconds` have passed or each has sent `maxPerClient` requests.
 * Latencies are in milliseconds.
 */
export async function runPhase(
  name: string,
  senders: readonly Send[],
  o: { seconds: number; maxPerClient: number },
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + o.seconds * 1000;
  await Promise.all(
    senders.map(async (send) => {
      for (let n = 0; n < o.maxPerClient && performance.now() < end; n++) {
        const t0 = performance.now();
        let ok = false;
        try {
          ok = await send();
        } catch {
          ok = false;
        }
        latencies.push(performance.now() - t0);
        if (!ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    clients: senders.length,
    requests: latencies.length,
    errors,
    seconds,
    perSecond: (latencies.length - errors) / seconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

/** A phase as one line of text. */
export function formatPhase(r: PhaseResult): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return (
    `${r.name.padEnd(28)} ${r.perSecond.toFixed(0).padStart(6)} req/s  ` +
    `p50 ${ms(r.p50)}  p90 ${ms(r.p90)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  ` +
    `${r.requests} requests, ${r.errors} errors, ${r.clients} clients, ${r.seconds.toFixed(1)} s`
  );
}
