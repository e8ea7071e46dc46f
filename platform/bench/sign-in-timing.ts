/**
 * Sign-in timing by kind of name (#11 item 4): a known user with a wrong password, an unknown
 * name, a locked account and a disabled one should cost the same (one scrypt hash and one counted
 * failure each). Interleaves the kinds round by round over a real temp database and prints the
 * median and spread of each, and each median's ratio to the known user's.
 *
 *   npx tsx platform/bench/sign-in-timing.ts [rounds]
 */
import { eq } from 'drizzle-orm';
import { users } from '../src/db/schema.ts';
import { PASSWORD, startTestServer } from '../test/harness.ts';

const rounds = Number(process.argv[2] ?? 40);
const server = await startTestServer();
await server.user({ username: 'known.user', orgCode: '120116-SCJ', roles: ['officer'] });
await server.user({ username: 'locked.user', orgCode: '120116-SCJ', roles: ['officer'] });
await server.user({ username: 'disabled.user', orgCode: '120116-SCJ', roles: ['officer'] });
await server.db.update(users).set({ disabled: true }).where(eq(users.username, 'disabled.user'));

const login = (username: string, password: string) =>
  server.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
for (let i = 0; i < 5; i++) await login('locked.user', 'wrong');

// Each kind gets fresh names, so the known user and the unknown name never lock during the run.
const kinds: Record<string, (i: number) => Response | Promise<Response>> = {
  'known user, wrong password': (i) => login('known.user', `wrong-${i}`),
  'unknown name': (i) => login(`nobody-${i}`, `wrong-${i}`),
  'locked account, right password': () => login('locked.user', PASSWORD),
  'disabled account': (i) => login('disabled.user', `wrong-${i}`),
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  // The known user would lock after five failures: sign in right now and then to reset the count.
  if (r % 4 === 0) await login('known.user', PASSWORD);
  for (const [kind, attempt] of Object.entries(kinds)) {
    const t0 = performance.now();
    const res = await attempt(r);
    await res.arrayBuffer();
    times[kind]?.push(performance.now() - t0);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const base = median(times['known user, wrong password'] ?? []);
console.log(`rounds: ${rounds}`);
for (const [kind, xs] of Object.entries(times)) {
  const sorted = [...xs].sort((a, b) => a - b);
  const p10 = sorted[Math.floor(xs.length * 0.1)] ?? 0;
  const p90 = sorted[Math.floor(xs.length * 0.9)] ?? 0;
  console.log(
    `${kind.padEnd(32)} median ${median(xs).toFixed(1)} ms  p10 ${p10.toFixed(1)}  p90 ${p90.toFixed(1)}  ratio ${(median(xs) / base).toFixed(2)}`,
  );
}
server.db.$client.close();
