/**
 * Session and sign-in limits (等保 三级 身份鉴别: 登录失败处理, 超时自动退出), read once
 * from the environment with safe defaults.
 */
export interface AuthPolicy {
  /** Failed sign-ins before the account locks. */
  maxFailures: number;
  /** How long a locked account stays locked. */
  lockMinutes: number;
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: number;
}

/** The policy from YIFA_* environment variables. */
export function authPolicy(env: NodeJS.ProcessEnv = process.env): AuthPolicy {
  const int = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    maxFailures: int('YIFA_MAX_LOGIN_FAILURES', 5),
    lockMinutes: int('YIFA_LOCK_MINUTES', 15),
    idleMinutes: int('YIFA_IDLE_MINUTES', 30),
    absoluteHours: int('YIFA_SESSION_HOURS', 12),
  };
}
