/** Sign in, sign out, who am I, change password. */

import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { passwordRules, signInPolicy } from '../admin/security-policy.ts';
import { appendEvent } from '../audit/chain.ts';
import { scopeFor } from '../auth/access.ts';
import { lockOf } from '../auth/lockout.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { endSessions, failedAttempt, SESSION_COOKIE, sessionUser, signIn, signOut } from '../auth/session.ts';
import { AppError } from '../errors.ts';
import { localDate } from '../time.ts';
import { setPasswordHash } from '../users.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const Credentials = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict()
  .openapi('Credentials');
const PasswordChange = z
  .object({ current: z.string().min(1).max(200), next: z.string().min(1).max(200) })
  .strict()
  .openapi('PasswordChange');

/**
 * Whether a request for the session's CSRF token may have it: a second tab, or a case URL pasted
 * into a new one, holds the cookie but not the token the first tab got at sign-in, and boots from
 * here. The cookie is SameSite=Strict and the answer is JSON without CORS, so no other site can
 * read it; a browser that says the request came from another site (Sec-Fetch-Site) is not
 * answered the token all the same. Clients that send no such header (tests, the CLI) are not browsers.
 */
const sameOrigin = (site: string | undefined) => site === undefined || site === 'same-origin' || site === 'none';

/** The auth routes. */
export function authRoutes() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: '登录 / sign in',
      request: { body: json(Credentials) },
      responses: ok,
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const s = c.get('services');
      const policy = await signInPolicy(s.db, s.policy);
      const { id, csrfToken, user } = await signIn(s.db, username, password, policy, s.now().toISOString());
      setCookie(c, SESSION_COOKIE, id, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: process.env.YIFA_SECURE_COOKIES === '1',
        path: '/',
        maxAge: s.policy.absoluteHours * 3600,
      });
      return c.json({ user: { id: user.id, username: user.username, displayName: user.displayName }, csrfToken });
    },
  );

  r.openapi(
    createRoute({ method: 'post', path: '/logout', tags: ['auth'], summary: '退出 / sign out', responses: ok }),
    async (c) => {
      const s = c.get('services');
      await signOut(s.db, c.get('sessionId'));
      await appendEvent(s.db, { actor: c.get('actor').user.id, action: 'auth.logout', target: c.get('actor').user.id });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags: ['auth'],
      summary: '本浏览器是否已登录 / whether this browser holds a live session',
      responses: ok,
    }),
    async (c) => {
      // Public, and always 200: a tab asks this first, so opening the sign-in page logs no 401.
      const s = c.get('services');
      try {
        await sessionUser(s.db, getCookie(c, SESSION_COOKIE), s.policy, s.now().toISOString());
        return c.json({ signedIn: true });
      } catch (e) {
        if (e instanceof AppError && (e.code === 'unauthenticated' || e.code === 'session-expired'))
          return c.json({ signedIn: false });
        throw e;
      }
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: '当前用户及本会话的 CSRF 令牌 / who am I, with the session’s CSRF token',
      responses: ok,
    }),
    async (c) => {
      const a = c.get('actor');
      const s = c.get('services');
      const { user } = a;
      const permissions = [...new Set(a.roles.flatMap((role) => role.permissions))]
        .sort()
        .map((p) => ({ permission: p, scope: scopeFor(a, p) }));
      return c.json({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        org: user.orgCode,
        roles: a.roles.map((role) => ({ code: role.code, name: role.name, nameEn: role.nameEn ?? null })),
        permissions,
        certificate: {
          number: user.certificateNo,
          validUntil: user.certificateValidUntil,
          valid: !!user.certificateValidUntil && user.certificateValidUntil >= localDate(s.now()),
        },
        ...(sameOrigin(c.req.header('sec-fetch-site')) ? { csrfToken: c.get('csrfToken') } : {}),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags: ['auth'],
      summary: '修改密码 / change password',
      request: { body: json(PasswordChange) },
      responses: ok,
    }),
    async (c) => {
      const { current, next } = c.req.valid('json');
      const s = c.get('services');
      const { user } = c.get('actor');
      const now = s.now().toISOString();
      // A locked name stays locked here too: a held session is no way around the lock.
      const until = await lockOf(s.db, user.username, now);
      if (until) throw new AppError('account-locked', { until });
      if (!(await verifyPassword(current, user.passwordHash))) {
        const policy = await signInPolicy(s.db, s.policy);
        const refused = await failedAttempt(s.db, user.username, user.id, policy, now, 'auth.password-change-failed');
        // Guessing the password from inside a session ends the user's sessions once it locks.
        if (refused.code === 'account-locked') await endSessions(s.db, user.id);
        throw refused;
      }
      const problem = passwordProblem(next, user.username, await passwordRules(s.db));
      if (problem)
        throw new AppError(
          'validation',
          { problems: [{ path: '/next', code: 'password-policy', message: problem }] },
          problem,
        );
      const passwordHash = await hashPassword(next);
      await setPasswordHash(s.db, user.id, passwordHash, now, c.get('sessionId'));
      return c.json({ ok: true });
    },
  );
  return r;
}
