import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binhaiBundle } from '../../../test/harness.ts';
import { createApp } from '../../app.ts';
import { authorityItemsOf } from '../../assessment/measure.ts';
import { verifyChain } from '../../audit/chain.ts';
import { type Db, openDb } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { createServices } from '../../services.ts';
import { ROLLUPS, rollupDifferences } from '../../statistics/recount.ts';
import { REAL_CLOCK, signIn } from '../client.ts';
import { DEMO_PASSWORD } from '../people.ts';
import { type GenerateOptions, type GenerateReport, generate } from './generate.ts';
import { progressLine } from './progress.ts';

// Personal data is sealed with a fixed test key (no key file is written).
process.env.YIFA_DATA_KEY ??= '00112233445566778899aabbccddeeff';

const TODAY = '2026-12-07';
const SLOW = { timeout: 300_000 };
let dir: string;
let report: GenerateReport;
let db: Db;

const options = (file: string, o: Partial<GenerateOptions> = {}): GenerateOptions => ({
  file,
  bundle: binhaiBundle(),
  subjects: 3,
  officers: 30,
  cases: 2000,
  years: 4,
  seed: 11,
  today: TODAY,
  ...o,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yifa-generate-'));
  report = await generate(options(join(dir, 'a.db')));
  db = await openDb(`file:${join(dir, 'a.db')}`);
}, 300_000);

afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = <T>(text: string) => db.all<T>(sql.raw(text));

describe('yifa demo generate (3 subjects, 2,000 cases)', SLOW, () => {
  it('generates cases by power type as the seed counts them: about 16 inspections to a penalty', async () => {
    const { pack } = await createServices(db).packs.active();
    const byMatter = await rows<{ matter_code: string; n: number }>(
      'SELECT matter_code, count(*) AS n FROM cases GROUP BY 1',
    );
    const byType: Record<string, number> = {};
    for (const r of byMatter) {
      const m = pack.items.matter.get(r.matter_code);
      const type = m?.authorityItem ? pack.items['authority-item'].get(m.authorityItem)?.powerType : m?.workflow;
      byType[type ?? '?'] = (byType[type ?? '?'] ?? 0) + r.n;
    }
    expect(byType).toEqual(report.byKind);
    const total = Object.values(byType).reduce((a, b) => a + b, 0);
    expect(total).toBe(2000);
    // The seed: 238,381 inspections and 14,750 penalties (16.2 : 1); a binomial draw of 2,000 stays within these bounds.
    const ratio = (byType.JC ?? 0) / (byType.CF ?? 1);
    expect(ratio).toBeGreaterThan(12);
    expect(ratio).toBeLessThan(22);
    // Binhai has no 征收 matter: reported, not moved to another kind.
    expect(report.missingKinds).toEqual(['行政征收 (ZS)']);
  });

  it('opens each case on a matter its subject implements, in a state of its workflow, closed exactly when that state ends it', async () => {
    const { pack } = await createServices(db).packs.active();
    const orgs = await rows<{ code: string; type: string }>('SELECT code, type FROM organisations');
    const typeOf = new Map(orgs.map((o) => [o.code, o.type]));
    const cases = await rows<{
      subject_org: string;
      matter_code: string;
      workflow_code: string;
      state: string;
      closed_at: string | null;
    }>('SELECT subject_org, matter_code, workflow_code, state, closed_at FROM cases');
    for (const c of cases) {
      const wf = pack.items.workflow.get(c.workflow_code);
      const state = wf?.states.find((s) => s.code === c.state);
      expect(state, `${c.workflow_code}/${c.state}`).toBeDefined();
      expect(c.closed_at !== null).toBe(state?.terminal === true);
      const m = pack.items.matter.get(c.matter_code);
      if (m?.category === 'enforcement') {
        const items = authorityItemsOf(pack, { code: c.subject_org, type: typeOf.get(c.subject_org) as string });
        expect(items.has(m.authorityItem as string), `${c.subject_org} ${c.matter_code}`).toBe(true);
      }
    }
  });

  it('closes old cases and leaves recent ones open over several states of their workflows', async () => {
    const [old] = await rows<{ n: number; open: number }>(
      `SELECT count(*) AS n, sum(closed_at IS NULL) AS open FROM cases WHERE opened_at < '2025-12-01'`,
    );
    expect(old?.n).toBeGreaterThan(1000);
    expect((old?.open ?? 0) / (old?.n ?? 1)).toBeLessThan(0.01);
    const open = await rows<{ state: string }>('SELECT DISTINCT state FROM cases WHERE closed_at IS NULL');
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(report.open).toBeGreaterThan(0);
  });

  it('records every step in the audit chain, which verifies, in time order', async () => {
    const chain = await verifyChain(db);
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
    expect(chain.events).toBe(report.events);
    const [perCase] = await rows<{ n: number }>(
      'SELECT count(*) * 1.0 / 2000 AS n FROM audit_events WHERE case_id IS NOT NULL',
    );
    expect(perCase?.n).toBeGreaterThan(5);
    const [backwards] = await rows<{ n: number }>(
      `SELECT count(*) AS n FROM audit_events a JOIN audit_events b ON b.seq = a.seq + 1
       WHERE b.at < a.at AND a.action NOT IN ('alert.raise', 'file-review.draw') AND b.action NOT IN ('alert.raise', 'file-review.draw')`,
    );
    expect(backwards?.n).toBe(0);
    // Every case opened and every transition recorded: a case's version counts its transitions.
    const [mismatch] = await rows<{ n: number }>(
      `SELECT count(*) AS n FROM cases c WHERE c.version - 1 <>
        (SELECT count(*) FROM audit_events e WHERE e.case_id = c.id AND e.action = 'case.transition')
        OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.case_id = c.id AND e.action = 'case.open')`,
    );
    expect(mismatch?.n).toBe(0);
    expect(report.documents).toBeGreaterThan(2000);
    expect(report.reviews).toBeGreaterThan(0);
    expect(report.caseSources).toBeGreaterThan(0);
    expect(report.reviewRounds).toBeGreaterThan(0);
  });

  it('keeps the statistics rollups equal to a plain GROUP BY recount of the cases', async () => {
    const [setting] = await rows<{ m: string }>('SELECT month_offset AS m FROM statistics_settings WHERE id = 1');
    for (const table of ROLLUPS) {
      const d = await rollupDifferences(db, table, setting?.m ?? '+480 minutes');
      expect(d, table).toEqual({ stored: [], recounted: [] });
    }
    const [counted] = await rows<{ n: number }>(`SELECT sum(cases) AS n FROM case_counts WHERE length(period) = 4`);
    expect(counted?.n).toBe(2000);
  });

  it('is served by the app: the supervisor signs in and the statistics answer with the generated totals', async () => {
    const app = createApp(createServices(db));
    const supervisor = await signIn(app, REAL_CLOCK, 'sunli', DEMO_PASSWORD);
    const body = await supervisor.get('/api/v1/statistics?groupBy=powerType');
    expect(body.figures.cases).toBe(2000);
    const byKey = Object.fromEntries(body.rows.map((r: { key: string; cases: number }) => [r.key, r.cases]));
    expect(byKey.JC).toBe(report.byKind.JC);
    expect(byKey.CF).toBe(report.byKind.CF);
    // A generated officer signs in with the demo password too.
    const [officer] = await rows<{ username: string }>(
      `SELECT username FROM users WHERE username LIKE 'g%' AND roles = '["officer"]' AND certificate_valid_until > '${TODAY}' LIMIT 1`,
    );
    const me = await signIn(app, REAL_CLOCK, officer?.username as string, DEMO_PASSWORD);
    const mine = await me.get('/api/v1/cases?pageSize=5');
    expect(mine.items.length).toBeGreaterThan(0);
  });

  it('gives the same cases, events and rollups for the same seed (rollups by triggers or recounted), other ones for another seed', async () => {
    const again = join(dir, 'b.db');
    const other = join(dir, 'c.db');
    const small = { alerts: false, reviewRounds: false, cases: 300 } as const;
    await generate(options(again, small));
    await generate(options(other, { ...small, seed: 12 }));
    const project = async (file: string) => {
      const d = await openDb(`file:${file}`);
      try {
        const cases = await d.all(
          sql`SELECT id, number, matter_code, subject_org, state, officers, state_entered, opened_at, closed_at FROM cases ORDER BY id`,
        );
        const events = await d.all(
          sql`SELECT at, actor, action, case_id, target, before, after FROM audit_events WHERE case_id IS NOT NULL OR action LIKE 'case-source.%' ORDER BY seq`,
        );
        const rollups: Record<string, unknown[]> = {};
        for (const table of ROLLUPS)
          rollups[table] = (await d.all(sql.raw(`SELECT * FROM ${table}`))).map((r) => JSON.stringify(r)).sort();
        return { cases, events, rollups };
      } finally {
        d.$client.close();
      }
    };
    const first = await project(again);
    const third = await project(other);
    // The same seed again, its rollups kept by the insert triggers case by case instead of
    // recounted at the end: the same rows, so the bulk fill is what the triggers would give.
    const second = join(dir, 'b2.db');
    await generate(options(second, { ...small, bulkRollups: false }));
    const repeated = await project(second);
    expect(repeated).toEqual(first);
    expect(Object.values(first.rollups).every((r) => r.length > 0)).toBe(true);
    expect(first.cases.length).toBe(300);
    expect(third.cases).not.toEqual(first.cases);
  });

  it('refuses bad options with the field in both languages, and writes nothing', async () => {
    const refusal = async (o: Partial<GenerateOptions>, file = join(dir, 'refused.db')) => {
      const e = await generate(options(file, o)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      const problems = (
        (e as AppError).details as { problems: { path: string; message: { zh: string; en: string } }[] }
      ).problems;
      expect(problems[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(problems[0]?.message.en).toMatch(/[a-z]/);
      return problems[0]?.path;
    };
    expect(await refusal({ officers: 5 })).toBe('/officers');
    expect(await refusal({ years: 0 })).toBe('/years');
    expect(await refusal({ today: '2026-13-45x' })).toBe('/today');
    expect(existsSync(join(dir, 'refused.db'))).toBe(false);
    expect(await refusal({}, join(dir, 'a.db'))).toBe('/file');
    // More subjects than the pack has: refused after looking at the pack, the new file removed.
    expect(await refusal({ subjects: 500, officers: 1000 })).toBe('/subjects');
    expect(existsSync(join(dir, 'refused.db'))).toBe(false);
  });

  it('shows progress as cases, rate, events and time left', () => {
    expect(progressLine(250_000, 1_000_000, 2_500_000, 100)).toBe(
      '案件 cases 250,000/1,000,000 (25%) · 2,500/s · 审计事件 events 2,500,000 · 剩余 ETA 5 min 0 s',
    );
  });
});
