/**
 * The demo drives the real API (`app.request`) as its users would: signed in with a password,
 * keeping the session cookie and CSRF token like a browser, on a clock the demo moves through
 * the past months. Every write therefore goes through the same checks and lands in the audit
 * chain; a request that does not succeed stops the demo with the server's answer.
 */
import type { createApp } from '../app.ts';

type App = ReturnType<typeof createApp>;

/** The demo's clock: the services read it as their `now`, and every request moves it on a little. */
export interface DemoClock {
  now(): Date;
  set(at: Date): void;
  /** Moves the clock on by some seconds (one request's worth of work). */
  advance(seconds: number): void;
}

/** A clock starting at the given instant. */
export function demoClock(start = new Date()): DemoClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set(at) {
      t = at.getTime();
    },
    advance(seconds) {
      t += seconds * 1000;
    },
  };
}

/** The real clock, for requests made today: it cannot be set or moved. */
export const REAL_CLOCK: DemoClock = { now: () => new Date(), set: () => undefined, advance: () => undefined };

/** A request the server refused while the demo was being prepared. */
export class DemoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} → ${status}: ${body.slice(0, 2000)}`);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field, as a browser would
export type Json = any;

/** A signed-in user. */
export interface DemoClient {
  username: string;
  userId: string;
  get(path: string): Promise<Json>;
  post(path: string, body?: unknown, expect?: number[]): Promise<Json>;
  put(path: string, body: unknown): Promise<Json>;
  patch(path: string, body: unknown): Promise<Json>;
  /** The raw answer, whatever its status (to show a refusal). */
  raw(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Signs a user in through the API. */
export async function signIn(app: App, clock: DemoClock, username: string, password: string): Promise<DemoClient> {
  clock.advance(20);
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new DemoRequestError('POST', '/api/v1/auth/login', res.status, await res.text());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { id: string } };
  const raw = async (method: string, path: string, body?: unknown): Promise<Response> => {
    clock.advance(30);
    return app.request(path, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  const call = async (method: string, path: string, body?: unknown, expect = [200, 201]) => {
    const res = await raw(method, path, body);
    if (!expect.includes(res.status)) throw new DemoRequestError(method, path, res.status, await res.text());
    return res.json() as Promise<Json>;
  };
  return {
    username,
    userId: user.id,
    raw,
    get: (path) => call('GET', path),
    post: (path, body = {}, expect) => call('POST', path, body, expect),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
  };
}
