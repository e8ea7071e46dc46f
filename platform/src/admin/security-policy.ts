/**
 * The password and sign-in policy (口令复杂度, 登录失败处理) a security administrator sets: one
 * row of `security_settings` over the defaults from the environment (YIFA_PASSWORD_MIN_LENGTH,
 * YIFA_PASSWORD_MIN_CLASSES, YIFA_MAX_LOGIN_FAILURES, YIFA_LOCK_MINUTES). It is read where a
 * password is judged or a sign-in fails — sign-in, password change, account creation, reset —
 * from the database each time, so every process of a copy applies the same policy at once.
 */
import { eq } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import { DEFAULT_PASSWORD_RULES, type PasswordRules } from '../auth/password.ts';
import type { AuthPolicy } from '../auth/policy.ts';
import type { Db } from '../db/client.ts';
import { securitySettings } from '../db/schema.ts';

/** What the security administrator sets. */
export interface SecurityPolicy extends PasswordRules {
  /** Failed sign-ins (or wrong current passwords) before the account locks. */
  maxFailures: number;
  /** How long such a lock lasts. */
  lockMinutes: number;
}

/** The policy in force and where it comes from. */
export interface SecurityPolicyInForce extends SecurityPolicy {
  /** `set`: a security administrator set it; `default`: the environment's or the built-in defaults. */
  source: 'set' | 'default';
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The bounds a policy must keep (等保 三级 asks for complexity and a failure limit at all). */
export const POLICY_BOUNDS: Readonly<Record<keyof SecurityPolicy, { min: number; max: number }>> = {
  minLength: { min: 8, max: 64 },
  minClasses: { min: 2, max: 4 },
  maxFailures: { min: 3, max: 10 },
  lockMinutes: { min: 5, max: 1440 },
};

/** The password rules from the environment, or the built-in ones. */
export function passwordRulesFromEnv(env: NodeJS.ProcessEnv = process.env): PasswordRules {
  const int = (name: string, key: keyof PasswordRules) => {
    const v = Number(env[name]);
    const { min, max } = POLICY_BOUNDS[key];
    return Number.isInteger(v) && v >= min && v <= max ? v : DEFAULT_PASSWORD_RULES[key];
  };
  return {
    minLength: int('YIFA_PASSWORD_MIN_LENGTH', 'minLength'),
    minClasses: int('YIFA_PASSWORD_MIN_CLASSES', 'minClasses'),
  };
}

/** Anything drizzle can read with: the database or a transaction. */
type Reader = Pick<Db, 'select'>;

/** The policy in force: the stored row, else the defaults (the auth policy's failure limits, the environment's rules). */
export async function securityPolicy(db: Reader, defaults: AuthPolicy): Promise<SecurityPolicyInForce> {
  const [row] = await db.select().from(securitySettings).where(eq(securitySettings.id, 1));
  if (row)
    return {
      minLength: row.minLength,
      minClasses: row.minClasses,
      maxFailures: row.maxFailures,
      lockMinutes: row.lockMinutes,
      source: 'set',
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  return {
    ...passwordRulesFromEnv(),
    maxFailures: defaults.maxFailures,
    lockMinutes: defaults.lockMinutes,
    source: 'default',
    updatedAt: null,
    updatedBy: null,
  };
}

/** The password rules in force: the stored ones, else the environment's. */
export async function passwordRules(db: Reader): Promise<PasswordRules> {
  const [row] = await db
    .select({ minLength: securitySettings.minLength, minClasses: securitySettings.minClasses })
    .from(securitySettings)
    .where(eq(securitySettings.id, 1));
  return row ?? passwordRulesFromEnv();
}

/** The sign-in limits to apply now: the session timeouts of the environment with the failure limits in force. */
export async function signInPolicy(db: Reader, defaults: AuthPolicy): Promise<AuthPolicy> {
  const p = await securityPolicy(db, defaults);
  return { ...defaults, maxFailures: p.maxFailures, lockMinutes: p.lockMinutes };
}

/** Stores a new policy with a `security.policy-set` audit event (what was, what is) in one transaction. */
export async function setSecurityPolicy(
  db: Db,
  policy: SecurityPolicy,
  defaults: AuthPolicy,
  actor: string,
  at: string,
): Promise<SecurityPolicyInForce> {
  return db.transaction(async (tx) => {
    const before = await securityPolicy(tx, defaults);
    const row = { id: 1, ...policy, updatedAt: at, updatedBy: actor };
    await tx.insert(securitySettings).values(row).onConflictDoUpdate({ target: securitySettings.id, set: row });
    const { source: _s, updatedAt: _u, updatedBy: _b, ...was } = before;
    await appendEvent(
      tx,
      { actor, action: 'security.policy-set', target: 'security-policy', before: was, after: policy },
      at,
    );
    return { ...policy, source: 'set', updatedAt: at, updatedBy: actor };
  });
}
