/**
 * Permissions are data and tested (design §8): roles × endpoints × other subjects' objects.
 * Four subjects — 区市场监管局 (120116-SCJ), 区生态环境局 (120116-STJ), both under the district
 * government, and 开发区市场监督管理局 (120116-TEDA-SCJ) and 开发区生态环境局 (120116-TEDA-STJ)
 * under the development zone, each zone bureau supervised by the district department of its
 * sector (行业业务监督, sectorSupervisors in tj-binhai) — each with a case under 法制审核, and
 * users in the roles of the real cn-national pack with their real scopes. Every actor reads,
 * lists, edits, moves and reviews exactly what its scope covers; another subject's case answers
 * the same 404 as a missing one and never appears in a list.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './harness.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const SUBJECTS = {
  SCJ: { org: '120116-SCJ', matter: '120116-SCJ-CF-0001-01' },
  STJ: { org: '120116-STJ', matter: '120116-STJ-CF-0001-01' },
  TEDA: { org: '120116-TEDA-SCJ', matter: '120116-SCJ-CF-0001-01' },
  TSTJ: { org: '120116-TEDA-STJ', matter: '120116-STJ-CF-0001-01' },
} as const;
type Subject = keyof typeof SUBJECTS;
const ALL: Subject[] = ['SCJ', 'STJ', 'TEDA', 'TSTJ'];

/** One actor of the matrix: what it may read, write (facts, transitions) and review. */
interface Actor {
  user: string;
  org: string;
  roles: string[];
  read: Subject[];
  /** Subjects whose cases it may write; 'forbidden' when no role grants a write permission. */
  write: Subject[] | 'forbidden';
  /** Subjects whose facts it may change (the fine-check reason too), when not the same as `write`. */
  facts?: Subject[] | 'forbidden';
  review: Subject[] | 'forbidden';
  legalQualification?: boolean;
}

const perSubject = (s: Subject): Actor[] => {
  const org = SUBJECTS[s].org;
  const k = s.toLowerCase();
  return [
    { user: `${k}.officer`, org, roles: ['officer'], read: [s], write: [s], review: 'forbidden' },
    { user: `${k}.other`, org, roles: ['officer'], read: [], write: [], review: 'forbidden' },
    { user: `${k}.head`, org, roles: ['department-head'], read: [s], write: [s], review: 'forbidden' },
    { user: `${k}.agency`, org, roles: ['agency-head'], read: [s], write: [s], review: 'forbidden' },
    {
      user: `${k}.reviewer`,
      org,
      roles: ['legal-reviewer'],
      read: [s],
      write: [s],
      // The reviewer moves the case on from 法制审核 but never changes its facts (separation of duties).
      facts: 'forbidden',
      review: [s],
      legalQualification: true,
    },
  ];
};

const ACTORS: Actor[] = [
  ...ALL.flatMap(perSubject),
  {
    user: 'zone.agency',
    org: '120116-TEDA',
    roles: ['agency-head'],
    read: ['TEDA', 'TSTJ'],
    write: ['TEDA', 'TSTJ'],
    review: 'forbidden',
  },
  // 行业业务监督: the district department reads its own cases and its sector's zone bureau's,
  // not the zone's bureau of another sector, and writes none of them.
  {
    user: 'scj.sector',
    org: '120116-SCJ',
    roles: ['sector-supervisor'],
    read: ['SCJ', 'TEDA'],
    write: 'forbidden',
    review: 'forbidden',
  },
  {
    user: 'stj.sector',
    org: '120116-STJ',
    roles: ['sector-supervisor'],
    read: ['STJ', 'TSTJ'],
    write: 'forbidden',
    review: 'forbidden',
  },
  // With a role that writes its own subject's cases too, the supervised ones stay read-only.
  {
    user: 'scj.head-sector',
    org: '120116-SCJ',
    roles: ['department-head', 'sector-supervisor'],
    read: ['SCJ', 'TEDA'],
    write: ['SCJ'],
    review: 'forbidden',
  },
  { user: 'gov.agency', org: '120116-GOV', roles: ['agency-head'], read: ALL, write: ALL, review: 'forbidden' },
  { user: 'supervisor', org: '120116-SFJ', roles: ['supervisor'], read: ALL, write: 'forbidden', review: 'forbidden' },
];

let server: Server;
const clients = new Map<string, Client>();
const userIds = new Map<string, string>();
const cases = new Map<Subject, { id: string; number: string; review: string }>();
const client = (user: string) => clients.get(user) as Client;
const caseOf = (s: Subject) => cases.get(s) as { id: string; number: string; review: string };
const json = async (res: Response): Promise<Json> => res.json();

async function act(user: string, caseId: string, action: string): Promise<Json> {
  const c = client(user);
  const { version } = await json(await c.get(`/api/v1/cases/${caseId}`));
  const res = await c.post(`/api/v1/cases/${caseId}/transitions`, { action, version });
  expect(res.status, `${user} ${action}: ${await res.clone().text()}`).toBe(200);
  return json(res);
}

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2030-12-31' };
  const everyone = [
    ...ACTORS,
    ...ALL.map((s) => ({ user: `${s.toLowerCase()}.officer2`, org: SUBJECTS[s].org, roles: ['officer'] })),
  ];
  for (const a of everyone) {
    const u = await server.user({
      username: a.user,
      orgCode: a.org,
      roles: a.roles,
      ...cert,
      legalQualification: 'legalQualification' in a && a.legalQualification === true,
    });
    userIds.set(a.user, u.id);
    clients.set(a.user, await server.as(a.user));
  }
  // Each subject's own people open the case and take it to 法制审核, through the API.
  for (const s of ALL) {
    const k = s.toLowerCase();
    const res = await client(`${k}.officer`).post('/api/v1/cases', {
      matter: SUBJECTS[s].matter,
      party: { kind: 'organisation', name: `${s} 当事人`, idNumber: '91350100M000100Y43' },
      officers: [userIds.get(`${k}.officer`), userIds.get(`${k}.officer2`)],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const opened = await json(res);
    await server.issueDocuments(opened.id, 'case-filing-approval');
    await act(`${k}.agency`, opened.id, 'approve-filing');
    await server.issueDocuments(opened.id, 'investigation-report');
    await act(`${k}.officer`, opened.id, 'finish-investigation');
    const submitted = await act(`${k}.head`, opened.id, 'submit-legal-review');
    cases.set(s, { id: opened.id, number: opened.number, review: submitted.review.id });
  }
});

describe('data scope matrix', () => {
  it('the cases are where the matrix expects them', () => {
    expect(cases.size).toBe(4);
    expect(caseOf('TEDA').number).toMatch(/^津开市监案/);
    expect(caseOf('STJ').number).toMatch(/^津滨环案/);
  });

  it('POST /cases: a subject opens only the matters of its own sectors (权责清单), 403 naming the authority item', async () => {
    for (const s of ALL)
      for (const other of ALL) {
        const matter = SUBJECTS[other].matter;
        if (matter === SUBJECTS[s].matter) continue;
        const res = await client(`${s.toLowerCase()}.officer`).post('/api/v1/cases', {
          matter,
          party: { kind: 'organisation', name: `${s} 当事人`, idNumber: '91350100M000100Y43' },
          officers: [userIds.get(`${s.toLowerCase()}.officer`), userIds.get(`${s.toLowerCase()}.officer2`)],
        });
        expect(res.status, `${s} opens ${matter}`).toBe(403);
        expect((await json(res)).error.details.authorityItem).toBe(matter.replace(/-01$/, ''));
      }
  });

  for (const a of ACTORS) {
    describe(`${a.user} (${a.roles.join(', ')} @ ${a.org})`, () => {
      it('GET /cases/:id: 200 in scope, the same 404 as a missing case out of scope', async () => {
        const missing = await json(await client(a.user).get(`/api/v1/cases/${randomUUID()}`));
        for (const s of ALL) {
          const res = await client(a.user).get(`/api/v1/cases/${caseOf(s).id}`);
          if (a.read.includes(s)) {
            expect(res.status, `${a.user} reads ${s}`).toBe(200);
            expect((await json(res)).number).toBe(caseOf(s).number);
          } else {
            expect(res.status, `${a.user} must not read ${s}`).toBe(404);
            const body = await json(res);
            expect(body.error.code).toBe(missing.error.code);
            expect(body.error.message).toEqual(missing.error.message);
          }
        }
      });

      it('GET /cases lists exactly the cases in scope, whatever the search', async () => {
        const list = await json(await client(a.user).get('/api/v1/cases?pageSize=100'));
        const mine = list.items.map((i: Json) => i.id);
        for (const s of ALL) expect(mine.includes(caseOf(s).id), `${a.user} lists ${s}`).toBe(a.read.includes(s));
        for (const s of ALL) {
          const q = await json(await client(a.user).get(`/api/v1/cases?q=${encodeURIComponent(caseOf(s).number)}`));
          expect(q.total).toBe(a.read.includes(s) ? 1 : 0);
          const byState = await json(await client(a.user).get('/api/v1/cases?state=legal-review&pageSize=100'));
          expect(byState.items.some((i: Json) => i.id === caseOf(s).id)).toBe(a.read.includes(s));
        }
      });

      it('PATCH /cases/:id/facts and POST /cases/:id/transitions: past the scope check only in scope', async () => {
        for (const s of ALL) {
          const id = caseOf(s).id;
          // A stale version: in scope the answer is 409 conflict, which proves the scope check passed
          // without changing anything; out of scope it is 404, and 403 without any write permission.
          const facts = await client(a.user).call('PATCH', `/api/v1/cases/${id}/facts`, {
            version: 999,
            facts: { complex: true },
          });
          const move = await client(a.user).post(`/api/v1/cases/${id}/transitions`, {
            action: 'review-agree',
            version: 999,
          });
          const expected = (may: Subject[] | 'forbidden') => (may === 'forbidden' ? 403 : may.includes(s) ? 409 : 404);
          expect(facts.status, `${a.user} edits facts of ${s}`).toBe(expected(a.facts ?? a.write));
          expect(move.status, `${a.user} moves ${s}`).toBe(expected(a.write));
          if (expected(a.write) === 409) expect((await json(move)).error.code).toBe('conflict');
        }
      });

      it('GET /tasks, /alerts and /supervision/summary never show a case out of the read scope', async () => {
        const outside = ALL.filter((s) => !a.read.includes(s)).map((s) => caseOf(s).id);
        const tasks = await client(a.user).get('/api/v1/tasks');
        expect(tasks.status, `${a.user} tasks`).toBe(200);
        for (const t of (await json(tasks)).items) expect(outside, `${a.user} task`).not.toContain(t.id);
        for (const q of ['', '?all=1']) {
          const res = await client(a.user).get(`/api/v1/alerts${q}`);
          if (res.status === 403) continue;
          expect(res.status, `${a.user} alerts${q}`).toBe(200);
          for (const x of (await json(res)).items) expect(outside, `${a.user} alert${q}`).not.toContain(x.case.id);
        }
        const summary = await client(a.user).get('/api/v1/supervision/summary');
        if (summary.status === 200) {
          const open = (await json(summary)).cases.open as number;
          expect(open, `${a.user} summary`).toBeLessThanOrEqual(a.read.length);
        } else expect(summary.status).toBe(403);
      });

      it('POST /cases/:id/fine-check: past the scope check only in scope', async () => {
        for (const s of ALL) {
          const res = await client(a.user).post(`/api/v1/cases/${caseOf(s).id}/fine-check`, {});
          const may = a.facts ?? a.write;
          if (may !== 'forbidden' && may.includes(s))
            expect([200, 403, 422], `${a.user} checks the fine of ${s}`).toContain(res.status);
          else expect(res.status, `${a.user} checks the fine of ${s}`).toBe(may === 'forbidden' ? 403 : 404);
        }
      });

      it('GET /reviews shows only the reviews of cases in the review scope', async () => {
        const res = await client(a.user).get('/api/v1/reviews');
        if (a.review === 'forbidden') {
          expect(res.status).toBe(403);
          return;
        }
        const ids = (await json(res)).items.map((i: Json) => i.id);
        for (const s of ALL) expect(ids.includes(caseOf(s).review), `${a.user} queue ${s}`).toBe(a.review.includes(s));
      });

      it('POST /reviews/:id/opinion on another subject’s review is 404 (403 without review.perform)', async () => {
        for (const s of ALL) {
          if (a.review !== 'forbidden' && a.review.includes(s)) continue;
          const res = await client(a.user).post(`/api/v1/reviews/${caseOf(s).review}/opinion`, {
            opinion: 'disagree',
            checklist: {
              subjectLawful: false,
              procedureLawful: false,
              factsClear: false,
              lawCorrectDiscretionProper: false,
              documentsComplete: false,
              crimeReferral: false,
              other: true,
            },
            comment: '越权审核',
          });
          expect(res.status, `${a.user} reviews ${s}`).toBe(a.review === 'forbidden' ? 403 : 404);
        }
      });
    });
  }

  it('行业业务监督: the supervising department’s statistics count its own and its sector’s zone bureau, not another sector’s', async () => {
    for (const [user, own, zone, other] of [
      ['scj.sector', '120116-SCJ', '120116-TEDA-SCJ', '120116-TEDA-STJ'],
      ['stj.sector', '120116-STJ', '120116-TEDA-STJ', '120116-TEDA-SCJ'],
    ] as const) {
      const res = await client(user).get('/api/v1/supervision/summary');
      expect(res.status, `${user} summary`).toBe(200);
      const summary = await json(res);
      expect(summary.scope).toBe('sector-supervised');
      expect(summary.cases.open, `${user} open cases`).toBe(2);
      const subjects = summary.subjectMetrics.map((m: Json) => m.subject.code);
      expect(subjects).toEqual(expect.arrayContaining([own, zone]));
      expect(subjects).not.toContain(other);
      expect(subjects).not.toContain('120116-TEDA');
    }
  });

  it('in scope, writes work: facts, an opinion, and the reviewer passing the case on', async () => {
    for (const s of ALL) {
      const k = s.toLowerCase();
      const { id, review } = caseOf(s);
      const head = client(`${k}.head`);
      const { version } = await json(await head.get(`/api/v1/cases/${id}`));
      const facts = await head.call('PATCH', `/api/v1/cases/${id}/facts`, { version, facts: { complex: true } });
      expect(facts.status, await facts.clone().text()).toBe(200);
      const reviewer = client(`${k}.reviewer`);
      const opinion = await reviewer.post(`/api/v1/reviews/${review}/opinion`, {
        opinion: 'agree-after-change',
        checklist: {
          subjectLawful: true,
          procedureLawful: true,
          factsClear: true,
          lawCorrectDiscretionProper: false,
          documentsComplete: true,
          crimeReferral: false,
          other: false,
        },
        comment: '罚款数额调整至一般阶次后同意',
        // The 法制审核意见书's own fields, entered on the same page (enter once).
        document: { reviewGrounds: ['案件情况疑难复杂、涉及多个法律关系'], suggestions: '罚款数额调整至一般阶次。' },
      });
      expect(opinion.status, await opinion.clone().text()).toBe(200);
      await head.call('PATCH', `/api/v1/cases/${id}/facts`, {
        version: (await json(await head.get(`/api/v1/cases/${id}`))).version,
        facts: {},
      });
      // The opinion filled and issued the 法制审核意见书 and passed the case on, in one submit (enter once).
      expect((await json(await reviewer.get(`/api/v1/cases/${id}`))).state.code).toBe('notification');
    }
    // Nothing leaked across: each subject's case still carries only its own people's events.
    for (const s of ALL) {
      const detail = await json(await client('gov.agency').get(`/api/v1/cases/${caseOf(s).id}`));
      const actors = new Set(detail.timeline.map((e: Json) => e.actor.id));
      const own = [...userIds.entries()].filter(([u]) => u.startsWith(`${s.toLowerCase()}.`)).map(([, id]) => id);
      for (const x of actors) expect(own).toContain(x);
    }
  });

  it('personal data: full to those whose scope covers personal-data.read, masked to the supervisor', async () => {
    const id = caseOf('SCJ').id;
    const full = await json(await client('scj.agency').get(`/api/v1/cases/${id}`));
    expect(full.party.idNumber).toBe('91350100M000100Y43');
    const masked = await json(await client('supervisor').get(`/api/v1/cases/${id}`));
    expect(masked.party.idNumber).toBe('913501********0Y43');
    const listed = await json(await client('scj.agency').get('/api/v1/cases'));
    expect(listed.items[0].party.masked).toBe(true);
  });
});
