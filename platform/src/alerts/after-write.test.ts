/**
 * A transition's alerts are judged from the case as the transition left it (transitionedCase),
 * not read again: this walks real transitions and checks that what the route hands the alerts is
 * what the database holds (the row, its surroundings and the engine's snapshot of it), and that
 * judging the case again from the database changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FOOD_FACTS, FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';
import { documents } from '../db/schema.ts';
import { loadCase } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';
import { evaluateCases, readCases, type WrittenCase } from './evaluate.ts';

// The real evaluation, watched: what the after-write middleware hands it.
vi.mock('./evaluate.ts', async (original) => {
  const real = await original<typeof import('./evaluate.ts')>();
  return { ...real, evaluateCases: vi.fn(real.evaluateCases) };
});
const evaluate = vi.mocked(evaluateCases);

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
const clients: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const add = async (username: string, roles: string[], extra = {}) => {
    ids[username] = (await server.user({ username, orgCode: '120116-SCJ', roles, ...extra })).id;
    clients[username] = await server.as(username);
  };
  await add('li.officer', ['officer'], cert);
  await add('wang.officer', ['officer'], cert);
  await add('zhao.head', ['department-head']);
  await add('qian.agency', ['agency-head']);
});

const one = async (caseId: string) => {
  const [c] = await readCases(server.db, [caseId]);
  if (!c) throw new Error(`case ${caseId} not found`);
  return c;
};

describe('alerts after a transition', () => {
  it('judge the case as the database holds it after each transition', async () => {
    const res = await (clients['li.officer'] as Client).post('/api/v1/cases', {
      matter: FOOD_MATTER,
      party: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
      facts: FOOD_FACTS,
      violationDate: '2026-06-01',
      officers: [ids['li.officer'], ids['wang.officer']],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const caseId = ((await res.json()) as Json).id as string;
    await server.db.insert(documents).values({
      id: randomUUID(),
      caseId,
      formCode: 'case-filing-approval',
      version: 1,
      status: 'issued',
      data: { agencyDecision: '同意立案' },
      formHash: 'test',
      createdBy: 'test',
    });
    await server.issueDocuments(caseId, 'investigation-report');
    const walk: [string, string, string?][] = [
      ['qian.agency', 'approve-filing'],
      ['li.officer', 'finish-investigation'],
      ['zhao.head', 'review-return', '证据不足，补充调查'],
      ['li.officer', 'finish-investigation'],
      ['zhao.head', 'submit-legal-review'],
    ];
    const states: string[] = [];
    for (const [user, action, reason] of walk) {
      const before = await one(caseId);
      evaluate.mockClear();
      const moved = await (clients[user] as Client).post(`/api/v1/cases/${caseId}/transitions`, {
        action,
        version: before.c.version,
        ...(reason ? { reason } : {}),
      });
      expect(moved.status, await moved.clone().text()).toBe(200);
      const after = await one(caseId);
      states.push(after.c.state);
      // What the route handed the alerts: the case as the database holds it now, not read again.
      const handed = evaluate.mock.calls.at(-1)?.[2] as ReadonlyMap<string, WrittenCase> | undefined;
      const { loaded, ...written } = handed?.get(caseId) ?? {};
      expect(written, action).toEqual(after);
      // And the case as the engine sees it (the snapshot the route loaded, moved on): as loaded now.
      const today = localDate(server.services.now());
      expect(loaded?.today, action).toBe(today);
      expect(loaded?.loaded, action).toEqual(
        await loadCase(server.db, server.services.packs, after.c, today, after.around),
      );
      // Judging the case again from the database finds the stored alerts already right.
      expect(await evaluateCases(server.services, [caseId]), action).toEqual({ raised: 0, updated: 0, closed: 0 });
    }
    expect(states).toEqual(['investigation', 'case-review', 'investigation', 'case-review', 'legal-review']);
  });
});
