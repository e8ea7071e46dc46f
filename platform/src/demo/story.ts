/**
 * The demo's cases as stories: each a list of steps on days before today, taken by named
 * users through the API. The steps of all cases run in the order of their days, on a clock
 * set to that day (09:00 Beijing time onwards, weekends moved to the Friday before), so the
 * audit chain reads like three months of work and deadlines stand where a real case's would.
 */
import type { createApp } from '../app.ts';
import { type DemoClient, type DemoClock, type Json, signIn } from './client.ts';

type App = ReturnType<typeof createApp>;

/** What a case's steps share: the case's id and number once opened, its review once requested. */
export interface CaseState {
  id: string;
  number: string;
  reviewId?: string;
  /** Documents by form code, as last returned by the API. */
  documents: Record<string, Json>;
}

/** The desk a step works at: users signed in on demand, and the usual moves on a case. */
export interface Desk {
  as(username: string): Promise<DemoClient>;
  /** The id of a demo user. */
  userId(username: string): string;
  /** A date (YYYY-MM-DD) some days before today, as the story counts days. */
  date(daysAgo: number): string;
  /** The instant the clock shows now (ISO). */
  now(): string;
}

/** One step of a case. */
export interface Step {
  daysAgo: number;
  run(desk: Desk, c: CaseState): Promise<void>;
}

/** A demo case: what it shows, and how it gets there. */
export interface DemoCase {
  key: string;
  title: string;
  steps: Step[];
}

/** The calendar date (YYYY-MM-DD) `days` before `today`, moved back to Friday from a weekend. */
export function storyDate(today: string, daysAgo: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  const weekday = d.getUTCDay();
  if (weekday === 6) d.setUTCDate(d.getUTCDate() - 1);
  if (weekday === 0) d.setUTCDate(d.getUTCDate() - 2);
  return d.toISOString().slice(0, 10);
}

/** Minutes between two steps on the same day. */
const STEP_MINUTES = 20;
/** A signed-in session is used again while it is this fresh (the idle limit is 30 minutes). */
const REUSE_MINUTES = 25;

/** The first day of the story: the demo's setup (pack, users) is recorded before it. */
export function storyStart(cases: readonly DemoCase[], today: string): string {
  const days = cases.flatMap((c) => c.steps.map((s) => storyDate(today, s.daysAgo)));
  return days.sort()[0] ?? today;
}

/**
 * Runs the steps of all cases in the order of their days (a case's own steps keep their
 * order), each at its time of day, signing users in as the steps need them.
 */
export async function runStory(
  app: App,
  clock: DemoClock,
  o: { cases: readonly DemoCase[]; today: string; password: string; userIds: ReadonlyMap<string, string> },
): Promise<Map<string, CaseState>> {
  const states = new Map<string, CaseState>(
    o.cases.map((c) => [c.key, { id: '', number: '', documents: {} } satisfies CaseState]),
  );
  const sessions = new Map<string, { client: DemoClient; lastUsed: number }>();
  const desk: Desk = {
    async as(username) {
      const now = clock.now().getTime();
      const held = sessions.get(username);
      if (held && now - held.lastUsed < REUSE_MINUTES * 60_000) {
        held.lastUsed = now;
        return held.client;
      }
      const client = await signIn(app, clock, username, o.password);
      sessions.set(username, { client, lastUsed: clock.now().getTime() });
      return client;
    },
    userId(username) {
      const id = o.userIds.get(username);
      if (!id) throw new Error(`no demo user ${username}`);
      return id;
    },
    date: (daysAgo) => storyDate(o.today, daysAgo),
    now: () => clock.now().toISOString(),
  };
  const steps = o.cases.flatMap((c, ci) =>
    c.steps.map((step, si) => ({ c, step, ci, si, date: storyDate(o.today, step.daysAgo) })),
  );
  steps.sort((a, b) => a.date.localeCompare(b.date) || a.ci - b.ci || a.si - b.si);
  let day = '';
  let slot = 0;
  for (const [i, s] of steps.entries()) {
    if (s.date !== day) {
      day = s.date;
      slot = 0;
    }
    const at = new Date(Date.parse(`${day}T09:00:00+08:00`) + slot * STEP_MINUTES * 60_000);
    // Time only moves forward: a step that ran long pushes the next one back a little.
    if (i === 0 || at.getTime() > clock.now().getTime()) clock.set(at);
    slot += 1;
    try {
      await s.step.run(desk, states.get(s.c.key) as CaseState);
    } catch (e) {
      throw new Error(`演示案件“${s.c.title}”在 ${day} 的一步失败 / demo case ${s.c.key} failed on ${day}`, {
        cause: e,
      });
    }
  }
  return states;
}
