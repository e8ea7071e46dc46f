/**
 * The studio's only way to the platform: JSON over HTTP under /api/v1, same origin, the
 * platform's session cookie (the officer app's sign-in and the studio's are one session) and
 * its CSRF token on writes. Failures carry the platform's message in zh and en.
 */

/** A message in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A failed request, as the platform described it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

let csrf = '';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.ok) return (await res.json()) as T;
  let error: { code?: string; message?: Bilingual } = {};
  try {
    error = ((await res.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON
  }
  throw new ApiError(
    res.status,
    error.code ?? 'http',
    error.message ?? { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` },
  );
}

/** Who is signed in, with the permissions the studio looks for. */
export interface Me {
  username: string;
  displayName: string;
  permissions: { permission: string }[];
  csrfToken?: string;
}

export interface KindCount {
  kind: string;
  label: string;
  labelEn: string;
  count: number;
}

export interface Overview {
  pack: { id: string; version: string; name: string; nameEn?: string; hash: string };
  layers: { id: string; name: string; version: string }[];
  total: number;
  kinds: KindCount[];
}

export interface ItemRef {
  kind: string;
  code: string;
  name: string;
  nameEn?: string;
  layer: string;
  overridden: boolean;
}

export interface OverriddenField {
  pointer: string;
  label: string;
  base?: unknown;
  value?: unknown;
}

export interface StudioItem extends ItemRef {
  item: unknown;
  origin: { pack: string; name: string; version: string };
  overrides: { pack: string; name: string; version: string; fields: OverriddenField[]; removed: string[] }[];
  bases: { available: true } | { available: false; reason: Bilingual };
}

export const api = {
  /** Who is signed in, or null; asks the public /auth/session first, so a visitor not signed in gets no 401. */
  async me(): Promise<Me | null> {
    const { signedIn } = await call<{ signedIn: boolean }>('GET', '/auth/session');
    if (!signedIn) return null;
    const me = await call<Me>('GET', '/auth/me');
    csrf = me.csrfToken ?? csrf;
    return me;
  },
  async login(username: string, password: string): Promise<void> {
    const r = await call<{ csrfToken: string }>('POST', '/auth/login', { username, password });
    csrf = r.csrfToken;
  },
  async logout(): Promise<void> {
    await call('POST', '/auth/logout', {});
    csrf = '';
  },
  overview: () => call<Overview>('GET', '/studio/kinds'),
  ofKind: (kind: string) =>
    call<{ total: number; items: ItemRef[] }>('GET', `/studio/items?kind=${encodeURIComponent(kind)}`),
  search: (q: string) =>
    call<{ total: number; items: ItemRef[] }>('GET', `/studio/items?q=${encodeURIComponent(q)}&limit=100`),
  item: (kind: string, code: string) =>
    call<StudioItem>('GET', `/studio/items/${encodeURIComponent(kind)}/${encodeURIComponent(code)}`),
};
