/**
 * `yifa demo generate`: a district (or province) at scale in one embedded database file, for the
 * benchmarks and for trying the supervision centre on realistic volumes. The setup goes through
 * the platform's own code (migrations, `yifa pack install --activate`, the demo users); the bulk
 * — officers, cases with their audit events, documents, 法制审核 reviews and 案源 — is written
 * with prepared statements in large transactions on libsql's own engine, not through the API:
 *
 * - Cases follow the seed's distribution by kind (distribution.ts), on matters each subject's
 *   authority list covers, and move only along their workflow's transitions (paths.ts), one step
 *   every few days from the day they were opened; a case whose next step would come after today
 *   stays open in the state it reached, so old cases are closed and recent ones spread over the
 *   open states of their workflows.
 * - Every step is an audit event with the payload the platform's own write records, chained by
 *   SM3 in time order (events are held per legal day and appended when the day is over), so
 *   `yifa audit verify` checks the whole file.
 * - The statistics rollups are kept by the database's triggers as the cases are inserted (the
 *   test recounts them with a plain GROUP BY).
 * - Afterwards, through the platform again: the alert rules judge every open case (stored alerts
 *   with their recipients and events), and one 案卷评查 round per past year samples the closed
 *   cases its checklist covers.
 *
 * Deterministic from the seed (platform/src/random): the same seed, sizes and day give the same
 * cases, states, times and events; only what the platform makes itself differs (the demo users'
 * ids, the SM4 IVs of sealed personal data).
 */
import { existsSync } from 'node:fs';
import { formatDocumentNumber, maskId, numberingPatternFor } from '@yifa/engine';
import type { DocumentForm, Matter, Organisation, Workflow } from '@yifa/metamodel';
import { sql } from 'drizzle-orm';
import Database from 'libsql';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { evaluateCases } from '../../alerts/evaluate.ts';
import { eventHash, GENESIS } from '../../audit/chain.ts';
import { CHECKPOINT_SUFFIX } from '../../audit/checkpoint.ts';
import type { Actor } from '../../auth/access.ts';
import { hashPassword } from '../../auth/password.ts';
import { sealPii } from '../../crypto/pii.ts';
import type { Db } from '../../db/client.ts';
import { openDb } from '../../db/client.ts';
import { formHash, snapshotHash } from '../../documents/hash.ts';
import { AppError } from '../../errors.ts';
import { createRound } from '../../file-review/rounds.ts';
import { createPackRegistry } from '../../packs/registry.ts';
import { type SeededRng, seededRng } from '../../random/seeded-sample.ts';
import { ROLLUPS, recount } from '../../statistics/recount.ts';
import { CASE_COUNTER, CASE_NUMBER_PATTERN } from '../../storage/case-write.ts';
import { legalDateOf, startOfLegalDay } from '../../time.ts';
import { removeDatabase } from '../database.ts';
import { creditCode, idCardNumber } from '../ids.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../people.ts';
import { createDemoUsers, DEMO_READY, DEMO_SEED, installPack, markDemo } from '../seed.ts';
import { type KindPlan, planKinds, SUMMARY_SHARE } from './distribution.ts';
import { pickPath, unit, type WorkflowPath, type WorkflowPaths, workflowPaths } from './paths.ts';
import { type Progress, SILENT } from './progress.ts';

/** What to generate. */
export interface GenerateOptions {
  /** The database file to create (must not exist). */
  file: string;
  /** The pack bundle to install and activate (Binhai's, as `yifa demo`). */
  bundle: string;
  subjects: number;
  officers: number;
  cases: number;
  years: number;
  seed: number;
  /** The last legal day of the data (YYYY-MM-DD): cases open on it are still open. */
  today: string;
  /** Judge the open cases by the pack's alert rules afterwards (default true). */
  alerts?: boolean;
  /** Draw one 案卷评查 round per past year afterwards (default true). */
  reviewRounds?: boolean;
  progress?: Progress;
  actor?: string;
  /**
   * Fill the statistics rollups once at the end by the platform's recount instead of through the
   * insert triggers case by case (default true: the same rows, much faster; the test compares both).
   */
  bulkRollups?: boolean;
}

/** What was generated. */
export interface GenerateReport {
  file: string;
  subjects: number;
  officers: number;
  users: number;
  cases: number;
  open: number;
  byKind: Record<string, number>;
  /** Kinds of the seed the pack has no matter for. */
  missingKinds: string[];
  documents: number;
  reviews: number;
  caseSources: number;
  alerts: number;
  reviewRounds: number;
  sampledFiles: number;
  events: number;
  seconds: { setup: number; bulk: number; alerts: number; reviewRounds: number; total: number };
}

/** A refusal of a bad option, with the field, in both languages. */
function bad(field: string, zh: string, en: string): AppError {
  return new AppError(
    'validation',
    { problems: [{ path: `/${field}`, code: 'bad-option', message: { zh, en } }] },
    { zh, en },
  );
}

/** Checks the options (each refusal names its field). */
export function checkOptions(o: Pick<GenerateOptions, 'subjects' | 'officers' | 'cases' | 'years' | 'seed' | 'today'>) {
  const whole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!whole(o.subjects, 1, 100_000))
    return bad('subjects', '--subjects 应为正整数', '--subjects is a positive integer');
  if (!whole(o.officers, 2 * o.subjects, 10_000_000))
    return bad(
      'officers',
      `--officers 应为整数且至少为主体数的两倍（${2 * o.subjects}）：每件案件需两名执法人员`,
      `--officers is an integer of at least twice the subjects (${2 * o.subjects}): every case needs two officers`,
    );
  if (!whole(o.cases, 0, 100_000_000)) return bad('cases', '--cases 应为非负整数', '--cases is a non-negative integer');
  if (!whole(o.years, 1, 30)) return bad('years', '--years 应为 1–30 的整数', '--years is an integer from 1 to 30');
  if (!whole(o.seed, 0, 2 ** 31 - 1))
    return bad('seed', '--seed 应为 0–2147483647 的整数', '--seed is an integer from 0 to 2147483647');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.today) || Number.isNaN(Date.parse(o.today)))
    return bad('today', '--today 应为 YYYY-MM-DD 日期', '--today is a date YYYY-MM-DD');
  return undefined;
}

const DAY = 86_400_000;
/** Mean days between two steps of a case, by workflow (an inspection moves in days, a penalty in weeks). */
const MEAN_STEP_DAYS: Record<string, number> = { inspection: 4, 'penalty-summary': 0.2 };
const DEFAULT_STEP_DAYS = 8;
/** Share of officers whose certificate has ended (the assessment's 持证 counts them out). */
const EXPIRED_SHARE = 0.05;
/** Distinct parties per generated file (a party has several cases over the years). */
const PARTIES = 5000;
/** Cases per write transaction. */
const BATCH = 5000;
/** Audit events per INSERT statement (10 parameters each, within SQLite's 32,766). */
const EVENT_ROWS = 100;

/** A UUID-shaped id, the same for the same seed, kind and counter. */
function idOf(seed: number, kind: number, n: number): string {
  const s = (seed >>> 0).toString(16).padStart(8, '0');
  const k = kind.toString(16).padStart(3, '0');
  const c = n.toString(16).padStart(12, '0');
  return `${s}-0000-4${k}-8000-${c}`;
}
const ID_USER = 1;
const ID_CASE = 2;
const ID_DOCUMENT = 3;
const ID_REVIEW = 4;
const ID_SOURCE = 5;

/** A pending audit event (appended when its legal day is over). */
interface PendingEvent {
  at: string;
  actor: string;
  action: string;
  caseId: string | null;
  target: string | null;
  before: unknown;
  after: unknown;
}

/** A generated user. */
interface GenUser {
  id: string;
  username: string;
  displayName: string;
  orgCode: string;
  roles: string[];
  certificateNo: string | null;
  certificateValidUntil: string | null;
  legalQualification: boolean;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞斌宇浩凯健俊帆晨阳佳欣怡雪琳婷倩丹雯昊天博文思远志航';
const TRADES = [
  '商贸',
  '餐饮管理',
  '食品',
  '建筑工程',
  '物流',
  '化工',
  '机械制造',
  '科技',
  '酒店管理',
  '医药',
  '汽车服务',
  '装饰工程',
];

/**
 * Generates a new database file; refuses bad options (each naming its field) before writing, and
 * removes what it wrote when it fails on the way, so a refusal leaves nothing behind.
 */
export async function generate(o: GenerateOptions): Promise<GenerateReport> {
  const problem = checkOptions(o);
  if (problem) throw problem;
  if (existsSync(o.file) || existsSync(`${o.file}${CHECKPOINT_SUFFIX}`))
    throw bad('file', `${o.file} 已存在：生成只写入新文件`, `${o.file} exists: the generator only writes a new file`);
  try {
    return await run(o);
  } catch (e) {
    removeDatabase(`file:${o.file}`);
    throw e;
  }
}

async function run(o: GenerateOptions): Promise<GenerateReport> {
  const progress = o.progress ?? SILENT;
  const actor = o.actor ?? 'yifa demo generate';
  const rng = seededRng(o.seed);
  const t0 = performance.now();
  const lastDay = o.today;
  const endMs = startOfLegalDay(lastDay).getTime() + DAY; // the end of the last legal day
  const startMs = endMs - o.years * 365 * DAY;
  const setupAt = new Date(startMs - DAY + 8 * 3600_000);

  // 1. Setup through the platform: migrations, the pack, the demo users (for signing in).
  progress.stage(`建库、安装配置包 / creating ${o.file}, installing the pack`);
  const url = `file:${o.file}`;
  let db: Db = await openDb(url);
  await markDemo(
    db,
    DEMO_SEED,
    actor,
    { note: '生成的规模演示数据库 / generated demo database (yifa demo generate)', seed: o.seed },
    setupAt,
  );
  const installed = await installPack(db, o.bundle, actor, setupAt);
  await createDemoUsers(db, actor, setupAt);
  const { pack } = await createPackRegistry(db).active();
  const packHash = installed.hash;
  const orgRows = (
    await db.$client.execute('SELECT code, type, path, enforcement_subject FROM organisations ORDER BY code')
  ).rows as unknown as { code: string; type: string; path: string; enforcement_subject: number }[];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.$client.close();

  const allSubjects = orgRows.filter((r) => r.enforcement_subject);
  if (o.subjects > allSubjects.length)
    throw bad(
      'subjects',
      `配置包只有 ${allSubjects.length} 个执法主体，--subjects 不能超过它（组织架构随配置包启用而重建，包外新增的主体既无职责也会在下次启用时消失）`,
      `the pack has ${allSubjects.length} enforcement subjects and --subjects cannot exceed them (organisations are rebuilt from the pack on activation: a subject added outside it has no authority items and is gone at the next activation)`,
    );
  const legalSubjects = [...new Set(DEMO_USERS.filter((u) => u.roles.includes('legal-affairs')).map((u) => u.orgCode))];
  // One subject of each kind first (so a small generation still has every kind), then the other
  // subjects with matters, then the rest, each by code.
  const fullPlan = planKinds(pack, allSubjects, legalSubjects);
  const active = new Set(fullPlan.kinds.flatMap((k) => k.subjects.map((s) => s.code)));
  const firsts = [...new Set(fullPlan.kinds.flatMap((k) => k.subjects.slice(0, 1).map((s) => s.code)))];
  const rank = (code: string) => (firsts.includes(code) ? firsts.indexOf(code) : active.has(code) ? 1000 : 2000);
  const chosen = [...allSubjects]
    .sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code))
    .slice(0, o.subjects);
  const plan: KindPlan = planKinds(pack, chosen, legalSubjects);
  const orgOf = new Map(orgRows.map((r) => [r.code, r]));
  const packOrg = (code: string) => pack.items.organisation.get(code) as Organisation;

  // 2. The bulk, on libsql's engine.
  const tBulk = performance.now();
  const raw = new Database(o.file);
  raw.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY',
  );
  const deferred = deferForBulk(raw, o.bulkRollups !== false);
  const head = raw.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS;
  let events = seq;
  // Events go in by statements of EVENT_ROWS rows (one call into the engine per statement, not per row).
  const EVENT_COLUMNS = '(seq, at, actor, action, case_id, target, before, after, prev_hash, hash)';
  const eventRows = (n: number) =>
    raw.prepare(
      `INSERT INTO audit_events ${EVENT_COLUMNS} VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
  const insertEvents = eventRows(EVENT_ROWS);
  const insertEvent = eventRows(1);
  let buffered: unknown[] = [];
  const flushEvents = () => {
    for (let i = 0; i < buffered.length; i += 10) insertEvent.run(...buffered.slice(i, i + 10));
    buffered = [];
  };
  const append = (e: PendingEvent) => {
    seq += 1;
    const row = {
      seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      caseId: e.caseId,
      target: e.target,
      before: e.before ?? null,
      after: e.after ?? null,
    };
    const hash = eventHash(prevHash, row);
    buffered.push(
      seq,
      row.at,
      row.actor,
      row.action,
      row.caseId,
      row.target,
      row.before === null ? null : JSON.stringify(row.before),
      row.after === null ? null : JSON.stringify(row.after),
      prevHash,
      hash,
    );
    if (buffered.length === EVENT_ROWS * 10) {
      insertEvents.run(...buffered);
      buffered = [];
    }
    prevHash = hash;
    events += 1;
  };

  // Users: officers spread over the chosen subjects, and per subject the other roles its workflows need.
  const users: GenUser[] = [];
  const officersOf = new Map<string, string[]>();
  const roleUser = new Map<string, string>(); // `${subject}|${role}` → user id
  let userN = 0;
  const personName = () =>
    `${SURNAMES[uniformInt(rng, 0, SURNAMES.length - 1)]}${GIVEN[uniformInt(rng, 0, GIVEN.length - 1)]}${unit(rng) < 0.5 ? GIVEN[uniformInt(rng, 0, GIVEN.length - 1)] : ''}`;
  const region = (code: string) => (/^\d{6}/.test(code) ? code.slice(0, 6) : '120116');
  const workflowsOf = new Map<string, Set<string>>();
  for (const k of plan.kinds)
    for (const s of k.subjects)
      for (const m of s.matters) {
        const set = workflowsOf.get(s.code) ?? new Set<string>();
        set.add(m.workflow);
        for (const w of m.alternativeWorkflows ?? []) set.add(w);
        workflowsOf.set(s.code, set);
      }
  const perSubject = Math.floor(o.officers / chosen.length);
  let extra = o.officers - perSubject * chosen.length;
  for (const s of chosen) {
    const n = perSubject + (extra-- > 0 ? 1 : 0);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      userN += 1;
      const id = idOf(o.seed, ID_USER, userN);
      const year = 2015 + uniformInt(rng, 0, 9);
      const expired = unit(rng) < EXPIRED_SHARE;
      users.push({
        id,
        username: `g${userN}`,
        displayName: personName(),
        orgCode: s.code,
        roles: ['officer'],
        certificateNo: `${region(s.code)}${year}${String(userN % 10000).padStart(4, '0')}`,
        certificateValidUntil: expired
          ? `${Number(lastDay.slice(0, 4)) - 1}-06-30`
          : `${Number(lastDay.slice(0, 4)) + 3}-12-31`,
        legalQualification: false,
      });
      if (!expired) ids.push(id);
    }
    // Every case needs two officers whose certificate is valid.
    while (ids.length < 2) {
      const u = users.findLast((x) => x.orgCode === s.code && !ids.includes(x.id)) as GenUser;
      u.certificateValidUntil = `${Number(lastDay.slice(0, 4)) + 3}-12-31`;
      ids.push(u.id);
    }
    officersOf.set(s.code, ids);
    const roles = new Set<string>(['department-head', 'agency-head', 'legal-reviewer']);
    for (const w of workflowsOf.get(s.code) ?? [])
      for (const t of pack.items.workflow.get(w)?.transitions ?? []) for (const r of t.roles ?? []) roles.add(r);
    roles.delete('officer');
    for (const r of [...roles].filter((x) => pack.items.role.has(x)).sort()) {
      userN += 1;
      const id = idOf(o.seed, ID_USER, userN);
      users.push({
        id,
        username: `g${userN}`,
        displayName: personName(),
        orgCode: s.code,
        roles: [r],
        certificateNo: null,
        certificateValidUntil: null,
        legalQualification: r === 'legal-reviewer',
      });
      roleUser.set(`${s.code}|${r}`, id);
    }
  }
  const setupIso = setupAt.toISOString();
  const insertUser = raw.prepare(
    `INSERT INTO users (id, username, display_name, password_hash, org_code, roles, certificate_no, certificate_valid_until,
      legal_qualification, password_changed_at, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  raw.exec('BEGIN');
  for (const u of users) {
    insertUser.run(
      u.id,
      u.username,
      u.displayName,
      passwordHash,
      u.orgCode,
      JSON.stringify(u.roles),
      u.certificateNo,
      u.certificateValidUntil,
      u.legalQualification ? 1 : 0,
      setupIso,
      setupIso,
    );
    append({
      at: setupIso,
      actor,
      action: 'user.create',
      caseId: null,
      target: u.id,
      before: null,
      after: {
        username: u.username,
        orgCode: u.orgCode,
        roles: u.roles,
        certificate: u.certificateNo ? { no: u.certificateNo, validUntil: u.certificateValidUntil } : null,
        legalQualification: u.legalQualification,
      },
    });
  }
  flushEvents();
  raw.exec('COMMIT');
  progress.stage(`✓ ${users.length.toLocaleString()} 名人员（执法人员 ${o.officers.toLocaleString()}）/ users created`);

  // Parties: companies and 个体工商户 with valid 统一社会信用代码, some persons with valid 身份证号; sealed once each.
  const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const parties: { stored: string; masked: { kind: string; name: string; idNumber: string }; name: string }[] = [];
  for (let i = 0; i < PARTIES; i++) {
    const person = unit(rng) < 0.15;
    let name: string;
    let id: string;
    if (person) {
      name = personName();
      const y = 1960 + uniformInt(rng, 0, 40);
      const birth = `${y}-${String(uniformInt(rng, 1, 12)).padStart(2, '0')}-${String(uniformInt(rng, 1, 28)).padStart(2, '0')}`;
      id = idCardNumber('120116', birth, uniformInt(rng, 1, 999));
    } else {
      const body = Array.from({ length: 8 }, () => CODE_CHARS[uniformInt(rng, 0, CODE_CHARS.length - 1)]).join('');
      const shop = unit(rng) < 0.3;
      id = creditCode(shop ? '92' : '91', '120116', body);
      const trade = TRADES[uniformInt(rng, 0, TRADES.length - 1)];
      name = shop ? `滨海新区${personName()}${trade}店` : `天津滨海${name3(rng)}${trade}有限公司`;
    }
    const kind = person ? 'person' : 'organisation';
    const address = `天津市滨海新区某某路${uniformInt(rng, 1, 999)}号`;
    parties.push({
      name,
      stored: JSON.stringify({ kind, name, idNumber: sealPii(id), address: sealPii(address) }),
      masked: { kind, name, idNumber: maskId(id) },
    });
  }

  // Workflows' paths, forms' hashes, numbering counters.
  const pathsOf = new Map<string, WorkflowPaths>();
  const pathsFor = (wf: Workflow) => {
    let p = pathsOf.get(wf.code);
    if (!p) {
      p = workflowPaths(wf);
      pathsOf.set(wf.code, p);
    }
    return p;
  };
  const counters = new Map<string, { pattern: string; org: string; year: number; seq: number }>();
  const nextNumber = (pattern: string, org: Organisation, year: number) => {
    const key = `${pattern}\u0000${org.code}\u0000${year}`;
    const c = counters.get(key) ?? { pattern, org: org.code, year, seq: 0 };
    c.seq += 1;
    counters.set(key, c);
    return c.seq;
  };
  const numberOf = (pattern: string, counter: string, org: Organisation, year: number) =>
    formatDocumentNumber(pattern, {
      orgPrefix: org.numberingPrefix ?? org.shortName ?? org.name,
      orgShort: org.shortName ?? org.name,
      year,
      seq: nextNumber(counter, org, year),
    });

  const insertCase = raw.prepare(
    `INSERT INTO cases (id, number, matter_code, workflow_code, category, subject_org, subject_path, pack_hash, state, party, facts,
      officers, state_entered, extensions, violation_date, opened_at, updated_at, closed_at, created_by, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, '{}', ?, ?, ?, ?, ?, ?)`,
  );
  const insertDocument = raw.prepare(
    `INSERT INTO documents (id, case_id, form_code, version, status, number, data, form_hash, hash, print_context, created_by, updated_at, issued_at, issued_by)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReview = raw.prepare(
    `INSERT INTO reviews (id, case_id, requested_by, requested_at, due_date, reviewer, opinion, checklist, comment, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSource = raw.prepare(
    `INSERT INTO case_sources (id, subject_org, subject_path, pack_hash, kind, received_on, description, party_name, registered_by,
      registered_at, due_on, outcome, case_id, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'filed', ?, ?, ?)`,
  );
  const sourceKinds = (pack.items.codelist.get('case-source-kinds')?.entries ?? []).map((e) => e.code);

  // Opening instants: working days, office hours (Beijing), sorted so numbers and events run in time.
  progress.stage(`生成 ${o.cases.toLocaleString()} 件案件 / generating cases`);
  const opened = new Float64Array(o.cases);
  for (let i = 0; i < o.cases; i++) {
    let day = Math.floor(unit(rng) * o.years * 365);
    const dow = new Date(startMs + day * DAY + 12 * 3600_000).getUTCDay();
    if (dow === 0) day = Math.max(0, day - 2);
    else if (dow === 6) day = Math.max(0, day - 1);
    opened[i] = startMs + day * DAY + (8.5 + unit(rng) * 9) * 3600_000;
  }
  opened.sort();

  const pending = new Map<number, PendingEvent[]>();
  let flushedDay = Math.floor(startMs / DAY) - 1;
  const dayOf = (ms: number) => Math.floor((ms + 8 * 3600_000) / DAY); // legal day number (Beijing)
  const push = (ms: number, e: Omit<PendingEvent, 'at'>) => {
    const d = dayOf(ms);
    if (d <= flushedDay) throw new Error(`an event of ${new Date(ms).toISOString()} comes after its day was appended`);
    const list = pending.get(d) ?? [];
    list.push({ ...e, at: new Date(ms).toISOString() });
    pending.set(d, list);
  };
  const flushBefore = (day: number) => {
    for (let d = flushedDay + 1; d < day; d++) {
      const list = pending.get(d);
      if (!list) continue;
      pending.delete(d);
      list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      for (const e of list) append(e);
    }
    flushedDay = Math.max(flushedDay, day - 1);
  };

  const byKind: Record<string, number> = {};
  const openCaseIds: string[] = [];
  let documentsN = 0;
  let reviewsN = 0;
  let sourcesN = 0;
  let docN = 0;
  let reviewIdN = 0;
  const cumulative = plan.kinds.map((_, i) => plan.kinds.slice(0, i + 1).reduce((s, k) => s + k.weight, 0));
  const pickOf = <T>(xs: readonly T[]): T => xs[uniformInt(rng, 0, xs.length - 1)] as T;

  raw.exec('BEGIN');
  for (let i = 0; i < o.cases; i++) {
    if (i > 0 && i % BATCH === 0) {
      raw.exec('COMMIT');
      progress.cases(i, o.cases, events);
      raw.exec('BEGIN');
    }
    const openMs = opened[i] as number;
    flushBefore(dayOf(openMs));
    const r = unit(rng);
    const ki = Math.min(
      cumulative.findIndex((c) => r < c),
      plan.kinds.length - 1,
    );
    const kind = plan.kinds[ki];
    if (!kind) break;
    const subj = pickOf(kind.subjects);
    const matter: Matter = pickOf(subj.matters);
    const org = packOrg(subj.code);
    const row = orgOf.get(subj.code) as (typeof orgRows)[number];
    const wfCode =
      kind.kind.code === 'CF' && matter.alternativeWorkflows?.length && unit(rng) < SUMMARY_SHARE
        ? (matter.alternativeWorkflows[0] as string)
        : matter.workflow;
    const wf = pack.items.workflow.get(wfCode) as Workflow;
    const path: WorkflowPath = pickPath(rng, pathsFor(wf));
    const officers = officersOf.get(subj.code) as string[];
    const a = uniformInt(rng, 0, officers.length - 1);
    const b = (a + uniformInt(rng, 1, officers.length - 1)) % officers.length;
    const caseOfficers = [officers[a] as string, officers[b] as string];
    const party = pickOf(parties);
    const id = idOf(o.seed, ID_CASE, i + 1);
    const year = Number(legalDateOf(new Date(openMs).toISOString()).slice(0, 4));
    const number = numberOf(CASE_NUMBER_PATTERN, CASE_COUNTER, org, year);
    const openedAt = new Date(openMs).toISOString();
    const violationDate = legalDateOf(new Date(openMs - uniformInt(rng, 0, 10) * DAY).toISOString());
    byKind[kind.kind.code] = (byKind[kind.kind.code] ?? 0) + 1;

    const later: (() => unknown)[] = [];
    const defer = (st: { run(...args: unknown[]): unknown }, ...args: unknown[]) => later.push(() => st.run(...args));
    const actorFor = (roles: readonly string[] | undefined) => {
      if (!roles?.length || roles.includes('officer')) return caseOfficers[uniformInt(rng, 0, 1)] as string;
      for (const role of roles) {
        const u = roleUser.get(`${subj.code}|${role}`);
        if (u) return u;
      }
      return caseOfficers[0] as string;
    };

    // 案源: a penalty case is opened from a registered clue, filed the day it is opened.
    if (kind.kind.code === 'CF' && wf.code === matter.workflow && sourceKinds.length) {
      const sid = idOf(o.seed, ID_SOURCE, ++sourcesN);
      // Received some days before; registered earlier the day the case is opened from it (the chain runs in time).
      const receivedMs = openMs - uniformInt(rng, 1, 10) * DAY;
      const registeredMs = Math.max(openMs - 3600_000, startOfLegalDay(legalDateOf(openedAt)).getTime());
      const received = legalDateOf(new Date(receivedMs).toISOString());
      const due = legalDateOf(new Date(receivedMs + 21 * DAY).toISOString());
      const description = `${matter.name}线索`;
      const registrar = caseOfficers[0] as string;
      const sourceKind = pickOf(sourceKinds);
      defer(
        insertSource,
        sid,
        subj.code,
        row.path,
        packHash,
        sourceKind,
        received,
        description,
        party.name,
        registrar,
        new Date(registeredMs).toISOString(),
        due,
        id,
        registrar,
        openedAt,
      );
      push(registeredMs, {
        actor: registrar,
        action: 'case-source.register',
        caseId: null,
        target: sid,
        before: null,
        after: {
          subject: subj.code,
          kind: sourceKind,
          receivedOn: received,
          dueOn: due,
          description,
          partyName: party.name,
        },
      });
      push(openMs, {
        actor: registrar,
        action: 'case-source.file',
        caseId: id,
        target: sid,
        before: null,
        after: { outcome: 'filed', caseId: id, case: number },
      });
    }

    push(openMs, {
      actor: caseOfficers[0] as string,
      action: 'case.open',
      caseId: id,
      target: id,
      before: null,
      after: {
        number,
        matter: matter.code,
        workflow: wf.code,
        state: wf.start,
        subject: subj.code,
        packHash,
        party: party.masked,
        officers: caseOfficers,
        facts: {},
        violationDate,
      },
    });

    // Walk the path while the next step falls on or before today.
    const mean = MEAN_STEP_DAYS[wf.code] ?? DEFAULT_STEP_DAYS;
    let t = openMs;
    let state = wf.start;
    let version = 1;
    const entered: Record<string, string> = { [wf.start]: openedAt };
    const made = new Set<string>();
    let review: { id: string; requestedMs: number; by: string } | undefined;
    for (const step of path) {
      const gap = Math.max(0.02, -Math.log(1 - unit(rng)) * mean) * DAY;
      const next = t + gap;
      if (next >= endMs) break;
      t = next;
      const by = actorFor(step.roles);
      const stateRow = wf.states.find((s) => s.code === state);
      // The documents the step needs, made (and issued, when the form leaves the agency) just before it.
      for (const code of step.documents ?? []) {
        if (made.has(code)) continue;
        made.add(code);
        const form = pack.items.document.get(code) as DocumentForm | undefined;
        if (!form) continue;
        const did = idOf(o.seed, ID_DOCUMENT, ++docN);
        const fh = formHash(form);
        const data = { partyName: party.name, caseNumber: number };
        const atMs = t - 60_000;
        const at = new Date(atMs).toISOString();
        push(atMs, {
          actor: by,
          action: 'document.create',
          caseId: id,
          target: did,
          before: null,
          after: { form: code, version: 1, formHash: fh, data },
        });
        if (form.issued) {
          const docNumber = form.numbering
            ? numberOf(
                numberingPatternFor(code, form.numbering.pattern, org.numbering),
                numberingPatternFor(code, form.numbering.pattern, org.numbering),
                org,
                Number(legalDateOf(at).slice(0, 4)),
              )
            : null;
          const print = {
            orgName: org.name,
            orgShort: org.shortName ?? org.name,
            caseNumber: number,
            partyName: party.name,
            matterName: matter.name,
            date: legalDateOf(at),
            citations: {},
          };
          const hash = snapshotHash({
            form: code,
            version: 1,
            number: docNumber,
            data,
            formHash: fh,
            issuedAt: at,
            print,
          });
          defer(
            insertDocument,
            did,
            id,
            code,
            'issued',
            docNumber,
            JSON.stringify(data),
            fh,
            hash,
            JSON.stringify(print),
            by,
            at,
            at,
            by,
          );
          push(atMs + 1000, {
            actor: by,
            action: 'document.issue',
            caseId: id,
            target: did,
            before: null,
            after: { form: code, version: 1, number: docNumber, hash, formHash: fh },
          });
        } else
          defer(insertDocument, did, id, code, 'draft', null, JSON.stringify(data), fh, null, null, by, at, null, null);
        documentsN += 1;
      }
      // Leaving 法制审核 with the reviewer's opinion.
      if (stateRow?.kind === 'legal-review' && review && step.reviewOpinion) {
        const opinion = step.reviewOpinion;
        const checklist = {
          subjectLawful: true,
          procedureLawful: true,
          factsClear: true,
          lawCorrectDiscretionProper: opinion === 'agree',
          documentsComplete: true,
        };
        const comment =
          opinion === 'agree'
            ? '事实清楚，证据确凿，适用依据正确，程序合法，同意承办机构意见。'
            : '证据不足，退回补充调查。';
        defer(
          insertReview,
          review.id,
          id,
          review.by,
          new Date(review.requestedMs).toISOString(),
          legalDateOf(new Date(review.requestedMs + 14 * DAY).toISOString()),
          by,
          opinion,
          JSON.stringify(checklist),
          comment,
          new Date(t - 30_000).toISOString(),
        );
        push(t - 30_000, {
          actor: by,
          action: 'review.opinion',
          caseId: id,
          target: review.id,
          before: null,
          after: { opinion, checklist, comment },
        });
        reviewsN += 1;
        review = undefined;
      }
      push(t, {
        actor: by,
        action: 'case.transition',
        caseId: id,
        target: id,
        before: { state, version },
        after: { state: step.to, action: step.action, reason: null, version: version + 1 },
      });
      version += 1;
      state = step.to;
      entered[state] ??= new Date(t).toISOString();
      // Entering 法制审核: the request (its opinion comes when the case leaves).
      if (wf.states.find((s) => s.code === state)?.kind === 'legal-review') {
        review = { id: idOf(o.seed, ID_REVIEW, ++reviewIdN), requestedMs: t + 1000, by };
        push(t + 1000, {
          actor: by,
          action: 'review.request',
          caseId: id,
          target: review.id,
          before: null,
          after: { dueDate: legalDateOf(new Date(t + 14 * DAY).toISOString()) },
        });
      }
    }
    if (review) {
      // Still waiting for the reviewer.
      defer(
        insertReview,
        review.id,
        id,
        review.by,
        new Date(review.requestedMs).toISOString(),
        legalDateOf(new Date(review.requestedMs + 14 * DAY).toISOString()),
        null,
        null,
        null,
        null,
        null,
      );
      reviewsN += 1;
    }
    const terminal = wf.states.find((s) => s.code === state)?.terminal === true;
    const updatedAt = new Date(t).toISOString();
    insertCase.run(
      id,
      number,
      matter.code,
      wf.code,
      matter.category,
      subj.code,
      row.path,
      packHash,
      state,
      party.stored,
      JSON.stringify(caseOfficers),
      JSON.stringify(entered),
      violationDate,
      openedAt,
      updatedAt,
      terminal ? updatedAt : null,
      caseOfficers[0],
      version,
    );
    // Its documents, reviews and source after the case, as the platform writes them (triggers may read the case).
    for (const write of later) write();
    if (!terminal) openCaseIds.push(id);
  }
  flushBefore(dayOf(endMs) + 1);
  // The number sequences the platform continues from.
  const upsertCounter = raw.prepare(
    'INSERT INTO document_counters (pattern, org_code, year, seq) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET seq = max(seq, excluded.seq)',
  );
  for (const c of counters.values()) upsertCounter.run(c.pattern, c.org, c.year, c.seq);
  flushEvents();
  raw.exec('COMMIT');
  progress.cases(o.cases, o.cases, events);
  progress.end();
  progress.stage('建索引、汇总统计 / indexing, filling the statistics rollups');
  raw.exec('BEGIN');
  for (const text of deferred.restore) raw.exec(text);
  raw.exec('COMMIT');
  raw.close();
  db = await openDb(url);
  if (deferred.recount) {
    const [setting] = await db.all<{ m: string }>(sql`SELECT month_offset AS m FROM statistics_settings WHERE id = 1`);
    await db.transaction(async (tx) => {
      for (const table of ROLLUPS) await recount(tx, table, setting?.m ?? '+0 minutes');
    });
  }
  await db.run(sql`ANALYZE`);
  const bulkS = (performance.now() - tBulk) / 1000;

  // 3. Through the platform again: alerts on the open cases, 案卷评查 rounds, the ready mark.
  const now = new Date(Math.min(endMs - 6 * 3600_000, Date.now()));
  const tAlerts = performance.now();
  let alertsN = 0;
  if (o.alerts !== false && openCaseIds.length) {
    progress.stage(
      `按预警规则研判 ${openCaseIds.length.toLocaleString()} 件在办案件 / judging the open cases by the alert rules`,
    );
    const services = { db, packs: createPackRegistry(db, () => now), now: () => now };
    for (let i = 0; i < openCaseIds.length; i += 500) {
      const r = await evaluateCases(services, openCaseIds.slice(i, i + 500));
      alertsN += r.raised;
    }
  }
  const alertsS = (performance.now() - tAlerts) / 1000;
  const tRounds = performance.now();
  let rounds = 0;
  let sampled = 0;
  if (o.reviewRounds !== false) {
    const checklist = [...pack.items['review-checklist'].values()][0];
    const supervisor = DEMO_USERS.find((u) => u.roles.includes('supervisor'));
    const userRow = supervisor
      ? ((await db.$client.execute({ sql: 'SELECT * FROM users WHERE username = ?', args: [supervisor.username] }))
          .rows[0] as unknown as Record<string, unknown>)
      : undefined;
    const role = supervisor ? pack.items.role.get('supervisor') : undefined;
    const orgPath = supervisor ? orgOf.get(supervisor.orgCode)?.path : undefined;
    if (checklist && userRow && role && orgPath && supervisor) {
      const actorRow: Actor = {
        user: { id: String(userRow.id), orgCode: supervisor.orgCode, roles: ['supervisor'] } as Actor['user'],
        orgPath,
        roles: [role],
      };
      const lastYear = Number(lastDay.slice(0, 4));
      for (let y = lastYear - o.years; y < lastYear; y++) {
        const from = `${y}-01-01`;
        const to = `${y}-12-31`;
        if (from < legalDateOf(new Date(startMs).toISOString())) continue;
        progress.stage(`案卷评查 ${y} 年度抽样 / drawing the ${y} case-file review`);
        const round = await createRound(
          db,
          actorRow,
          { pack, hash: packHash },
          {
            name: `${y}年度行政执法案卷评查`,
            periodFrom: from,
            periodTo: to,
            checklist: checklist.code,
            rule: { kind: 'share', value: 2, per: 'subject' },
            seed: (o.seed + y) % 2 ** 31,
          },
          new Date(startOfLegalDay(`${y + 1}-01-15`).getTime() + 2 * 3600_000).toISOString(),
        );
        rounds += 1;
        sampled += round.strata.reduce((s, x) => s + x.drawn, 0);
      }
    }
  }
  const roundsS = (performance.now() - tRounds) / 1000;
  await markDemo(
    db,
    DEMO_READY,
    actor,
    { generated: { cases: o.cases, seed: o.seed, today: lastDay } },
    new Date(Math.max(now.getTime(), endMs - DAY)),
  );
  const total = Number((await db.$client.execute('SELECT max(seq) AS n FROM audit_events')).rows[0]?.n ?? 0);
  db.$client.close();
  return {
    file: o.file,
    subjects: chosen.length,
    officers: o.officers,
    users: users.length,
    cases: o.cases,
    open: openCaseIds.length,
    byKind,
    missingKinds: plan.missing.map((k) => `${k.name} (${k.code})`),
    documents: documentsN,
    reviews: reviewsN,
    caseSources: sourcesN,
    alerts: alertsN,
    reviewRounds: rounds,
    sampledFiles: sampled,
    events: total,
    seconds: {
      setup: (tBulk - t0) / 1000,
      bulk: bulkS,
      alerts: alertsS,
      reviewRounds: roundsS,
      total: (performance.now() - t0) / 1000,
    },
  };
}

/** Three characters of a company's trade name. */
function name3(rng: SeededRng): string {
  const chars = '华盛鑫达兴隆泰安恒远通宏运昌荣永顺和信德利佳新金海港津';
  return Array.from({ length: 2 }, () => chars[uniformInt(rng, 0, chars.length - 1)]).join('');
}

/** The tables the bulk writes into. */
const BULK_TABLES = ['cases', 'documents', 'reviews', 'case_sources', 'audit_events'];

/**
 * What the bulk load puts off until its end, as a bulk load of SQLite does: the secondary indexes
 * of the tables it fills (dropped, created again at the end: one sort instead of a B-tree insert
 * per row), and the insert triggers it can stand in for — those that only add to the statistics
 * rollups (recounted at the end by the platform's own recount, statistics/recount.ts), and those
 * that only delete from tables that are empty now (the task lists' forgetting: nothing to forget).
 * Any other trigger stays and runs on every row. Returns the statements that restore them.
 */
function deferForBulk(raw: InstanceType<typeof Database>, rollups: boolean): { restore: string[]; recount: boolean } {
  const list = raw
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
       AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')}) ORDER BY type, name`,
    )
    .all(...BULK_TABLES) as { type: string; name: string; sql: string }[];
  const rollupTables = new Set<string>(ROLLUPS);
  const isEmpty = (table: string) => !raw.prepare(`SELECT 1 FROM "${table.replaceAll('"', '')}" LIMIT 1`).get();
  const restore: string[] = [];
  let recountNeeded = false;
  for (const item of list) {
    if (item.type === 'index') {
      raw.exec(`DROP INDEX "${item.name}"`);
      restore.push(item.sql);
      continue;
    }
    if (!/\bAFTER\s+INSERT\s+ON\b/i.test(item.sql)) continue;
    const body = item.sql.slice(item.sql.search(/\bBEGIN\b/i));
    const writes = [...body.matchAll(/\b(INSERT\s+INTO|DELETE\s+FROM|(?<!\bDO\s+)UPDATE)\s+[`"]?(\w+)/gi)].map((m) => ({
      verb: (m[1] as string).toUpperCase().split(/\s+/)[0] as string,
      table: m[2] as string,
    }));
    const onlyRollups =
      rollups && writes.length > 0 && writes.every((w) => w.verb === 'INSERT' && rollupTables.has(w.table));
    const onlyForgets = writes.length > 0 && writes.every((w) => w.verb === 'DELETE' && isEmpty(w.table));
    if (!onlyRollups && !onlyForgets) continue;
    raw.exec(`DROP TRIGGER "${item.name}"`);
    restore.push(item.sql);
    if (onlyRollups) recountNeeded = true;
  }
  return { restore, recount: recountNeeded };
}
