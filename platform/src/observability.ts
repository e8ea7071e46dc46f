/**
 * What an operator sees of a running copy (#17): one JSON log line per request (pino) with a
 * request id, the route pattern, status, time and the acting user's id — never a name, a party,
 * a query string or a body, which may hold personal data — and Prometheus metrics (prom-client):
 * requests by route and status, their latencies, workflow transitions taken and refused, and the
 * process's own (memory, event-loop delay, CPU). A registry per app, so tests that build many apps
 * do not share counters.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@libsql/client';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import pino, { type Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppEnv } from './context.ts';
import { observeDatabase, writeQueueLength } from './db/embedded.ts';

export type { Logger };

/** The request id header: taken from a proxy that sets one, else made here, and always answered. */
export const REQUEST_ID = 'x-request-id';

const ID = /^[\w.:-]{1,100}$/;

/**
 * The copy's logger: JSON lines on stdout at `YIFA_LOG_LEVEL` (trace … fatal, or silent; info by
 * default, silent under the test runner unless set).
 */
export function createLogger(level = process.env.YIFA_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino({ level, base: { service: 'yifa' } });
}

/** The app's metrics. */
export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  transitions: Counter<'outcome'>;
}

const DB_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/**
 * The database's metrics, for an embedded database file (db/embedded.ts; a libsql server's client
 * reports nothing, and then none of these is registered): reads outside transactions, write
 * transactions from their turn to their durable COMMIT by outcome, the wait for the write turn,
 * the group commit's queue (waiting now) and its groups' sizes (a histogram: its count is the
 * COMMITs, its sum the transactions they made durable).
 */
function databaseMetrics(registry: Registry, client: Client): void {
  if (writeQueueLength(client) === undefined) return;
  const read = new Histogram({
    name: 'yifa_db_read_duration_seconds',
    help: 'Database reads outside write transactions (one statement each)',
    buckets: DB_SECONDS,
    registers: [registry],
  });
  const transaction = new Histogram({
    name: 'yifa_db_transaction_duration_seconds',
    help: 'Write transactions, from their write turn to their durable COMMIT (or rollback), by outcome',
    labelNames: ['outcome'],
    buckets: DB_SECONDS,
    registers: [registry],
  });
  const wait = new Histogram({
    name: 'yifa_db_write_wait_seconds',
    help: 'Time a write transaction waited for its write turn (the group commit queue)',
    buckets: DB_SECONDS,
    registers: [registry],
  });
  const group = new Histogram({
    name: 'yifa_db_group_commit_size',
    help: 'Write transactions each COMMIT made durable (count: COMMITs; sum: transactions)',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
  observeDatabase(client, (e) => {
    if (e.kind === 'read') read.observe(e.seconds);
    else if (e.kind === 'wait') wait.observe(e.seconds);
    else if (e.kind === 'transaction') transaction.observe({ outcome: e.outcome }, e.seconds);
    else group.observe(e.members);
  });
  new Gauge({
    name: 'yifa_db_write_queue',
    help: 'Write transactions and statements waiting for the write turn now (the group commit queue)',
    registers: [registry],
    collect() {
      this.set(writeQueueLength(client) ?? 0);
    },
  });
}

/** A registry with the app's metrics, the database's (given its client) and the process's default ones. */
export function createMetrics(client?: Client): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yifa_' });
  if (client) databaseMetrics(registry, client);
  return {
    registry,
    requests: new Counter({
      name: 'yifa_http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'yifa_http_request_duration_seconds',
      help: 'HTTP request latency by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    transitions: new Counter({
      name: 'yifa_transitions_total',
      help: 'Workflow transitions asked for: taken, refused (the law or the pack), or failed',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}

/**
 * The route pattern that answered (`/api/v1/cases/:id`), not the path with its ids; `(static)` or
 * `(none)` otherwise. `yifa serve` adds the web apps' catch-all `GET /*` after the API (it passes
 * anything that is not a page of an app on), so a route ending in `*` names the request only when
 * no route of its own matched.
 */
export function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  const own = handlers.filter((r) => !r.path.endsWith('*')).at(-1);
  if (own) return own.path;
  if (c.req.path.startsWith('/api/')) return '(none)';
  return handlers.at(-1)?.path ?? '(static)';
}

const TRANSITIONS = '/api/v1/cases/:id/transitions';

/**
 * Logs and measures every request. The user id is read after the handler ran (the session check
 * sets it); nothing else about the user or the request's content is written.
 */
export function observe(log: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header(REQUEST_ID);
    const id = given && ID.test(given) ? given : randomUUID();
    c.header(REQUEST_ID, id);
    const started = performance.now();
    let failed: unknown;
    try {
      await next();
    } catch (e) {
      failed = e;
      throw e;
    } finally {
      const route = routeOf(c);
      const status = failed ? 500 : c.res.status;
      const seconds = (performance.now() - started) / 1000;
      metrics.requests.inc({ method: c.req.method, route, status: String(status) });
      metrics.latency.observe({ method: c.req.method, route }, seconds);
      if (route === TRANSITIONS && c.req.method === 'POST')
        metrics.transitions.inc({ outcome: status < 300 ? 'taken' : status < 500 ? 'refused' : 'failed' });
      let user: string | undefined;
      try {
        user = c.get('actor')?.user.id;
      } catch {
        user = undefined;
      }
      const line = { req: id, method: c.req.method, route, status, ms: Math.round(seconds * 1000), user };
      if (status >= 500) log.error(line, 'request failed');
      else log.info(line, 'request');
    }
  };
}
