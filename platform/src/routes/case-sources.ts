/**
 * 案源登记: register a clue before any case is opened, with the day the decision whether to file
 * is due — the pack's `case-source-decision-days` working days (by its calendars) from the day it
 * was discovered or received (市场监督管理行政处罚程序规定第十八条) — and decide it: 不予立案 or
 * 移送 by the head with the reason, one extension by the head (`case-source-extension-days`), or
 * 立案 by opening a case from it (POST /cases with `source`). The kinds are the pack's codelist
 * `case-source-kinds`. Scope is enforced in the query (storage/case-sources.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedPack } from '@yifa/metamodel';
import { addWorkingDays, countWorkingDays, createWorkCalendar, paramValue, type WorkCalendar } from '@yifa/rules';
import { type Actor, requirePermission, scopeFor } from '../auth/access.ts';
import type { CaseSourceRow } from '../db/schema.ts';
import { maskPersonalTexts } from '../documents/pii.ts';
import { AppError } from '../errors.ts';
import {
  decideSource,
  extendSource,
  listSources,
  registerSource,
  type SourceRecord,
  scopedSource,
} from '../storage/case-sources.ts';
import { organisationOf } from '../storage/case-view.ts';
import { envOf } from '../storage/snapshot.ts';
import { localDate } from '../time.ts';
import { type FieldProblem, plainText } from '../validation.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const KINDS = 'case-source-kinds';
const DECISION_DAYS = 'case-source-decision-days';
const EXTENSION_DAYS = 'case-source-extension-days';

const IdParam = z.object({ id: z.string().min(1).max(100) }).openapi('CaseSourceId');
const ListQuery = z
  .object({ outcome: z.enum(['pending', 'filed', 'not-filed', 'transferred']).optional() })
  .openapi('CaseSourceListQuery');
const SourceInput = z
  .object({
    /** A code of the pack's codelist case-source-kinds. */
    kind: z.string().min(1).max(64),
    /** The day the clue was discovered or its material received. */
    receivedOn: z.iso.date(),
    description: plainText(z.string().trim().min(1).max(2000)),
    partyName: plainText(z.string().trim().min(1).max(200)).optional(),
  })
  .strict()
  .openapi('CaseSourceInput');
const DecisionInput = z
  .object({
    version: z.number().int().min(1),
    outcome: z.enum(['not-filed', 'transferred']),
    reason: plainText(z.string().trim().min(1).max(2000)),
    /** The competent agency, for 移送. */
    transferredTo: plainText(z.string().trim().min(1).max(200)).optional(),
  })
  .strict()
  .openapi('CaseSourceDecision');
const ExtensionInput = z
  .object({ version: z.number().int().min(1), reason: plainText(z.string().trim().min(1).max(2000)) })
  .strict()
  .openapi('CaseSourceExtension');

const validation = (problems: FieldProblem[]) =>
  new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);

const BASIS = {
  code: 'SAMR-CFCX-18',
  zh: '《市场监督管理行政处罚程序规定》第十八条',
  en: 'Art. 18 of the Provisions on Administrative Penalty Procedures of Market Regulation',
};

/** A parameter's whole number of working days for the subject on a day, or a 422 naming it. */
function workingDaysParam(pack: ResolvedPack, code: string, orgPath: string[], date: string): number {
  const p = pack.items.parameter.get(code);
  const value = p ? paramValue(p, { orgPath, date }, envOf(pack)).value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new AppError(
      'validation',
      { parameter: code },
      {
        zh: `配置包没有案源核查期限参数“${code}”，不能计算决定是否立案的期限`,
        en: `the pack has no parameter "${code}" to count the decision period from`,
      },
    );
  return value;
}

/** `n` working days after `from` by the pack's calendars, or a 422 naming the year no calendar covers. */
/**
 * The working-day calendar a source's period is counted by: the pack's holiday calendars, and
 * for a year the pack has none for yet (the 国务院办公厅's notice comes late in the year before)
 * Monday to Friday. A clue is never refused for a missing calendar — nothing is lost — and its
 * day to decide by is marked provisional while a year it spans has no calendar. Counting without
 * the holidays gives a day no later than the calendar would (but for a 调休 Saturday): the agency
 * decides early rather than late.
 */
function sourceCalendar(pack: ResolvedPack, ...dates: string[]): { calendar: WorkCalendar; provisional: number[] } {
  const installed = envOf(pack).calendar;
  const years = dates.map((d) => Number(d.slice(0, 4)));
  const lo = Math.min(...years);
  const hi = Math.max(...years) + 1;
  const missing: number[] = [];
  for (let y = lo; y <= hi; y++) if (!installed.years.has(y)) missing.push(y);
  if (missing.length === 0) return { calendar: installed, provisional: [] };
  const weekdaysOnly = missing.map((year) => ({
    code: `weekdays-${year}`,
    name: '',
    year,
    holidays: [],
    workdays: [],
  }));
  return { calendar: createWorkCalendar([...pack.items.calendar.values(), ...weekdaysOnly]), provisional: missing };
}

/** The years in [from, to] counted Monday to Friday for want of the pack's calendar. */
const provisionalYears = (pack: ResolvedPack, from: string, to: string): number[] =>
  sourceCalendar(pack, from, to).provisional.filter((y) => y <= Number(to.slice(0, 4)));

function addDays(pack: ResolvedPack, from: string, n: number, path: string): string {
  const r = addWorkingDays(sourceCalendar(pack, from).calendar, from, n);
  if (r.ok) return r.value;
  throw validation([
    {
      path,
      code: 'date-invalid',
      message: { zh: `日期“${from}”无效`, en: `the date "${from}" is not valid` },
    },
  ]);
}

/** A source as the API shows it: texts masked for a reader without personal-data access. */
function view(pack: ResolvedPack, r: SourceRecord, today: string) {
  const entry = pack.items.codelist.get(KINDS)?.entries.find((e) => e.code === r.kind);
  const left = countWorkingDays(sourceCalendar(pack, today, r.dueOn).calendar, today, r.dueOn);
  const provisional = provisionalYears(pack, r.receivedOn, r.dueOn);
  const texts = {
    description: r.description,
    partyName: r.partyName,
    outcomeReason: r.outcomeReason,
    extensionReason: r.extensionReason,
  };
  const shown = r.full ? texts : maskPersonalTexts(texts);
  return {
    id: r.id,
    version: r.version,
    kind: { code: r.kind, name: entry?.name ?? r.kind, nameEn: entry?.nameEn ?? null },
    receivedOn: r.receivedOn,
    ...shown,
    subject: r.subjectOrg,
    registeredBy: { id: r.registeredBy, name: r.registeredByName },
    registeredAt: r.registeredAt,
    dueOn: r.dueOn,
    /** Working days left until the day due (0 on it, negative once past). */
    daysLeft: left.ok ? left.value : null,
    /** Years of the period the pack has no holiday calendar for: counted Monday to Friday. */
    provisionalYears: provisional,
    overdue: r.outcome === 'pending' && today > r.dueOn,
    extended: r.extendedBy !== null,
    outcome: r.outcome,
    transferredTo: r.transferredTo,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    decidedBy: r.decidedBy ? { id: r.decidedBy, name: r.decidedByName } : null,
    decidedAt: r.decidedAt,
    masked: !r.full,
    basis: BASIS,
  };
}

/** What the actor may do with sources: shown by the app, checked again by each route. */
function mayDo(actor: Actor) {
  return {
    register: scopeFor(actor, 'case-source.register') !== undefined,
    decide: scopeFor(actor, 'case-source.decide') !== undefined,
    file: scopeFor(actor, 'case.create') !== undefined,
  };
}

/** Refuses a stale version before anything is written (the update checks it again). */
function requireVersion(row: CaseSourceRow, version: number) {
  if (row.version !== version) throw new AppError('conflict', { caseSource: row.id, version: row.version });
}

/** The case-source routes. */
export function caseSourceRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['case-sources'],
      summary: '案源列表 / case sources in scope, pending first',
      request: { query: ListQuery },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const { pack } = c.get('pack');
      const rows = await listSources(s.db, actor, c.req.valid('query').outcome);
      const today = localDate(s.now());
      return c.json({
        items: rows.map((row) => view(pack, row, today)),
        kinds: (pack.items.codelist.get(KINDS)?.entries ?? []).map((e) => ({
          code: e.code,
          name: e.name,
          nameEn: e.nameEn ?? null,
        })),
        may: mayDo(actor),
        basis: BASIS,
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['case-sources'],
      summary: '案源登记 / register a case source',
      request: { body: json(SourceInput) },
      responses: { 201: { description: 'Registered / 已登记' } },
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      requirePermission(actor, 'case-source.register');
      const body = c.req.valid('json');
      const { hash, pack } = c.get('pack');
      const org = await organisationOf(s.db, actor.user.orgCode);
      if (!org?.enforcementSubject)
        throw new AppError(
          'forbidden',
          { org: actor.user.orgCode },
          { zh: '所在机构不是执法主体，不能登记案源', en: 'your organisation is not an enforcement subject' },
        );
      const today = localDate(s.now());
      const problems: FieldProblem[] = [];
      const kinds = pack.items.codelist.get(KINDS)?.entries ?? [];
      if (!kinds.some((k) => k.code === body.kind))
        problems.push({
          path: '/kind',
          code: 'unknown-kind',
          message: {
            zh: `没有案件来源“${body.kind}”，应为：${kinds.map((k) => k.name).join('、')}`,
            en: `there is no case-source kind "${body.kind}"; use one of ${kinds.map((k) => k.code).join(', ')}`,
          },
        });
      if (body.receivedOn > today)
        problems.push({
          path: '/receivedOn',
          code: 'future-date',
          message: {
            zh: '发现或者收到线索的日期不能晚于今天',
            en: 'the day the clue was discovered or received cannot be in the future',
          },
        });
      if (problems.length) throw validation(problems);
      const orgPath = org.path.split('/');
      const days = workingDaysParam(pack, DECISION_DAYS, orgPath, body.receivedOn);
      const dueOn = addDays(pack, body.receivedOn, days, '/receivedOn');
      const row = await registerSource(s.db, {
        subjectOrg: org.code,
        subjectPath: org.path,
        packHash: hash,
        kind: body.kind,
        receivedOn: body.receivedOn,
        description: body.description,
        partyName: body.partyName ?? null,
        dueOn,
        actorId: actor.user.id,
        at: s.now().toISOString(),
      });
      const stored = await scopedSource(s.db, actor, row.id);
      return c.json(view(pack, stored, today), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['case-sources'],
      summary: '案源 / one case source',
      request: { params: IdParam },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      const row = await scopedSource(s.db, actor, c.req.valid('param').id);
      const { pack } = c.get('pack');
      return c.json({ ...view(pack, row, localDate(s.now())), may: mayDo(actor) });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/decision',
      tags: ['case-sources'],
      summary: '不予立案或移送（负责人决定）/ decide not to file, or transfer (the head)',
      request: { params: IdParam, body: json(DecisionInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      requirePermission(actor, 'case-source.decide');
      const row = await scopedSource(s.db, actor, c.req.valid('param').id, ['case-source.decide']);
      const body = c.req.valid('json');
      if (body.outcome === 'transferred' && !body.transferredTo)
        throw validation([
          {
            path: '/transferredTo',
            code: 'required',
            message: {
              zh: '移送的，须写明受移送的有管辖权的机关（行政处罚法第二十二条、第二十三条）',
              en: 'a transfer names the competent agency it goes to',
            },
          },
        ]);
      requireVersion(row, body.version);
      await decideSource(s.db, row, {
        outcome: body.outcome,
        reason: body.reason,
        transferredTo: body.outcome === 'transferred' ? (body.transferredTo ?? null) : null,
        actorId: actor.user.id,
        at: s.now().toISOString(),
      });
      const { pack } = c.get('pack');
      return c.json(view(pack, await scopedSource(s.db, actor, row.id), localDate(s.now())));
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/extension',
      tags: ['case-sources'],
      summary: '延长核查期限（负责人批准，一次）/ extend the period once (the head)',
      request: { params: IdParam, body: json(ExtensionInput) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const actor = c.get('actor');
      requirePermission(actor, 'case-source.decide');
      const row = await scopedSource(s.db, actor, c.req.valid('param').id, ['case-source.decide']);
      const body = c.req.valid('json');
      requireVersion(row, body.version);
      const pack = await s.packs.byHash(row.packHash);
      const days = workingDaysParam(pack, EXTENSION_DAYS, row.subjectPath.split('/'), row.receivedOn);
      const dueOn = addDays(pack, row.dueOn, days, '/reason');
      await extendSource(s.db, row, { dueOn, reason: body.reason, actorId: actor.user.id, at: s.now().toISOString() });
      const { pack: active } = c.get('pack');
      return c.json(view(active, await scopedSource(s.db, actor, row.id), localDate(s.now())));
    },
  );

  return r;
}
