/**
 * The legal date is Beijing's: a case moved at 01:30 in Beijing (17:30 UTC the day before) has
 * its deadlines and its timeline start on the Beijing date, whatever time of day the tests run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOD_MATTER } from '../../test/food-case.ts';
import { startTestServer } from '../../test/harness.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;
let server: Awaited<ReturnType<typeof startTestServer>>;
/** 2026-03-02 01:30 in Beijing. */
const NIGHT = new Date('2026-03-01T17:30:00Z');
/** The two officers a case is opened with (行政处罚法第四十二条). */
const officers: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: () => NIGHT });
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  officers.push((await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id);
  officers.push(
    (await server.user({ username: 'wang.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id,
  );
  await server.user({ username: 'qian.agency', orgCode: '120116-SCJ', roles: ['agency-head'] });
});

describe('the legal date', () => {
  it('starts a deadline on the Beijing date of the transition, not the UTC date', async () => {
    const officer = await server.as('li.officer');
    const res = await officer.post('/api/v1/cases', {
      matter: FOOD_MATTER,
      party: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
      officers,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as Json;
    await server.issueDocuments(id, 'case-filing-approval');
    const agency = await server.as('qian.agency');
    const { version } = (await (await agency.get(`/api/v1/cases/${id}`)).json()) as Json;
    const moved = await agency.post(`/api/v1/cases/${id}/transitions`, { action: 'approve-filing', version });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const detail = (await (await officer.get(`/api/v1/cases/${id}`)).json()) as Json;
    const decide = detail.deadlines.find((d: Json) => d.code === 'decide-within-90');
    expect(decide).toMatchObject({ startedAt: '2026-03-02', daysLeft: 90, status: 'running' });
    const list = (await (await officer.get('/api/v1/cases?state=investigation')).json()) as Json;
    expect(list.items[0].nearestDeadline).toMatchObject({ code: 'decide-within-90', daysLeft: 90 });
  });
});
