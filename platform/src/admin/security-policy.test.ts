import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../auth/password.ts';
import { authPolicy } from '../auth/policy.ts';
import { openDb } from '../db/client.ts';
import { auditEvents } from '../db/schema.ts';
import {
  passwordRules,
  passwordRulesFromEnv,
  securityPolicy,
  setSecurityPolicy,
  signInPolicy,
} from './security-policy.ts';

describe('the password rules from the environment', () => {
  it('takes values within the bounds and falls back to 10 characters of three classes otherwise', () => {
    expect(passwordRulesFromEnv({})).toEqual({ minLength: 10, minClasses: 3 });
    expect(passwordRulesFromEnv({ YIFA_PASSWORD_MIN_LENGTH: '14', YIFA_PASSWORD_MIN_CLASSES: '4' })).toEqual({
      minLength: 14,
      minClasses: 4,
    });
    // Below the bounds (a 4-character password, one class) is no policy at all: the default stays.
    expect(passwordRulesFromEnv({ YIFA_PASSWORD_MIN_LENGTH: '4', YIFA_PASSWORD_MIN_CLASSES: '1' })).toEqual({
      minLength: 10,
      minClasses: 3,
    });
  });

  it('judges a password by the rules given', () => {
    expect(passwordProblem('Zhifa#2026', 'li', { minLength: 12, minClasses: 3 })?.zh).toBe('密码至少 12 位');
    expect(passwordProblem('zhifa2026longer', 'li', { minLength: 8, minClasses: 2 })).toBeUndefined();
    expect(passwordProblem('zhifa2026longer', 'li', { minLength: 8, minClasses: 4 })?.en).toContain('all four');
  });
});

describe('the stored policy', () => {
  it('is the defaults until set, then the stored row for every reader, with its audit event', async () => {
    const db = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'yifa-policy-')), 'yifa.db')}`);
    const defaults = authPolicy({});
    expect(await securityPolicy(db, defaults)).toMatchObject({ source: 'default', minLength: 10, maxFailures: 5 });
    await setSecurityPolicy(
      db,
      { minLength: 12, minClasses: 4, maxFailures: 3, lockMinutes: 60 },
      defaults,
      'sec',
      '2026-03-02T02:00:00.000Z',
    );
    expect(await passwordRules(db)).toEqual({ minLength: 12, minClasses: 4 });
    expect(await signInPolicy(db, defaults)).toEqual({ ...defaults, maxFailures: 3, lockMinutes: 60 });
    expect(await securityPolicy(db, defaults)).toMatchObject({ source: 'set', updatedBy: 'sec' });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'security.policy-set'));
    expect(event).toMatchObject({
      actor: 'sec',
      before: { minLength: 10, maxFailures: 5 },
      after: { minLength: 12, maxFailures: 3 },
    });
  });
});
