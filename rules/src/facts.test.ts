import { describe, expect, it } from 'vitest';
import { CN_2026 } from '../fixtures/calendars.ts';
import { createWorkCalendar } from './calendar.ts';
import { factGetter, Unresolved } from './facts.ts';

const calendar = createWorkCalendar([CN_2026]);
const get = (name: string, params?: Record<string, string>) => factGetter(name, params, calendar);

describe('fact resolution', () => {
  it('reads plain, dotted and flat dotted facts, own properties only', () => {
    const facts = { goodsValue: 8000, party: { kind: 'organisation' }, 'party.name': '某公司' };
    expect(get('goodsValue')({ facts })).toBe(8000);
    expect(get('party.kind')({ facts })).toBe('organisation');
    expect(get('party.name')({ facts })).toBe('某公司');
    expect(get('party.size')({ facts })).toBeUndefined();
    expect(get('constructor')({ facts })).toBeUndefined();
    expect(get('party.hasOwnProperty')({ facts })).toBeUndefined();
  });

  it('prefers a given value, indexed by the first param, over computing one', () => {
    const ctx = {
      facts: { daysSince: { investigation: 91 } },
      today: '2026-03-02',
      timeline: { investigation: '2026-03-01' },
    };
    expect(get('daysSince', { from: 'investigation', kind: 'working' })(ctx)).toBe(91);
    expect(get('daysSince.investigation')(ctx)).toBe(91);
    const given = { facts: { deadlineDaysLeft: { 'decide-within-90': -1 } } };
    expect(get('deadlineDaysLeft', { deadline: 'decide-within-90' })(given)).toBe(-1);
  });

  it('computes daysSince from the timeline in calendar and working days', () => {
    const ctx = { facts: {}, today: '2026-10-12', timeline: { investigation: '2026-09-30' } };
    expect(get('daysSince', { from: 'investigation' })(ctx)).toBe(12);
    expect(get('daysSince', { from: 'investigation', kind: 'working' })(ctx)).toBe(4);
    expect(get('daysSince.investigation')(ctx)).toBe(12);
    const opened = { facts: { openedAt: '2026-10-01', today: '2026-10-11' } };
    expect(get('daysSince', { from: 'opened' })(opened)).toBe(10);
  });

  it('computes daysSince from a date fact: the day the notice was served', () => {
    // Served on Wednesday 2026-09-30; the National Day holiday runs 10-01 to 10-08.
    const ctx = { facts: { statementNotifiedAt: '2026-09-30' }, today: '2026-10-12' };
    expect(get('daysSince', { from: 'statementNotifiedAt' })(ctx)).toBe(12);
    expect(get('daysSince', { from: 'statementNotifiedAt', kind: 'working' })(ctx)).toBe(4);
    expect(get('daysSince.statementNotifiedAt.working')(ctx)).toBe(4);
    // A notice never served gives no date to count from: undetermined, never 0.
    const unserved = get('daysSince', { from: 'hearingNotifiedAt' })({ facts: {}, today: '2026-10-12' });
    expect(unserved instanceof Unresolved && unserved.code).toBe('timeline.missing');
  });

  it('computes days left before a deadline; negative once overdue', () => {
    const ctx = {
      facts: {},
      today: '2026-10-12',
      deadlines: { 'hearing-request-5': { due: '2026-10-09', kind: 'working' as const } },
    };
    expect(get('deadlineDaysLeft', { deadline: 'hearing-request-5' })(ctx)).toBe(-2);
    const cal = { facts: {}, today: '2026-03-01', deadlines: { 'decide-within-90': { due: '2026-03-31' } } };
    expect(get('deadlineDaysLeft', { deadline: 'decide-within-90' })(cal)).toBe(30);
  });

  it('says why it could not compute a fact', () => {
    const why = (v: unknown) => (v instanceof Unresolved ? v.code : v);
    expect(why(get('daysSince', { from: 'investigation' })({ facts: {}, timeline: {} }))).toBe('today.missing');
    expect(why(get('daysSince', { from: 'legal-review' })({ facts: {}, today: '2026-03-01' }))).toBe(
      'timeline.missing',
    );
    const late = { facts: {}, today: '2027-01-05', timeline: { investigation: '2026-12-20' } };
    expect(why(get('daysSince', { from: 'investigation', kind: 'working' })(late))).toBe('calendar.missing');
    expect(why(get('deadlineDaysLeft', { deadline: 'x' })({ facts: {}, today: '2026-03-01' }))).toBe(
      'deadline.unknown',
    );
    expect(get('today')({ facts: {}, today: '2026-03-01' })).toBe('2026-03-01');
  });
});
