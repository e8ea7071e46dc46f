/**
 * A server under test in a process of its own (started by transitions-bench.ts with `fork`), so
 * that it has the event loop to itself and the load generator runs beside it, as a real client
 * would. Tells its parent the URL when it listens; answers `check` and `close` messages.
 *
 * Usage (by the bench): tsx server-process.ts baseline|baseline-embedded|yifa <dir> <clients>
 */
import { startBaselineServer } from './baseline.ts';
import type { RunningServer } from './target.ts';
import { startYifaServer } from './yifa-target.ts';

/** Messages between the bench and this process. */
export type ToServer = { cmd: 'check' } | { cmd: 'cpu' } | { cmd: 'close' };
export type FromServer = { ready: string } | { checked: unknown } | { cpuMs: number } | { failed: string };

const [kind, dir, clients] = process.argv.slice(2);
const send = (m: FromServer) => process.send?.(m);
try {
  const server: RunningServer<unknown> =
    kind === 'yifa'
      ? await startYifaServer(dir as string, Number(clients))
      : await startBaselineServer(dir as string, kind === 'baseline-embedded' ? 'embedded' : 'libsql-client');
  process.on('message', async (m: ToServer) => {
    if (m.cmd === 'check') send({ checked: await server.check() });
    if (m.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ cpuMs: (user + system) / 1000 });
    }
    if (m.cmd === 'close') {
      await server.close();
      process.disconnect();
    }
  });
  send({ ready: server.url });
} catch (e) {
  send({ failed: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exitCode = 1;
  process.disconnect();
}
