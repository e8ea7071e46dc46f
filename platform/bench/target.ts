/** A server under load: its loopback URL, what it checks after the run, and how to stop it. */

/** A running server under test (in this process or another). */
export interface RunningServer<C> {
  url: string;
  /** What the server's own database says after the run. */
  check(): Promise<C>;
  /** CPU time the server's process has used so far (ms), when it runs in a process of its own. */
  cpuMs?(): Promise<number>;
  close(): Promise<void>;
}

/** The servers the bench runs: the goal's baseline, the baseline on the platform's client, Yifa. */
export type TargetKind = 'baseline' | 'baseline-embedded' | 'yifa';

/**
 * Starts a server under test in a child process (server-process.ts, through tsx) and talks to
 * it over IPC: the URL when it listens, `check` after the run, `close` at the end.
 */
export async function startInChild<C>(kind: TargetKind, dir: string, clients: number): Promise<RunningServer<C>> {
  const { fork } = await import('node:child_process');
  const entry = new URL('./server-process.ts', import.meta.url);
  // YIFA_BENCH_PROFILE=<dir> writes a CPU profile of each server process there (node --cpu-prof).
  const profile = process.env.YIFA_BENCH_PROFILE;
  const execArgv = ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = fork(entry, [kind, dir, String(clients)], { execArgv, stdio: 'inherit' });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${kind} server exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const first = await next();
  if (typeof first.failed === 'string') throw new Error(`the ${kind} server did not start:\n${first.failed}`);
  return {
    url: first.ready as string,
    async check() {
      const answer = next();
      child.send({ cmd: 'check' });
      return (await answer).checked as C;
    },
    async cpuMs() {
      const answer = next();
      child.send({ cmd: 'cpu' });
      return (await answer).cpuMs as number;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ cmd: 'close' });
      }),
  };
}
