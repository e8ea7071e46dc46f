/**
 * The HTTP application: JSON under /api/v1, the OpenAPI document at /api/openapi.json,
 * one error shape for every failure, body size limits, security headers, and session
 * plus CSRF checks in front of everything but sign-in.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { alertsAfterWrite } from './alerts/after-write.ts';
import { rolesOf } from './auth/access.ts';
import { CSRF_HEADER, SESSION_COOKIE, sessionUser } from './auth/session.ts';
import type { AppEnv, Services } from './context.ts';
import { AppError, toAppError } from './errors.ts';
import { jsonBody } from './node-body.ts';
import { createLogger, createMetrics, observe, REQUEST_ID } from './observability.ts';
import { openApiDocument } from './openapi.ts';
import { adminAccountRoutes } from './routes/admin-accounts.ts';
import { adminAuditRoutes } from './routes/admin-audit.ts';
import { adminImportRoutes, OFFICER_IMPORT_PATH } from './routes/admin-import.ts';
import { alertRoutes } from './routes/alerts.ts';
import { assessmentRoutes } from './routes/assessments.ts';
import { attachmentRoutes, UPLOAD_PATH } from './routes/attachments.ts';
import { authRoutes } from './routes/auth.ts';
import { caseLinkRoutes } from './routes/case-links.ts';
import { caseRulesRoutes } from './routes/case-rules.ts';
import { caseSourceRoutes } from './routes/case-sources.ts';
import { caseRoutes } from './routes/cases.ts';
import { colleagueRoutes } from './routes/colleagues.ts';
import { documentRoutes } from './routes/documents.ts';
import { ENTITY_IMPORT_PATH, entityRoutes } from './routes/entities.ts';
import { exchangeRoutes } from './routes/exchange.ts';
import { executionRoutes } from './routes/execution.ts';
import { fileReviewRoutes } from './routes/file-review.ts';
import { fineCheckRoutes } from './routes/fine-outside-tier.ts';
import { inspectionPlanRoutes } from './routes/inspection-plans.ts';
import { matterRoutes } from './routes/matters.ts';
import { IMPORT_PATH, packRoutes } from './routes/packs.ts';
import { publicRoutes } from './routes/public.ts';
import { disclosureRoutes } from './routes/public-disclosures.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { studioRoutes } from './routes/studio.ts';
import { AUTHORITY_IMPORT_PATH, studioAuthorityRoutes } from './routes/studio-authority.ts';
import { studioBenchRoutes } from './routes/studio-bench.ts';
import { studioWorkspaceRoutes } from './routes/studio-workspaces.ts';
import { taskRoutes } from './routes/tasks.ts';
import { validationHook } from './validation.ts';

/** Largest JSON body accepted (attachments have their own limit). */
export const JSON_LIMIT = 1024 * 1024;

const PUBLIC = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/session',
  '/api/health',
  '/api/ready',
  '/api/openapi.json',
]);
/** Paths whose route applies its own, larger body limit (it must: the app's is skipped). */
const OWN_BODY_LIMIT = [
  (path: string) => path === IMPORT_PATH,
  (path: string) => UPLOAD_PATH.test(path),
  (path: string) => AUTHORITY_IMPORT_PATH.test(path),
  (path: string) => path === OFFICER_IMPORT_PATH,
  (path: string) => path === ENTITY_IMPORT_PATH,
];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the app around its services. */
export function createApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const log = services.log ?? createLogger();
  const metrics = createMetrics(services.db.$client);

  app.onError((err, c) => {
    let e: AppError;
    if (err instanceof HTTPException && err.status === 400) e = new AppError('invalid-json', { reason: err.message });
    else if (err instanceof HTTPException && err.status === 413) e = new AppError('too-large');
    else if (err instanceof HTTPException && err.status === 415)
      e = new AppError('unsupported-media', { expected: 'application/json' });
    else e = toAppError(err);
    if (e.code === 'internal') log.error({ req: c.res.headers.get(REQUEST_ID), err }, 'internal error');
    return c.json(e.toBody(), e.status as 400);
  });
  app.notFound((c) => c.json(new AppError('not-found', { path: c.req.path }).toBody(), 404));

  app.use('*', observe(log, metrics));
  app.use('*', secureHeaders());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  // Every /api/v1 answer may carry personal data or a session's token: no browser or proxy keeps
  // it (the health and OpenAPI documents outside /api/v1 may be cached). Set before the answer is
  // made, so every c.json/c.body/c.html, error answers too, starts with it.
  app.use('/api/v1/*', async (c, next) => {
    c.header('cache-control', 'no-store');
    await next();
  });
  app.use('/api/*', async (c, next) => {
    if (PUBLIC.has(c.req.path)) return next();
    const id = getCookie(c, SESSION_COOKIE);
    const { user, csrfToken, orgPath } = await sessionUser(
      services.db,
      id,
      services.policy,
      services.now().toISOString(),
    );
    if (!SAFE.has(c.req.method) && c.req.header(CSRF_HEADER) !== csrfToken) throw new AppError('csrf');
    const path = orgPath ?? user.orgCode;
    // The user's roles are those of the pack in force for their organisation (a city's own pack).
    const inForce = await services.packs.activeFor(path);
    c.set('pack', inForce);
    c.set('actor', { user, orgPath: path, roles: rolesOf(user, inForce.pack) });
    c.set('sessionId', id as string);
    c.set('csrfToken', csrfToken);
    return next();
  });
  const jsonLimit = jsonBody(JSON_LIMIT);
  // The body is read only after the session check, so a request without a session is refused
  // before a byte of its body is read; routes that take larger bodies apply their own limit.
  app.use('/api/*', (c, next) => (OWN_BODY_LIMIT.some((own) => own(c.req.path)) ? next() : jsonLimit(c, next)));

  // Stored alerts follow every committed case event (alerts/after-write.ts).
  app.use('/api/v1/*', alertsAfterWrite());

  app.get('/api/health', (c) => c.json({ ok: true }));
  // Ready: the database answers. A load balancer sends no traffic to a copy that is not.
  app.get('/api/ready', async (c) => {
    try {
      await services.db.$client.execute('SELECT 1');
      return c.json({ ok: true, database: 'ok' });
    } catch (err) {
      log.error({ err }, 'readiness: the database does not answer');
      return c.json({ ok: false, database: 'unavailable' }, 503);
    }
  });
  // Prometheus. No personal data in it; keep it off the public proxy (docs). With
  // YIFA_METRICS_TOKEN set, a scraper must send it as a bearer token.
  app.get('/metrics', async (c) => {
    const token = process.env.YIFA_METRICS_TOKEN;
    if (token && c.req.header('authorization') !== `Bearer ${token}`)
      throw new AppError('unauthenticated', undefined, { zh: '须提供指标令牌', en: 'the metrics token is required' });
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  app.route('/api/v1/auth', authRoutes());
  app.route('/api/v1/admin', adminAccountRoutes());
  app.route('/api/v1/admin/audit', adminAuditRoutes());
  app.route('/api/v1/admin/import', adminImportRoutes());
  app.route('/api/v1/packs', packRoutes());
  app.route('/api/v1/matters', matterRoutes());
  app.route('/api/v1/cases', caseRoutes());
  app.route('/api/v1/cases', caseLinkRoutes());
  app.route('/api/v1/case-sources', caseSourceRoutes());
  app.route('/api/v1/entities', entityRoutes());
  app.route('/api/v1/inspection-plans', inspectionPlanRoutes());
  app.route('/api/v1/file-review', fileReviewRoutes());
  app.route('/api/v1/reviews', reviewRoutes());
  app.route('/api/v1/exchange', exchangeRoutes());
  app.route('/api/v1/tasks', taskRoutes());
  app.route('/api/v1/studio/workspaces', studioWorkspaceRoutes());
  app.route('/api/v1/studio', studioRoutes());
  app.route('/api/v1/studio/workspaces', studioAuthorityRoutes());
  app.route('/api/v1/studio/workspaces', studioBenchRoutes());
  app.route('/api/v1', documentRoutes());
  app.route('/api/v1', fineCheckRoutes());
  app.route('/api/v1', attachmentRoutes());
  app.route('/api/v1', caseRulesRoutes());
  app.route('/api/v1', colleagueRoutes());
  app.route('/api/v1', alertRoutes());
  app.route('/api/v1', statisticsRoutes());
  app.route('/api/v1', assessmentRoutes());
  app.route('/api/v1', executionRoutes());
  app.route('/api/v1', disclosureRoutes());
  // 公示 (#16): public pages, no sign-in, outside /api (routes/public.ts).
  app.route('/', publicRoutes());

  // Built once, on first request: the routes are all registered by then.
  let doc: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', (c) => {
    doc ??= openApiDocument(app, { isPublic: (path) => PUBLIC.has(path), isSafe: (method) => SAFE.has(method) });
    return c.json(doc);
  });
  return app;
}

/** The app's type, for a typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
