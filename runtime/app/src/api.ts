/**
 * The app's only way to the platform: JSON over HTTP under /api/v1, the session cookie sent by
 * the browser and the session's CSRF token (from sign-in or /auth/me) on every write. Failures
 * become ApiError with the platform's error body: a code, a message in zh and en, and details
 * such as field problems.
 */

/** A message in both languages. */
export interface Bilingual<T = string> {
  zh: T;
  en: T;
}

/** One field problem of a 422 answer. */
export interface FieldProblem {
  path: string;
  field?: string;
  code: string;
  message: Bilingual;
}

/** A failed request, as the platform described it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly details: { problems?: FieldProblem[]; refusals?: { message: Bilingual; detail?: Bilingual }[] } & Record<
      string,
      unknown
    >,
  ) {
    super(text.en);
  }

  /** Field problems keyed by field name (or JSON pointer when no field is named). */
  fieldProblems(): Record<string, Bilingual[]> {
    const out: Record<string, Bilingual[]> = {};
    for (const p of this.details.problems ?? []) {
      const key = p.field ?? p.path.split('/').filter(Boolean).join('.');
      out[key] = [...(out[key] ?? []), p.message];
    }
    return out;
  }
}

const BASE = '/api/v1';

/**
 * This tab's session as far as writes need it: whose it is and its CSRF token (the cookie itself
 * is HttpOnly). Held in memory only: every tab, reloaded or new, reads it from GET /auth/me,
 * which hands it to a same-origin page holding the cookie.
 */
let tab: { userId: string; csrfToken: string } | null = null;
let signedOut: (() => void) | null = null;

/** Sets (after sign-in or /auth/me) or forgets (sign-out) this tab's session. */
export function setTabSession(session: { userId: string; csrfToken: string } | null): void {
  tab = session;
}

/** Called when the platform answers that no session holds any more (expired, or signed out in another tab). */
export function onSignedOut(callback: (() => void) | null): void {
  signedOut = callback;
}

async function failure(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code: string; message: Bilingual; details?: ApiError['details'] } };
    if (body.error) return new ApiError(res.status, body.error.code, body.error.message, body.error.details ?? {});
  } catch {
    // not JSON: fall through
  }
  return new ApiError(
    res.status,
    'http',
    { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` },
    {},
  );
}

let refreshing: Promise<boolean> | null = null;

/**
 * After a CSRF refusal: signing in in another tab gave the browser a new session cookie, which
 * this tab's token does not match. Reads the new session's token; true when it is the same user's
 * (the write may be sent again), false when someone else signed in there (this tab must not
 * write as them). Concurrent refusals share one look-up.
 */
function refreshToken(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch(`${BASE}/auth/me`, { credentials: 'same-origin' });
      if (!res.ok) return false;
      const me = (await res.json()) as { id: string; csrfToken?: string };
      if (!tab || me.id !== tab.userId || !me.csrfToken) return false;
      tab = { userId: me.id, csrfToken: me.csrfToken };
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

const sessionChanged = () =>
  new ApiError(
    403,
    'session-changed',
    {
      zh: '另一个标签页已以其他用户登录，本页未保存。请刷新页面后重试。',
      en: 'Another tab signed in as someone else; nothing was saved here. Reload the page and try again.',
    },
    {},
  );

/** Sends a request; the body is JSON unless it is a Blob (uploads). */
export async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && tab) headers['x-csrf-token'] = tab.csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof Blob) {
    payload = body;
    headers['content-type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, { method, headers, body: payload ?? null, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', { zh: '无法连接服务器', en: 'cannot reach the server' }, {});
  }
  if (res.ok) return (await res.json()) as T;
  const error = await failure(res);
  if (error.code === 'csrf' && !retried) {
    if (await refreshToken()) return request<T>(method, path, body, true);
    throw sessionChanged();
  }
  if ((error.code === 'unauthenticated' || error.code === 'session-expired') && path !== '/auth/me') signedOut?.();
  throw error;
}

/** The API, by method. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

/** The URL of a platform resource (print view, PDF, file download). */
export const apiUrl = (path: string) => `${BASE}${path}`;
