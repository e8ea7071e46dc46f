/**
 * 三员分立 administration of accounts, under /api/v1/admin: the system administrator's accounts
 * (list, create without roles, disable, enable, bind to an organisation) and the security
 * administrator's roles, 执法证, 法律职业资格, lock, unlock, password reset and password policy.
 * Each route checks its own permission (admin/accounts.ts); accounts are read within the
 * permission's scope in SQL; every write is audited in its transaction.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ACCOUNT_PERMISSIONS,
  bindOrganisation,
  createAccount,
  listAccounts,
  lockAccount,
  organisationsInScope,
  resetAccountPassword,
  setCertificate,
  setDisabled,
  setLegalQualification,
  setRoles,
  unlockAccount,
  widestScope,
} from '../admin/accounts.ts';
import { POLICY_BOUNDS, securityPolicy, setSecurityPolicy } from '../admin/security-policy.ts';
import { requirePermission } from '../auth/access.ts';
import { localDate } from '../time.ts';
import { plainText } from '../validation.ts';
import { jsonBody as json, OK as ok, router } from './router.ts';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
const Username = z
  .string()
  .refine((v) => USERNAME.test(v), {
    params: {
      code: 'username-format',
      message: {
        zh: '用户名为 2–64 位字母、数字、点、下划线或连字符，以字母或数字开头',
        en: 'a user name has 2–64 letters, digits, dots, underscores or hyphens, starting with a letter or digit',
      },
    },
  })
  .openapi({ pattern: USERNAME.source });
const Target = z.object({ username: z.string().min(1).max(64) }).openapi('AccountName');
const OrgCode = z.string().trim().min(1).max(100);

const AccountQuery = z
  .object({
    q: z.string().max(100).optional(),
    org: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .openapi('AccountQuery');
const NewAccount = z
  .object({
    username: Username,
    displayName: plainText(z.string().trim().min(1).max(100)),
    orgCode: OrgCode,
    password: z.string().min(1).max(200),
  })
  .strict()
  .openapi('NewAccount');
const Binding = z.object({ orgCode: OrgCode }).strict().openapi('AccountOrganisation');
const Roles = z
  .object({ roles: z.array(z.string().min(1).max(100)).max(20) })
  .strict()
  .refine((v) => new Set(v.roles).size === v.roles.length, {
    path: ['roles'],
    params: { code: 'duplicate-role', message: { zh: '角色重复', en: 'a role is listed twice' } },
  })
  .openapi('AccountRoles');
const Certificate = z
  .object({ number: plainText(z.string().trim().min(1).max(64)), validUntil: z.string().max(20) })
  .strict()
  .openapi('Certificate');
const Qualification = z.object({ held: z.boolean() }).strict().openapi('LegalQualification');
const NewPassword = z
  .object({ password: z.string().min(1).max(200) })
  .strict()
  .openapi('PasswordReset');
const bounded = (key: keyof typeof POLICY_BOUNDS) =>
  z.number().int().min(POLICY_BOUNDS[key].min).max(POLICY_BOUNDS[key].max);
const Policy = z
  .object({
    minLength: bounded('minLength'),
    minClasses: bounded('minClasses'),
    maxFailures: bounded('maxFailures'),
    lockMinutes: bounded('lockMinutes'),
  })
  .strict()
  .openapi('SecurityPolicy');

/** The administration routes, mounted at /api/v1/admin. */
export function adminAccountRoutes() {
  const r = router();
  const done = { ok: true } as const;

  r.openapi(
    createRoute({
      method: 'get',
      path: '/accounts',
      tags: ['admin'],
      summary: '账号列表 / accounts (any account permission, within its scope)',
      request: { query: AccountQuery },
      responses: ok,
    }),
    async (c) => {
      const q = c.req.valid('query');
      const s = c.get('services');
      const page = await listAccounts(
        s.db,
        c.get('actor'),
        { limit: q.limit, offset: q.offset, ...(q.q ? { q: q.q } : {}), ...(q.org ? { org: q.org } : {}) },
        s.now().toISOString(),
      );
      return c.json(page);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/accounts',
      tags: ['admin'],
      summary: '新建账号（不带角色） / create an account, without roles (user.manage)',
      request: { body: json(NewAccount) },
      responses: { 201: { description: 'Created / 已创建' } },
    }),
    async (c) => {
      const s = c.get('services');
      const user = await createAccount(s.db, c.get('actor'), c.req.valid('json'), s.now().toISOString());
      return c.json({ id: user.id, username: user.username }, 201);
    },
  );

  for (const [path, disabled, summary] of [
    ['/accounts/{username}/disable', true, '停用账号 / disable an account (user.manage)'],
    ['/accounts/{username}/enable', false, '启用账号 / enable an account (user.manage)'],
  ] as const) {
    r.openapi(
      createRoute({ method: 'post', path, tags: ['admin'], summary, request: { params: Target }, responses: ok }),
      async (c) => {
        const s = c.get('services');
        await setDisabled(s.db, c.get('actor'), c.req.valid('param').username, disabled, s.now().toISOString());
        return c.json(done);
      },
    );
  }

  r.openapi(
    createRoute({
      method: 'put',
      path: '/accounts/{username}/organisation',
      tags: ['admin'],
      summary: '绑定机构 / bind an account to an organisation (user.manage)',
      request: { params: Target, body: json(Binding) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const { username } = c.req.valid('param');
      await bindOrganisation(s.db, c.get('actor'), username, c.req.valid('json').orgCode, s.now().toISOString());
      return c.json(done);
    },
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/accounts/{username}/roles',
      tags: ['admin'],
      summary: '分配角色 / give an account its roles (role.assign)',
      request: { params: Target, body: json(Roles) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const { username } = c.req.valid('param');
      await setRoles(
        s.db,
        c.get('actor'),
        username,
        c.req.valid('json').roles,
        async (path) => (await s.packs.activeFor(path)).pack,
        s.now().toISOString(),
      );
      return c.json(done);
    },
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/accounts/{username}/certificate',
      tags: ['admin'],
      summary: '登记执法证 / record an enforcement certificate (user.certify)',
      request: { params: Target, body: json(Certificate) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const now = s.now();
      await setCertificate(
        s.db,
        c.get('actor'),
        c.req.valid('param').username,
        c.req.valid('json'),
        localDate(now),
        now.toISOString(),
      );
      return c.json(done);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/accounts/{username}/certificate',
      tags: ['admin'],
      summary: '注销执法证登记 / record that the account holds no certificate (user.certify)',
      request: { params: Target },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const now = s.now();
      await setCertificate(
        s.db,
        c.get('actor'),
        c.req.valid('param').username,
        null,
        localDate(now),
        now.toISOString(),
      );
      return c.json(done);
    },
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/accounts/{username}/legal-qualification',
      tags: ['admin'],
      summary: '登记法律职业资格 / record the legal professional qualification (user.certify)',
      request: { params: Target, body: json(Qualification) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const { username } = c.req.valid('param');
      await setLegalQualification(s.db, c.get('actor'), username, c.req.valid('json').held, s.now().toISOString());
      return c.json(done);
    },
  );

  for (const [path, act, summary] of [
    ['/accounts/{username}/lock', lockAccount, '锁定账号 / lock an account (user.credentials)'],
    ['/accounts/{username}/unlock', unlockAccount, '解锁账号 / unlock an account (user.credentials)'],
  ] as const) {
    r.openapi(
      createRoute({ method: 'post', path, tags: ['admin'], summary, request: { params: Target }, responses: ok }),
      async (c) => {
        const s = c.get('services');
        await act(s.db, c.get('actor'), c.req.valid('param').username, s.now().toISOString());
        return c.json(done);
      },
    );
  }

  r.openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{username}/password',
      tags: ['admin'],
      summary: '重置密码 / reset a password (user.credentials)',
      request: { params: Target, body: json(NewPassword) },
      responses: ok,
    }),
    async (c) => {
      const s = c.get('services');
      const { username } = c.req.valid('param');
      await resetAccountPassword(s.db, c.get('actor'), username, c.req.valid('json').password, s.now().toISOString());
      return c.json(done);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags: ['admin'],
      summary: '可管理的机构 / the organisations an administrator may bind accounts to',
      responses: ok,
    }),
    async (c) => c.json({ items: await organisationsInScope(c.get('services').db, c.get('actor')) }),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/roles',
      tags: ['admin'],
      summary: '配置包中的角色 / the roles of the pack in force (any account permission)',
      responses: ok,
    }),
    async (c) => {
      widestScope(c.get('actor'), ACCOUNT_PERMISSIONS);
      const items = [...c.get('pack').pack.items.role.values()].map((role) => ({
        code: role.code,
        name: role.name,
        nameEn: role.nameEn ?? null,
        scope: role.scope,
        admin: role.admin ?? null,
        requiresCertificate: role.requiresCertificate === true,
        requiresLegalQualification: role.requiresLegalQualification === true,
      }));
      return c.json({ items });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/security-policy',
      tags: ['admin'],
      summary: '安全策略 / the password and sign-in policy in force (security.configure)',
      responses: ok,
    }),
    async (c) => {
      requirePermission(c.get('actor'), 'security.configure');
      const s = c.get('services');
      return c.json({ ...(await securityPolicy(s.db, s.policy)), bounds: POLICY_BOUNDS });
    },
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/security-policy',
      tags: ['admin'],
      summary: '设置安全策略 / set the password and sign-in policy (security.configure)',
      request: { body: json(Policy) },
      responses: ok,
    }),
    async (c) => {
      const actor = c.get('actor');
      requirePermission(actor, 'security.configure');
      const s = c.get('services');
      const set = await setSecurityPolicy(s.db, c.req.valid('json'), s.policy, actor.user.id, s.now().toISOString());
      return c.json({ ...set, bounds: POLICY_BOUNDS });
    },
  );
  return r;
}
