/**
 * Fact resolution: how a condition's `fact` (with its `params`) becomes a value.
 * 1. A value given in the facts wins: the exact key (`daysSince.investigation` as one key),
 *    else the dotted path through nested objects (own properties only).
 * 2. A parameterised fact given as a map is indexed by its parameters in declared order
 *    (`daysSince: { investigation: 91 }` with params { from: investigation }).
 * 3. Otherwise the platform computes `today`, `violationDate`, `daysSince` and `deadlineDaysLeft`
 *    from the context (today, violation date, timeline, deadlines) and the pack's holiday calendars;
 *    `daysSince` counts from a state's first entry, the opening, or a date fact (statementNotifiedAt).
 * 4. Otherwise the fact is missing (undefined), or Unresolved when a computation lacked something.
 */
import type { DayKind } from '@yifa/metamodel';
import { platformFact } from '@yifa/metamodel';
import type { MissingYear, WorkCalendar } from './calendar.ts';
import { dayOf } from './dates.ts';
import type { IssueCode } from './issues.ts';

/** Facts of a case or a subject, by name; nested objects stand for dotted names. */
export type Facts = Readonly<Record<string, unknown>>;

/** When a deadline of the case falls due. */
export interface DeadlineDue {
  due: string;
  kind?: DayKind;
}

/** What an evaluation reads: the facts, plus what the platform computes facts from. */
export interface FactContext {
  facts: Facts;
  /** Today (ISO date); else the fact `today`. */
  today?: string;
  /** The date the case first entered each state (and `opened`), for `daysSince`. */
  timeline?: Readonly<Record<string, string>>;
  /** Due dates of the case's deadlines by code, for `deadlineDaysLeft`. */
  deadlines?: Readonly<Record<string, DeadlineDue>>;
  /** The date of the violation, for the fact `violationDate` when the facts do not give it. */
  violationDate?: string;
}

/** Parameters of a parameterised fact. */
export type FactParams = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * A fact the platform could not compute, and why. A class only so that the hot path can tell
 * it from any fact value with one `instanceof`.
 */
export class Unresolved {
  constructor(
    readonly code: IssueCode,
    readonly params: Record<string, unknown>,
  ) {}
}

/** Reads one fact from a context; undefined when missing. */
export type FactGetter = (ctx: FactContext) => unknown;

const hasOwn = Object.hasOwn;

/** A getter for a fact name and its params, specialised once at compile time. */
export function factGetter(name: string, params: FactParams | undefined, calendar: WorkCalendar): FactGetter {
  const segments = name.split('.');
  const head = segments[0] ?? name;
  // `daysSince.investigation` reads as daysSince { from: investigation } when it is not given, and
  // `daysSince.filing.working` as daysSince { from: filing, kind: working }: the parts after the
  // name are the values of the fact's parameters in their declared order (message placeholders).
  const declared = Object.keys(platformFact(head)?.params ?? {});
  const shorthand = !params && segments.length >= 2 && segments.length - 1 <= declared.length && isComputed(head);
  const computeName = shorthand ? head : name;
  const computeParams: FactParams = shorthand
    ? Object.fromEntries(segments.slice(1).map((v, i) => [declared[i] as string, v]))
    : (params ?? {});
  const computed = isComputed(computeName);
  const keys = params ? paramOrder(name, params) : [];
  if (segments.length === 1 && keys.length === 0 && !computed) {
    return (ctx) => (hasOwn(ctx.facts, name) ? ctx.facts[name] : undefined);
  }
  return (ctx) => {
    let value = lookup(ctx.facts, name, segments);
    // A value given by the first parameter only (`daysSince: { filing: 12 }`) stands for every kind.
    if (shorthand && segments.length > 2 && (value === undefined || value === null))
      value = lookup(ctx.facts, name, segments.slice(0, 2));
    for (let i = 0; i < keys.length && isMap(value); i++) {
      const key = String(params?.[keys[i] as string]);
      value = hasOwn(value, key) ? value[key] : undefined;
    }
    if (value !== undefined && value !== null) return value;
    return computed ? compute(computeName, computeParams, ctx, calendar) : value;
  };
}

function lookup(facts: Facts, name: string, segments: readonly string[]): unknown {
  if (hasOwn(facts, name)) return facts[name];
  let cur: unknown = facts;
  for (const seg of segments) {
    if (!isMap(cur) || !hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

function paramOrder(name: string, params: FactParams): string[] {
  const declared = Object.keys(platformFact(name)?.params ?? {}).filter((k) => params[k] !== undefined);
  return [...declared, ...Object.keys(params).filter((k) => !declared.includes(k) && params[k] !== undefined)];
}

function isComputed(name: string): boolean {
  return name === 'today' || name === 'violationDate' || name === 'daysSince' || name === 'deadlineDaysLeft';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compute(name: string, params: FactParams, ctx: FactContext, calendar: WorkCalendar): unknown {
  if (name === 'violationDate') return ctx.violationDate;
  const today = ctx.today ?? (typeof ctx.facts.today === 'string' ? ctx.facts.today : undefined);
  if (name === 'today') return today;
  const todayDay = dayOf(today);
  if (todayDay === undefined) return new Unresolved('today.missing', {});
  if (name === 'daysSince') {
    const from = String(params.from ?? '');
    const openedAt = typeof ctx.facts.openedAt === 'string' ? ctx.facts.openedAt : undefined;
    // From a state's first entry, the opening, or a date fact (the day a notice was served).
    const dated = typeof ctx.facts[from] === 'string' ? (ctx.facts[from] as string) : undefined;
    const start = dayOf(ctx.timeline?.[from] ?? (from === 'opened' ? openedAt : dated));
    if (start === undefined) return new Unresolved('timeline.missing', { state: from });
    return count(start, todayDay, params.kind === 'working' ? 'working' : 'calendar', calendar);
  }
  const deadline = String(params.deadline ?? '');
  const due = ctx.deadlines?.[deadline];
  const dueDay = dayOf(due?.due);
  if (dueDay === undefined) return new Unresolved('deadline.unknown', { deadline });
  return count(todayDay, dueDay, due?.kind ?? 'calendar', calendar);
}

function count(from: number, to: number, kind: DayKind, calendar: WorkCalendar): number | Unresolved {
  if (kind === 'calendar') return to - from;
  const n: number | MissingYear = calendar.workingDaysBetween(from, to);
  return typeof n === 'number' ? n : new Unresolved('calendar.missing', { year: n.missingYear });
}
