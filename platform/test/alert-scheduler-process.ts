/**
 * One app process's alert scheduler, for the once-only test (alerts/scheduler.test.ts): opens the
 * database file given, waits for the word `go` on stdin (so two processes tick together), ticks
 * once at the instant given, and prints whether it ran a pass, as JSON.
 *
 * Usage: node --import tsx test/alert-scheduler-process.ts <database file> <holder> <ISO instant>
 */
import { createAlertScheduler } from '../src/alerts/scheduler.ts';
import { openDb } from '../src/db/client.ts';
import { createServices } from '../src/services.ts';

const [file, holder, at] = process.argv.slice(2);
if (!file || !holder || !at)
  throw new Error('usage: alert-scheduler-process.ts <database file> <holder> <ISO instant>');
const db = await openDb(`file:${file}`);
const now = new Date(at);
const scheduler = createAlertScheduler(createServices(db, { now: () => now }), { holder, intervalMinutes: 5 });
process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  const report = await scheduler.tick();
  process.stdout.write(`${JSON.stringify({ holder, ran: report !== undefined, casesRead: report?.casesRead ?? 0 })}\n`);
  db.$client.close();
  process.exit(0);
});
