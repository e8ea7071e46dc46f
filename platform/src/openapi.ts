/**
 * The OpenAPI document at /api/openapi.json: what @hono/zod-openapi generates from the routes,
 * plus how a client authenticates, from the same rule the app's session middleware enforces:
 * the session cookie on every operation but the public ones, and the CSRF header as well on
 * those that change something.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { CSRF_HEADER, SESSION_COOKIE } from './auth/session.ts';
import type { AppEnv } from './context.ts';

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/** The two ways a request proves who sends it (names used in each operation's `security`). */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: '登录时服务器设置的会话 cookie / the session cookie the server sets at sign-in',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: CSRF_HEADER,
    description:
      '登录应答中的 csrfToken，用于会改变数据的请求 / the csrfToken of the sign-in answer, on requests that change something',
  },
} as const;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The document of the app's routes with its security schemes, each operation requiring what the
 * server checks: nothing on a public path, the session on a safe method, session and CSRF token
 * on the others.
 *
 * @example
 * openApiDocument(app, { isPublic: (p) => p === '/api/v1/auth/login', isSafe: (m) => m === 'GET' })
 */
export function openApiDocument(
  app: OpenAPIHono<AppEnv>,
  rule: { isPublic: (path: string) => boolean; isSafe: (method: string) => boolean },
): Document {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: '依法 Yifa API',
      version: '1',
      description: '行政执法与执法监督平台接口 / Yifa administrative enforcement API',
    },
  });
  doc.components = { ...doc.components, securitySchemes: { ...SECURITY_SCHEMES } };
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.security = rule.isPublic(path)
        ? []
        : rule.isSafe(method.toUpperCase())
          ? [{ session: [] }]
          : [{ session: [], csrf: [] }];
    }
  return doc;
}
