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
    /** The platform's details of the refusal (field issues, failed tests …), as it sent them. */
    readonly details?: unknown,
  ) {
    super(text.en);
  }
}

let csrf = '';

/** One request to the platform (the bench and live validation call it from their own modules). */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  let error: { code?: string; message?: Bilingual; details?: unknown } = {};
  try {
    error = ((await res.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON
  }
  throw new ApiError(
    res.status,
    error.code ?? 'http',
    error.message ?? { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` },
    error.details,
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
  /** Whether the pack explored is the one active for the reader (not another installed version). */
  active: boolean;
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
  overrides: {
    pack: string;
    name: string;
    version: string;
    fields: OverriddenField[];
    removed: string[];
    /** The version before this layer is not installed: its base values cannot be shown. */
    baseUnknown?: true;
  }[];
  bases: { available: true } | { available: false; reason: Bilingual };
}

/** An installed pack version (GET /packs). */
export interface PackVersion {
  hash: string;
  packId: string;
  version: string;
  name: string;
  importedAt: string;
  active: boolean;
}

/** A working copy of a pack, kept by the platform. */
export interface WorkspaceSummary {
  id: string;
  packId: string;
  name: string;
  base: { hash: string; packId: string; version: string } | null;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  publishedHash: string | null;
}

/** A problem of the working copy's resolved pack. */
export interface WorkspaceIssue {
  severity: 'error' | 'warning' | string;
  code: string;
  message: Bilingual;
  kind?: string;
  itemCode?: string;
  pointer?: string;
  file?: string;
  line?: number;
}

export interface Workspace extends WorkspaceSummary {
  manifest: Record<string, unknown>;
  files?: unknown;
  counts?: Record<string, number>;
  issues: WorkspaceIssue[];
}

export type Origin = 'base' | 'added' | 'overridden';

export interface WorkspaceItemRef {
  kind: string;
  code: string;
  name: string;
  nameEn?: string;
  origin: Origin;
}

export interface WorkspaceItem {
  value: Record<string, unknown>;
  base: Record<string, unknown> | null;
  patch: unknown;
  file: string | null;
  origin: Origin;
  schema?: unknown;
}

export interface SavedItem {
  revision: number;
  file: string | null;
  patch: unknown;
  issues: WorkspaceIssue[];
}

export interface DiffItem {
  kind: string;
  code: string;
  change: string;
  fields: { pointer: string; before?: unknown; after?: unknown }[];
}

export interface TestRun {
  passed: number;
  failed: number;
  results: unknown[];
}

/** `?hash=` (or `&hash=`) for an installed version the explorer reads; nothing for the active pack. */
const versionQuery = (sep: '?' | '&', hash?: string) => (hash ? `${sep}hash=${encodeURIComponent(hash)}` : '');

const ws = (id: string) => `/studio/workspaces/${encodeURIComponent(id)}`;
const itemPath = (id: string, kind: string, code: string) =>
  `${ws(id)}/items/${encodeURIComponent(kind)}/${encodeURIComponent(code)}`;

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
  /** The explorer reads the active pack, or with `hash` an installed version (read-only). */
  overview: (hash?: string) => call<Overview>('GET', `/studio/kinds${versionQuery('?', hash)}`),
  ofKind: (kind: string, hash?: string) =>
    call<{ total: number; items: ItemRef[] }>(
      'GET',
      `/studio/items?kind=${encodeURIComponent(kind)}${versionQuery('&', hash)}`,
    ),
  search: (q: string, hash?: string) =>
    call<{ total: number; items: ItemRef[] }>(
      'GET',
      `/studio/items?q=${encodeURIComponent(q)}&limit=100${versionQuery('&', hash)}`,
    ),
  item: (kind: string, code: string, hash?: string) =>
    call<StudioItem>(
      'GET',
      `/studio/items/${encodeURIComponent(kind)}/${encodeURIComponent(code)}${versionQuery('?', hash)}`,
    ),
  packVersions: () => call<{ versions: PackVersion[] }>('GET', '/packs'),
  workspaces: () => call<{ workspaces: WorkspaceSummary[] }>('GET', '/studio/workspaces'),
  createWorkspace: (
    body:
      | {
          packId: string;
          name: string;
          nameEn?: string;
          region: { code: string; name: string; level: string };
          base: { hash: string };
        }
      | { open: { packId: string } },
  ) => call<{ id: string; revision: number }>('POST', '/studio/workspaces', body),
  workspace: (id: string) => call<Workspace>('GET', ws(id)),
  workspaceItems: (id: string, kind: string, q = '') =>
    call<{ items: WorkspaceItemRef[] }>(
      'GET',
      `${ws(id)}/items?kind=${encodeURIComponent(kind)}&q=${encodeURIComponent(q)}`,
    ),
  workspaceItem: (id: string, kind: string, code: string) => call<WorkspaceItem>('GET', itemPath(id, kind, code)),
  saveItem: (id: string, kind: string, code: string, value: unknown, revision: number) =>
    call<SavedItem>('PUT', itemPath(id, kind, code), { value, revision }),
  revertItem: (id: string, kind: string, code: string, revision: number) =>
    call<{ revision: number }>('DELETE', `${itemPath(id, kind, code)}/override?revision=${revision}`),
  deleteItem: (id: string, kind: string, code: string, revision: number) =>
    call<{ revision: number }>('DELETE', `${itemPath(id, kind, code)}?revision=${revision}`),
  removeBaseItem: (id: string, body: { kind: string; code: string; reason: string; revision: number }) =>
    call<{ revision: number }>('POST', `${ws(id)}/remove`, body),
  /** With a new base range the copy may be rebased: then `rebased` (from, to) and the copy's issues on the new base. */
  saveManifest: (id: string, manifest: Record<string, unknown>, revision: number) =>
    call<{
      revision: number;
      rebased?: {
        from: { hash: string; packId: string; version: string };
        to: { hash: string; packId: string; version: string };
      };
      issues?: WorkspaceIssue[];
    }>('PUT', `${ws(id)}/manifest`, { manifest, revision }),
  validate: (id: string) => call<{ issues: WorkspaceIssue[]; ms: number }>('GET', `${ws(id)}/validate`),
  diff: (id: string, against: 'base' | 'published') =>
    call<{ items: DiffItem[] }>('GET', `${ws(id)}/diff?against=${against}`),
  runTests: (id: string) => call<TestRun>('POST', `${ws(id)}/tests`, {}),
  publish: (id: string, version: string, note: string) =>
    call<Record<string, unknown>>('POST', `${ws(id)}/publish`, { version, note }),
};
