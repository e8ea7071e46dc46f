/**
 * The studio's working copies (#14): a pack folder kept by the platform as texts, built on an
 * installed registry version. Saving an item writes the smallest file that says the edit — a
 * base item becomes `overrides/<folder>/<code>.yaml` with only what changed (minimalOverride),
 * an item of this pack its whole file — in one canonical YAML style (the `yaml` package, as the
 * metamodel's migrate and rebase code writes); files not edited keep their bytes. Every write is
 * one transaction: the revision rises by one only if it is still the one the writer read
 * (optimistic concurrency), and an audit event records it.
 */
import { randomUUID } from 'node:crypto';
import {
  deepEqual,
  type ItemKind,
  kindInfo,
  mergeOverride,
  metamodelVersion,
  minimalOverride,
  type ParsedFile,
  type ResolvedPack,
  schemaViolations,
  validatorFor,
} from '@yifa/metamodel';
import { and, eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { type StudioWorkspaceRow, studioWorkspaces } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { createPackRegistry, type PackRegistry } from '../packs/registry.ts';
import { itemFile, type ResolvedWorkspace, resolveWorkspace } from './workspace-resolve.ts';

/** The installed version a working copy is built on. */
export type WorkspaceBase = { hash: string; packId: string; version: string } | null;

/** Where the store reads base versions and the time. */
export interface StoreContext {
  /** The registry (services.packs); by default one over the same database. */
  packs?: PackRegistry;
  now?: () => Date;
}

const registries = new WeakMap<Db, PackRegistry>();
const packsOf = (db: Db, ctx: StoreContext) => {
  if (ctx.packs) return ctx.packs;
  let r = registries.get(db);
  if (!r) {
    r = createPackRegistry(db);
    registries.set(db, r);
  }
  return r;
};
const nowOf = (ctx: StoreContext) => (ctx.now ?? (() => new Date()))().toISOString();

/** One item to save: its kind, code and whole value (as the resolved pack would hold it). */
export interface ItemEdit {
  kind: ItemKind;
  code: string;
  value: Record<string, unknown>;
}

/** What a save wrote for one item. */
export interface SavedItem {
  kind: ItemKind;
  code: string;
  /** The file written, or removed (an override that became empty). */
  file: string;
  /** The override written for a base item (null when none is left), or null for an item of this pack. */
  patch: Record<string, unknown> | null;
  removed: boolean;
}

/** Creates a working copy from its files. */
export async function createWorkspace(
  db: Db,
  input: { packId: string; name: string; base: WorkspaceBase; files: Record<string, string>; actor: string },
  ctx: StoreContext = {},
): Promise<{ id: string; revision: number }> {
  const id = randomUUID();
  const at = nowOf(ctx);
  await db.transaction(async (tx) => {
    await tx.insert(studioWorkspaces).values({
      id,
      packId: input.packId,
      name: input.name,
      base: input.base,
      files: input.files,
      revision: 1,
      createdBy: input.actor,
      createdAt: at,
      updatedBy: input.actor,
      updatedAt: at,
    });
    await appendEvent(
      tx,
      { actor: input.actor, action: 'studio.create', target: id, after: { packId: input.packId, base: input.base } },
      at,
    );
  });
  return { id, revision: 1 };
}

/** The working copy's row, or 404. */
export async function workspaceRow(db: Db, id: string): Promise<StudioWorkspaceRow> {
  const [row] = await db.select().from(studioWorkspaces).where(eq(studioWorkspaces.id, id));
  if (!row)
    throw new AppError('not-found', { id }, { zh: `工作副本 ${id} 不存在`, en: `working copy ${id} does not exist` });
  return row;
}

const resolvedCache = new Map<string, ResolvedWorkspace>();
/** Per working copy, its files parsed by text, so a new revision parses only the files it changed. */
const parsedCache = new Map<string, Map<string, ParsedFile>>();

/** The working copy resolved over its base, cached per revision. */
export async function resolvedWorkspace(
  db: Db,
  row: StudioWorkspaceRow,
  ctx: StoreContext = {},
): Promise<ResolvedWorkspace & { base: ResolvedPack | null }> {
  const base = row.base ? await packsOf(db, ctx).byHash(row.base.hash) : null;
  const key = `${row.id}@${row.revision}`;
  let resolved = resolvedCache.get(key);
  if (!resolved) {
    let parsed = parsedCache.get(row.id);
    if (!parsed) {
      if (parsedCache.size >= 32) parsedCache.delete(parsedCache.keys().next().value as string);
      parsed = new Map();
      parsedCache.set(row.id, parsed);
    }
    resolved = resolveWorkspace(row.files, base, parsed);
    for (const k of resolvedCache.keys()) if (k.startsWith(`${row.id}@`)) resolvedCache.delete(k);
    if (resolvedCache.size >= 32) resolvedCache.delete(resolvedCache.keys().next().value as string);
    resolvedCache.set(key, resolved);
  }
  return { ...resolved, base };
}

/** The canonical text of an edited item file: `code` first, YAML (JSON for a `.json` file). */
export function itemText(file: string, code: string, data: Record<string, unknown>): string {
  const { code: _code, ...rest } = data;
  const ordered = { code, ...rest };
  return file.endsWith('.json') ? `${JSON.stringify(ordered, null, 2)}\n` : stringify(ordered, { lineWidth: 0 });
}

/** Why a value does not fit its kind: field pointer and reason (zh/en) per violation. */
export function valueProblems(kind: ItemKind, code: string, value: unknown) {
  const validate = validatorFor(kind);
  const problems = validate(value)
    ? []
    : schemaViolations(validate.errors ?? [], value).map((v) => ({
        kind,
        code,
        path: v.pointer,
        pointer: v.pointer,
        keyword: v.keyword,
        message: v.message,
      }));
  const own = (value as { code?: unknown } | null)?.code;
  if (own !== undefined && own !== code)
    problems.push({
      kind,
      code,
      path: '/code',
      pointer: '/code',
      keyword: 'code',
      message: { zh: `编码应为 ${code}，不能在此修改`, en: `the code must stay ${code}` },
    });
  return problems;
}

/**
 * Saves items atomically: every value is checked against its kind's schema first (422, nothing
 * saved), then each becomes its file (a minimal override of a base item, or the whole item of
 * this pack), and the copy's revision rises by one with one `studio.save` audit event.
 */
export async function saveItems(
  db: Db,
  workspaceId: string,
  input: { revision: number; actor: string; items: ItemEdit[] },
  ctx: StoreContext = {},
): Promise<{ revision: number; saved: SavedItem[] }> {
  const row = await current(db, workspaceId, input.revision);
  const problems = input.items.flatMap((i) => valueProblems(i.kind, i.code, i.value));
  if (problems.length > 0)
    throw new AppError('validation', { problems }, problems.length === 1 ? problems[0]?.message : undefined);
  const resolved = await resolvedWorkspace(db, row, ctx);
  const { files, saved } = filesWithItems(resolved, row.files, input.items);
  const revision = await write(
    db,
    row,
    files,
    input.actor,
    'studio.save',
    {
      items: input.items.map(({ kind, code }) => ({ kind, code })),
    },
    ctx,
  );
  return { revision, saved };
}

/**
 * The copy's files with items edited: each becomes its file (a minimal override of a base item —
 * deleted when nothing is left —, or the whole item of this pack). Writes nothing: `saveItems`
 * stores the result, the studio's bench and live validation resolve it unsaved (`draftWorkspace`).
 * An edit that cannot be written as an override (an element's key missing or repeated) is 422.
 */
export function filesWithItems(
  resolved: ResolvedWorkspace & { base: ResolvedPack | null },
  current: Readonly<Record<string, string>>,
  items: readonly ItemEdit[],
): { files: Record<string, string>; saved: SavedItem[] } {
  const keyed = metamodelVersion(resolved.source.manifest) === '2';
  const files = { ...current };
  const saved: SavedItem[] = [];
  for (const { kind, code, value } of items) {
    const inBase = resolved.base?.items[kind].get(code) as Record<string, unknown> | undefined;
    const edited = { ...value, code };
    if (inBase === undefined) {
      const file = itemFile(resolved.source, kind, code, false);
      files[file] = itemText(file, code, edited);
      saved.push({ kind, code, file, patch: null, removed: false });
      continue;
    }
    const patch = minimalOverride(kind, inBase, edited, { keyed });
    const back = mergeOverride(inBase, patch, { kind, keyed });
    if (back.problems.length > 0 || !deepEqual(back.value, edited))
      throw new AppError(
        'validation',
        {
          problems: back.problems.map((p) => ({ kind, code, path: p.pointer, pointer: p.pointer, message: p.message })),
        },
        {
          zh: `${kindInfo(kind).label} ${code} 的修改不能写成覆盖（数组元素的键缺失或重复）`,
          en: `the edit of ${kind} ${code} cannot be written as an override (an element's key is missing or repeated)`,
        },
      );
    const file = itemFile(resolved.source, kind, code, true);
    const empty = Object.keys(patch).length === 0;
    if (empty) delete files[file];
    else files[file] = itemText(file, code, patch);
    saved.push({ kind, code, file, patch: empty ? null : patch, removed: empty });
  }
  return { files, saved };
}

/**
 * The working copy resolved with items edited but not saved (the studio's rule bench and
 * validation as you type): the files a save would write, read and layered over the base. The
 * copy's parsed texts are reused (only the edited file is parsed) and nothing is stored or cached.
 * Values are not checked against their schema here: reading the files reports what a schema
 * refuses as issues of the item's file, as for a saved copy.
 */
export async function draftWorkspace(
  db: Db,
  row: StudioWorkspaceRow,
  items: readonly ItemEdit[],
  ctx: StoreContext = {},
): Promise<ResolvedWorkspace & { base: ResolvedPack | null }> {
  const resolved = await resolvedWorkspace(db, row, ctx);
  const { files } = filesWithItems(resolved, row.files, items);
  const parsed = new Map(parsedCache.get(row.id) ?? []);
  return { ...resolveWorkspace(files, resolved.base, parsed), base: resolved.base };
}

/** Reverts a base item to the base: its override file is removed. */
export async function revertItem(
  db: Db,
  workspaceId: string,
  input: { revision: number; actor: string; kind: ItemKind; code: string },
  ctx: StoreContext = {},
): Promise<{ revision: number; file: string }> {
  const row = await current(db, workspaceId, input.revision);
  const resolved = await resolvedWorkspace(db, row, ctx);
  const found = resolved.source.items.find((i) => i.kind === input.kind && i.code === input.code && i.override);
  if (!found)
    throw new AppError(
      'not-found',
      { kind: input.kind, code: input.code },
      {
        zh: `${input.kind} ${input.code} 没有本包的覆盖`,
        en: `${input.kind} ${input.code} has no override in this pack`,
      },
    );
  const files = { ...row.files };
  delete files[found.file];
  const revision = await write(
    db,
    row,
    files,
    input.actor,
    'studio.revert',
    { kind: input.kind, code: input.code },
    ctx,
  );
  return { revision, file: found.file };
}

/** Removes an item this pack added (a base item is removed with `remove` in the manifest instead). */
export async function removeAddedItem(
  db: Db,
  workspaceId: string,
  input: { revision: number; actor: string; kind: ItemKind; code: string },
  ctx: StoreContext = {},
): Promise<{ revision: number; file: string }> {
  const row = await current(db, workspaceId, input.revision);
  const resolved = await resolvedWorkspace(db, row, ctx);
  if (resolved.base?.items[input.kind].has(input.code))
    throw new AppError(
      'validation',
      { kind: input.kind, code: input.code, reason: 'base-item' },
      {
        zh: `${input.kind} ${input.code} 来自基础包，不能删除文件；请在清单的 remove 中移除它`,
        en: `${input.kind} ${input.code} comes from the base: remove it with remove in the manifest instead`,
      },
    );
  const found = resolved.source.items.find((i) => i.kind === input.kind && i.code === input.code && !i.override);
  if (!found)
    throw new AppError(
      'not-found',
      { kind: input.kind, code: input.code },
      { zh: `本包没有 ${input.kind} ${input.code}`, en: `this pack has no ${input.kind} ${input.code}` },
    );
  const files = { ...row.files };
  delete files[found.file];
  const revision = await write(
    db,
    row,
    files,
    input.actor,
    'studio.remove',
    { kind: input.kind, code: input.code },
    ctx,
  );
  return { revision, file: found.file };
}

/**
 * Replaces files (text, or null to delete) and records why, as one save. With `base`, the copy is
 * rebased onto that installed version in the same transaction (the manifest's `extends` range changed).
 */
export async function writeFiles(
  db: Db,
  workspaceId: string,
  input: {
    revision: number;
    actor: string;
    files: Record<string, string | null>;
    action: string;
    detail: unknown;
    base?: WorkspaceBase;
  },
  ctx: StoreContext = {},
): Promise<{ revision: number }> {
  const row = await current(db, workspaceId, input.revision);
  const files = { ...row.files };
  for (const [path, text] of Object.entries(input.files)) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  const extra = input.base === undefined ? {} : { base: input.base };
  return { revision: await write(db, row, files, input.actor, input.action, input.detail, ctx, extra) };
}

/** Records a version published from the copy: its files as published, the hash, one `studio.publish` event. */
export async function recordPublish(
  db: Db,
  row: StudioWorkspaceRow,
  input: { actor: string; files: Record<string, string>; hash: string; version: string; note: string },
  ctx: StoreContext = {},
): Promise<number> {
  const { actor, files, hash, version, note } = input;
  return write(db, row, files, actor, 'studio.publish', { version, note, hash }, ctx, { publishedHash: hash });
}

/** The row if its revision is still the one given, else 409 with the current revision. */
async function current(db: Db, id: string, revision: number): Promise<StudioWorkspaceRow> {
  const row = await workspaceRow(db, id);
  if (row.revision !== revision) throw stale(row.revision);
  return row;
}

function stale(revision: number): AppError {
  return new AppError(
    'conflict',
    { revision },
    {
      zh: `工作副本已被他人修改（当前修订号 ${revision}），请刷新后重试`,
      en: `someone else changed this working copy (now at revision ${revision}); reload and try again`,
    },
  );
}

async function write(
  db: Db,
  row: StudioWorkspaceRow,
  files: Record<string, string>,
  actor: string,
  action: string,
  detail: unknown,
  ctx: StoreContext,
  extra: { publishedHash?: string; base?: WorkspaceBase } = {},
): Promise<number> {
  const revision = row.revision + 1;
  const at = nowOf(ctx);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(studioWorkspaces)
      .set({ files, revision, updatedBy: actor, updatedAt: at, ...extra })
      .where(and(eq(studioWorkspaces.id, row.id), eq(studioWorkspaces.revision, row.revision)))
      .returning({ id: studioWorkspaces.id });
    if (updated.length === 0) {
      const [now] = await tx
        .select({ revision: studioWorkspaces.revision })
        .from(studioWorkspaces)
        .where(eq(studioWorkspaces.id, row.id));
      throw stale(now?.revision ?? row.revision);
    }
    await appendEvent(
      tx,
      { actor, action, target: row.id, before: { revision: row.revision }, after: { revision, ...(detail as object) } },
      at,
    );
  });
  return revision;
}
