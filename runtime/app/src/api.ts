/**
 * The app's only way to the platform: JSON over HTTP under /api/v1, the session cookie sent by
 * the browser and the CSRF token (from sign-in) on every write. Failures become ApiError with the
 * platform's error body: a code, a message in zh and en, and details such as field problems.
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

const TOKEN_KEY = 'yifa.csrf';
const BASE = '/api/v1';

/** Remembers the CSRF token of this tab's session (the cookie itself is HttpOnly). */
export function setCsrfToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Whether this tab holds a session's CSRF token. */
export function hasCsrfToken(): boolean {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
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

/** Sends a request; the body is JSON unless it is a Blob (uploads). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;
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
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/** The API, by method. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

/** The URL of a platform resource (print view, PDF, file download). */
export const apiUrl = (path: string) => `${BASE}${path}`;
