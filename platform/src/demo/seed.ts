/**
 * Prepares a demo database: marks it as one, installs the Binhai pack (the code of `yifa pack
 * install`), creates the demo users (the code of `yifa user add`), and plays the demo cases
 * through the API as those users, so every event is in the audit chain. Nothing is written
 * around the platform's own checks.
 */
import { inArray } from 'drizzle-orm';
import { createApp } from '../app.ts';
import { appendEvent, verifyChain } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createPackRegistry } from '../packs/registry.ts';
import { createServices } from '../services.ts';
import { localDate } from '../time.ts';
import { createUser } from '../users.ts';
import { MARKET_CASES } from './cases-market.ts';
import { OTHER_CASES } from './cases-other.ts';
import { type DemoClient, demoClock, type Json, REAL_CLOCK, signIn } from './client.ts';
import { SNACK_SHOP } from './parties.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './people.ts';
import { runStory, storyStart } from './story.ts';

/** The audit action that marks a database as the demo's (written first), and the one that says it is complete. */
export const DEMO_SEED = 'demo.seed';
export const DEMO_READY = 'demo.ready';

/** Every demo case, in the order they are listed. */
export const DEMO_CASES = [...MARKET_CASES, ...OTHER_CASES];

/** A case as the summary shows it (from the supervisor's list). */
export interface DemoCaseRow {
  number: string;
  /** The subject's organisation code. */
  subject: string;
  matter: string;
  party: string;
  state: string;
  deadline: string;
}

/** What the demo prepared. */
export interface DemoSummary {
  cases: DemoCaseRow[];
  /** The refusal the expired officer got when opening a case. */
  refusal: { zh: string; en: string } | null;
  events: number;
  head: string;
}

/** Records that this database holds demo data (the mark `yifa demo` looks for before recreating it). */
export async function markDemo(
  db: Db,
  action: typeof DEMO_SEED | typeof DEMO_READY,
  actor: string,
  after: unknown,
  at = new Date(),
) {
  await db.transaction((tx) => appendEvent(tx, { actor, action, after }, at.toISOString()));
}

/** Whether a database carries the demo's marks: none, the first only (interrupted), or both. */
export async function demoMarks(db: Db): Promise<'none' | 'partial' | 'ready'> {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(inArray(auditEvents.action, [DEMO_SEED, DEMO_READY]));
  const actions = new Set(rows.map((r) => r.action));
  return actions.has(DEMO_READY) ? 'ready' : actions.has(DEMO_SEED) ? 'partial' : 'none';
}

/** Installs the pack bundle and activates it, as `yifa pack install --activate` does. */
export async function installPack(db: Db, bundle: string, actor: string, at = new Date()) {
  const registry = createPackRegistry(db, () => at);
  const report = await registry.importBundle(bundle, { apply: true, actor });
  await registry.activate(report.hash, actor);
  return report;
}

/** Creates the demo users; returns their ids by user name. */
export async function createDemoUsers(db: Db, actor: string, at = new Date()): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const { note: _note, ...u } of DEMO_USERS) {
    const created = await createUser(db, { ...u, password: DEMO_PASSWORD }, actor, at.toISOString());
    ids.set(u.username, created.id);
  }
  return ids;
}

function deadlineText(d: Json): string {
  if (!d) return '';
  const left = d.daysLeft < 0 ? `超期 ${-d.daysLeft} 天` : `剩 ${d.daysLeft} 天`;
  const flag = d.status === 'near' ? '，即将到期' : d.status === 'overdue' ? '，已超期' : '';
  return `${d.due}（${left}${flag}）`;
}

/** The demo cases as the supervisor (全区只读) sees them. */
export async function caseSummary(supervisor: DemoClient): Promise<DemoCaseRow[]> {
  const list = await supervisor.get('/api/v1/cases?pageSize=100');
  return (list.items as Json[]).map((i) => ({
    number: i.number,
    subject: i.subject.code,
    matter: i.matter.name,
    party: i.party.name,
    state: i.state.name,
    deadline: deadlineText(i.nearestDeadline),
  }));
}

/**
 * Plays the demo cases through the API on a clock that walks the last three months; the
 * story ends the day before `today`.
 */
export async function playCases(db: Db, userIds: Map<string, string>, today = localDate(new Date())) {
  const clock = demoClock();
  const app = createApp(createServices(db, { now: () => clock.now() }));
  await runStory(app, clock, { cases: DEMO_CASES, today, password: DEMO_PASSWORD, userIds });
}

/** Today, on the real clock: the expired officer tries to open a case, and the supervisor lists the cases. */
async function showcase(db: Db): Promise<Pick<DemoSummary, 'cases' | 'refusal'>> {
  const clock = REAL_CLOCK;
  const app = createApp(createServices(db));
  const expired = await signIn(app, clock, 'wangfang', DEMO_PASSWORD);
  const res = await expired.raw('POST', '/api/v1/cases', {
    matter: '120116-SCJ-CF-0001-01',
    party: SNACK_SHOP,
  });
  const body = (await res.json()) as Json;
  const refusal = res.status === 403 && body.error?.code === 'certificate-invalid' ? body.error.message : null;
  const supervisor = await signIn(app, clock, 'sunli', DEMO_PASSWORD);
  return { cases: await caseSummary(supervisor), refusal };
}

/** Prepares a new, empty database as the demo's; `log` hears of each stage. */
export async function seedDemo(
  db: Db,
  o: { bundle: string; actor: string; log?: (line: string) => void },
): Promise<DemoSummary> {
  const log = o.log ?? (() => undefined);
  // The audit log's times only move forward: the setup is recorded at 08:00 on the story's
  // first day, before its first step (09:00), and the story runs up to yesterday.
  const setupAt = new Date(`${storyStart(DEMO_CASES, localDate(new Date()))}T08:00:00+08:00`);
  await markDemo(db, DEMO_SEED, o.actor, { note: '演示数据库 / demo database (yifa demo)' }, setupAt);
  const report = await installPack(db, o.bundle, o.actor, setupAt);
  log(`✓ 已安装并启用配置包 ${report.packId}@${report.version} / pack installed and activated`);
  const userIds = await createDemoUsers(db, o.actor, setupAt);
  log(`✓ 已创建 ${userIds.size} 个演示用户 / demo users created`);
  await playCases(db, userIds);
  log(`✓ 已通过接口办理 ${DEMO_CASES.length} 件演示案件 / demo cases played through the API`);
  const { cases, refusal } = await showcase(db);
  await markDemo(db, DEMO_READY, o.actor, { cases: DEMO_CASES.length, users: userIds.size });
  const chain = await verifyChain(db);
  if (!chain.ok) throw new AppError('internal', { chain }, chain.message);
  return { cases, refusal, events: chain.events, head: chain.head };
}

/**
 * The summary of a demo database prepared before (no refusal is replayed). The case list is
 * the supervisor's; when that account was changed by hand, it is left out.
 */
export async function existingSummary(db: Db): Promise<DemoSummary> {
  const app = createApp(createServices(db));
  const cases = await signIn(app, REAL_CLOCK, 'sunli', DEMO_PASSWORD)
    .then(caseSummary)
    .catch(() => []);
  const chain = await verifyChain(db);
  if (!chain.ok) throw new AppError('internal', { chain }, chain.message);
  return { cases, refusal: null, events: chain.events, head: chain.head };
}
