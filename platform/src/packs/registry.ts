/**
 * The pack registry: imported bundles by content hash; one active for the whole copy, and others
 * active for an organisation's subtree (a province's copy serving its cities, each city with its
 * own pack built on the province's). A user takes the pack of the nearest organisation above them
 * that has one, else the copy's. A case pins the hash it was opened under, so resolved packs are
 * kept by hash (parsed once, then cached).
 */
import {
  bundlePack,
  ITEM_KINDS,
  type ItemKind,
  type ResolvedPack,
  readBundle,
  validateResolvedPack,
} from '@yifa/metamodel';
import { and, eq, sql } from 'drizzle-orm';
import { appendEvent } from '../audit/chain.ts';
import type { Db } from '../db/client.ts';
import { cases, organisations, packActivations, packVersions, sectorSupervision } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** A pack version in the registry. */
export interface PackVersionInfo {
  hash: string;
  packId: string;
  version: string;
  name: string;
  importedAt: string;
  active: boolean;
  /** The organisations whose subtrees this version is active for. */
  activeFor: string[];
}

/** A version active for an organisation's subtree. */
export interface SubtreeActivation {
  org: string;
  hash: string;
  packId: string;
  version: string;
  activatedAt: string;
  activatedBy: string;
}

/** What activating a version would change, read before activating it. */
export interface ActivationReport {
  hash: string;
  packId: string;
  version: string;
  org: string | null;
  against: { hash: string; packId: string; version: string } | null;
  changes: ItemChange[];
  summary: Record<'added' | 'changed' | 'removed', number>;
  casesAffected: ImportReport['casesAffected'];
  /** Organisations this version may be active for: in both it and the copy's pack, when it is built on the copy's. */
  roots: { code: string; name: string }[];
  /** Why it cannot be activated for `org`, if it cannot (zh / en). */
  refused?: { zh: string; en: string };
}

/** The pack a user works under, and the organisation whose activation gave it (null: the copy's). */
export interface PackInForce {
  hash: string;
  pack: ResolvedPack;
  org: string | null;
}

/** One item that differs between two pack versions. */
export interface ItemChange {
  kind: ItemKind;
  code: string;
  change: 'added' | 'changed' | 'removed';
}

/** What importing a bundle would do (the dry run), or did. */
export interface ImportReport {
  hash: string;
  packId: string;
  version: string;
  alreadyImported: boolean;
  against: { hash: string; version: string } | null;
  changes: ItemChange[];
  summary: Record<'added' | 'changed' | 'removed', number>;
  /** Open cases whose matter, workflow, documents or benchmark changed; they keep the version they were opened under. */
  casesAffected: { id: string; number: string; matter: string }[];
}

/** The registry over a database. */
export interface PackRegistry {
  /** The version active for the whole copy. */
  active(): Promise<{ hash: string; pack: ResolvedPack }>;
  /**
   * The pack for an organisation path (codes from the root, joined by '/'): the version active
   * for the nearest organisation on it that has one, else the copy's.
   */
  activeFor(orgPath: string | undefined): Promise<PackInForce>;
  /** The subtree activations, shallowest first. */
  activations(): Promise<SubtreeActivation[]>;
  byHash(hash: string): Promise<ResolvedPack>;
  list(): Promise<PackVersionInfo[]>;
  /** Validates a bundle and reports what it would change; with apply, stores it atomically. */
  importBundle(text: string, options: { apply: boolean; actor: string }): Promise<ImportReport>;
  /** Activates a version for the copy, or with `org` for that organisation's subtree. */
  activate(hash: string, actor: string, options?: { org?: string }): Promise<void>;
  /**
   * The dry run of activating an imported version — for the copy, or for `org`'s subtree: the
   * items added, changed and removed against the version now in force there, the open cases they
   * touch, and the organisations it may be activated for (in both this pack and the copy's).
   */
  report(hash: string, org?: string): Promise<ActivationReport>;
  /** Ends a subtree's own version: its organisations go back to the copy's pack. */
  deactivate(org: string, actor: string): Promise<void>;
}

/** Creates the registry; `now` stamps imports and the audit events (the demo sets it back). */
export function createPackRegistry(db: Db, now: () => Date = () => new Date()): PackRegistry {
  const cache = new Map<string, ResolvedPack>();
  let activeHash: string | undefined;
  // Every signed-in request asks which version is active: prepared once, and only hash and flag.
  const head = { hash: packVersions.hash, active: packVersions.active };
  const stillActive = db
    .select(head)
    .from(packVersions)
    .where(eq(packVersions.hash, sql.placeholder('hash')))
    .prepare();
  const findActive = db.select(head).from(packVersions).where(eq(packVersions.active, true)).prepare();
  // A few rows (one per city with its own pack): read on every request, so a change made by another
  // process is seen at once.
  const allActivations = db
    .select({ org: packActivations.orgCode, hash: packActivations.hash })
    .from(packActivations)
    .prepare();

  const parse = (hash: string, bundle: string): ResolvedPack => {
    const cached = cache.get(hash);
    if (cached) return cached;
    const read = readBundle(bundle);
    if (!read.ok) throw new AppError('pack-invalid', { reason: read.error }, read.error.message);
    cache.set(hash, read.pack);
    return read.pack;
  };

  const registry: PackRegistry = {
    async active() {
      // Read the bundle (hundreds of KB) only when it is not parsed yet.
      const row = await (activeHash ? stillActive.get({ hash: activeHash }) : findActive.get());
      if (!row?.active) {
        activeHash = undefined;
        throw new AppError('not-found', undefined, { zh: '尚未启用配置包', en: 'no pack is active' });
      }
      activeHash = row.hash;
      return { hash: row.hash, pack: await registry.byHash(row.hash) };
    },

    async byHash(hash) {
      const cached = cache.get(hash);
      if (cached) return cached;
      const [row] = await db.select().from(packVersions).where(eq(packVersions.hash, hash));
      if (!row)
        throw new AppError(
          'not-found',
          { hash },
          { zh: `配置包版本 ${hash} 不存在`, en: `pack version ${hash} does not exist` },
        );
      return parse(row.hash, row.bundle);
    },

    async activeFor(orgPath) {
      const subtrees = await allActivations.all();
      if (orgPath && subtrees.length > 0) {
        const byOrg = new Map(subtrees.map((a) => [a.org, a.hash]));
        const path = orgPath.split('/');
        for (let i = path.length - 1; i >= 0; i--) {
          const org = path[i] as string;
          const hash = byOrg.get(org);
          if (hash) return { hash, pack: await registry.byHash(hash), org };
        }
      }
      return { ...(await registry.active()), org: null };
    },

    async activations() {
      const rows = await db
        .select({
          org: packActivations.orgCode,
          hash: packActivations.hash,
          packId: packVersions.packId,
          version: packVersions.version,
          activatedAt: packActivations.activatedAt,
          activatedBy: packActivations.activatedBy,
          path: organisations.path,
        })
        .from(packActivations)
        .innerJoin(packVersions, eq(packVersions.hash, packActivations.hash))
        .leftJoin(organisations, eq(organisations.code, packActivations.orgCode));
      return rows
        .sort((a, b) => depth(a.path) - depth(b.path) || a.org.localeCompare(b.org))
        .map(({ path: _path, ...a }) => a);
    },

    async list() {
      const rows = await db.select().from(packVersions);
      const subtrees = await allActivations.all();
      return rows.map(({ bundle: _bundle, importedBy: _by, ...info }) => ({
        ...info,
        activeFor: subtrees.filter((a) => a.hash === info.hash).map((a) => a.org),
      }));
    },

    async importBundle(text, { apply, actor }) {
      const read = readBundle(text);
      if (!read.ok) throw new AppError('pack-invalid', { issues: [read.error] }, read.error.message);
      const issues = validateResolvedPack(read.pack).filter((i) => i.severity === 'error');
      if (issues.length > 0) throw new AppError('pack-invalid', { issues: issues.slice(0, 200), count: issues.length });
      const pack = read.pack;
      const [existing] = await db
        .select({ hash: packVersions.hash })
        .from(packVersions)
        .where(eq(packVersions.hash, read.hash));
      const [sameVersion] = await db
        .select({ hash: packVersions.hash })
        .from(packVersions)
        .where(and(eq(packVersions.packId, pack.manifest.id), eq(packVersions.version, pack.manifest.version)));
      if (sameVersion && sameVersion.hash !== read.hash) {
        const { id, version } = pack.manifest;
        throw new AppError(
          'conflict',
          { packId: id, version, existing: sameVersion.hash, incoming: read.hash },
          {
            zh: `配置包 ${id} 的 ${version} 版本已导入且内容不同；发布的版本不可更改，请提高版本号后再导入`,
            en: `${id} ${version} is already imported with other content; a published version never changes, so raise the version`,
          },
        );
      }
      let current: { hash: string; pack: ResolvedPack } | undefined;
      try {
        current = await registry.active();
      } catch {
        current = undefined;
      }
      const changes = current ? diffPacks(current.pack, pack) : allAdded(pack);
      const report: ImportReport = {
        hash: read.hash,
        packId: pack.manifest.id,
        version: pack.manifest.version,
        alreadyImported: existing !== undefined,
        against: current ? { hash: current.hash, version: current.pack.manifest.version } : null,
        changes,
        summary: {
          added: count(changes, 'added'),
          changed: count(changes, 'changed'),
          removed: count(changes, 'removed'),
        },
        casesAffected: current ? await affectedCases(db, current.pack, changes) : [],
      };
      if (apply && !existing) {
        await db.transaction(async (tx) => {
          await tx.insert(packVersions).values({
            hash: read.hash,
            packId: pack.manifest.id,
            version: pack.manifest.version,
            name: pack.manifest.name,
            bundle: bundlePack(pack).text,
            importedAt: now().toISOString(),
            importedBy: actor,
          });
          await appendEvent(
            tx,
            {
              actor,
              action: 'pack.import',
              target: read.hash,
              after: { packId: report.packId, version: report.version, summary: report.summary },
            },
            now().toISOString(),
          );
        });
        cache.set(read.hash, pack);
      }
      return report;
    },

    async activate(hash, actor, options = {}) {
      const pack = await registry.byHash(hash);
      const at = now().toISOString();
      if (options.org !== undefined) {
        const org = options.org;
        const copy = await registry.active();
        requireSubtreePack(copy.pack, pack, org);
        await db.transaction(async (tx) => {
          await tx
            .insert(packActivations)
            .values({ orgCode: org, hash, activatedAt: at, activatedBy: actor })
            .onConflictDoUpdate({
              target: packActivations.orgCode,
              set: { hash, activatedAt: at, activatedBy: actor },
            });
          await writeOrganisations(tx, copy.pack, await subtreePacks(tx));
          await appendEvent(
            tx,
            {
              actor,
              action: 'pack.activate',
              target: hash,
              after: { packId: pack.manifest.id, version: pack.manifest.version, org },
            },
            at,
          );
        });
        return;
      }
      await db.transaction(async (tx) => {
        await tx.update(packVersions).set({ active: false }).where(eq(packVersions.active, true));
        await tx.update(packVersions).set({ active: true }).where(eq(packVersions.hash, hash));
        // The cities keep their own packs: their subtrees are laid over the copy's organisations again.
        await writeOrganisations(tx, pack, await subtreePacks(tx));
        await appendEvent(
          tx,
          {
            actor,
            action: 'pack.activate',
            target: hash,
            before: activeHash ?? null,
            after: { packId: pack.manifest.id, version: pack.manifest.version },
          },
          at,
        );
      });
      activeHash = hash;
    },

    async report(hash, org) {
      const pack = await registry.byHash(hash);
      let copy: { hash: string; pack: ResolvedPack } | undefined;
      try {
        copy = await registry.active();
      } catch {
        copy = undefined;
      }
      let current: { hash: string; pack: ResolvedPack } | undefined = copy;
      let refused: ActivationReport['refused'];
      if (org !== undefined && copy) {
        try {
          requireSubtreePack(copy.pack, pack, org);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          refused = e.messages;
        }
        const [row] = await db
          .select({ path: organisations.path })
          .from(organisations)
          .where(eq(organisations.code, org));
        current = await registry.activeFor(row?.path ?? org);
      }
      const changes = current ? diffPacks(current.pack, pack) : allAdded(pack);
      const builtOnCopy =
        copy && pack.layers.some((l) => l.id === copy.pack.manifest.id) && pack.manifest.id !== copy.pack.manifest.id;
      return {
        hash,
        packId: pack.manifest.id,
        version: pack.manifest.version,
        org: org ?? null,
        against: current
          ? { hash: current.hash, packId: current.pack.manifest.id, version: current.pack.manifest.version }
          : null,
        changes,
        summary: {
          added: count(changes, 'added'),
          changed: count(changes, 'changed'),
          removed: count(changes, 'removed'),
        },
        casesAffected: current ? await affectedCases(db, current.pack, changes) : [],
        roots: builtOnCopy
          ? [...pack.items.organisation.values()]
              .filter((o) => copy?.pack.items.organisation.has(o.code))
              .map((o) => ({ code: o.code, name: o.name }))
          : [],
        ...(refused ? { refused } : {}),
      };
    },

    async deactivate(org, actor) {
      const copy = await registry.active();
      await db.transaction(async (tx) => {
        const [gone] = await tx.delete(packActivations).where(eq(packActivations.orgCode, org)).returning();
        if (!gone)
          throw new AppError(
            'not-found',
            { org },
            { zh: `机构 ${org} 没有单独启用的配置包`, en: `no pack of its own is active for ${org}` },
          );
        await writeOrganisations(tx, copy.pack, await subtreePacks(tx));
        await appendEvent(
          tx,
          { actor, action: 'pack.deactivate', target: gone.hash, before: { org, hash: gone.hash } },
          now().toISOString(),
        );
      });
    },
  };

  /** The subtree activations with their packs, shallowest first (a deeper one is laid over a shallower). */
  async function subtreePacks(tx: Pick<Db, 'select'>) {
    const rows = await tx.select({ org: packActivations.orgCode, hash: packActivations.hash }).from(packActivations);
    const out: { org: string; pack: ResolvedPack }[] = [];
    for (const r of rows) out.push({ org: r.org, pack: await registry.byHash(r.hash) });
    const depthIn = (x: { org: string; pack: ResolvedPack }) =>
      depth(organisationRows(x.pack).find((o) => o.code === x.org)?.path ?? x.org);
    return out.sort((a, b) => depthIn(a) - depthIn(b));
  }
  return registry;
}

function count(changes: ItemChange[], kind: ItemChange['change']): number {
  return changes.filter((c) => c.change === kind).length;
}

function allAdded(pack: ResolvedPack): ItemChange[] {
  return ITEM_KINDS.flatMap(({ kind }) =>
    [...pack.items[kind].keys()].map((code) => ({ kind, code, change: 'added' as const })),
  );
}

/** Items added, changed or removed from one pack version to the next. */
export function diffPacks(from: ResolvedPack, to: ResolvedPack): ItemChange[] {
  const out: ItemChange[] = [];
  for (const { kind } of ITEM_KINDS) {
    const a = from.items[kind] as ReadonlyMap<string, unknown>;
    const b = to.items[kind] as ReadonlyMap<string, unknown>;
    for (const [code, item] of b) {
      if (!a.has(code)) out.push({ kind, code, change: 'added' });
      else if (JSON.stringify(a.get(code)) !== JSON.stringify(item)) out.push({ kind, code, change: 'changed' });
    }
    for (const code of a.keys()) if (!b.has(code)) out.push({ kind, code, change: 'removed' });
  }
  return out;
}

async function affectedCases(
  db: Db,
  current: ResolvedPack,
  changes: ItemChange[],
): Promise<ImportReport['casesAffected']> {
  const touched = new Set(changes.filter((c) => c.change !== 'added').map((c) => `${c.kind}/${c.code}`));
  if (touched.size === 0) return [];
  const open = await db
    .select({
      id: cases.id,
      number: cases.number,
      matter: cases.matterCode,
      workflow: cases.workflowCode,
      closedAt: cases.closedAt,
    })
    .from(cases);
  return open
    .filter((c) => c.closedAt === null)
    .filter((c) => {
      const m = current.items.matter.get(c.matter);
      const uses = [
        `matter/${c.matter}`,
        `workflow/${c.workflow}`,
        ...(m?.documents ?? []).map((d) => `document/${d}`),
        ...(m?.discretion ? [`discretion/${m.discretion}`] : []),
      ];
      return uses.some((u) => touched.has(u));
    })
    .map(({ id, number, matter }) => ({ id, number, matter }));
}

/** 行业业务监督 pairs of the pack's organisations (`sectorSupervisors`), with the supervised subject's path. */
function supervisionRows(pack: ResolvedPack, rows: { code: string; path: string }[]) {
  const paths = new Map(rows.map((r) => [r.code, r.path]));
  return [...pack.items.organisation.values()].flatMap((o) =>
    (o.sectorSupervisors ?? []).map((supervisor) => ({
      supervisor,
      subject: o.code,
      subjectPath: paths.get(o.code) ?? o.code,
    })),
  );
}

function organisationRows(pack: ResolvedPack) {
  const orgs = pack.items.organisation;
  const pathOf = (code: string, seen = new Set<string>()): string => {
    const parent = orgs.get(code)?.parent;
    if (!parent || seen.has(code)) return code;
    seen.add(code);
    return `${pathOf(parent, seen)}/${code}`;
  };
  return [...orgs.values()].map((o) => ({
    code: o.code,
    name: o.name,
    shortName: o.shortName ?? null,
    type: o.type,
    parent: o.parent ?? null,
    numberingPrefix: o.numberingPrefix ?? null,
    enforcementSubject: o.enforcementSubject,
    path: pathOf(o.code),
  }));
}

const depth = (path: string | null | undefined) => (path ? path.split('/').length : 0);

/** Whether an organisation path lies in the subtree of `org`. */
const inSubtree = (path: string, org: string) => path.split('/').includes(org);

/**
 * The organisations table as the copy's pack gives it, each subtree replaced by its own pack's
 * organisations under that root (a city's pack may add bureaus the province's does not have),
 * and the 行业业务监督 pairs of each organisation from the pack it came from.
 */
async function writeOrganisations(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  copy: ResolvedPack,
  subtrees: { org: string; pack: ResolvedPack }[],
) {
  let rows = organisationRows(copy).map((row) => ({ row, pack: copy }));
  for (const { org, pack } of subtrees) {
    // The subtree hangs where the copy puts its root: a city's pack may make the city its own root
    // (石家庄's pack drops the province), but in a province's copy its paths start at the province,
    // so the province's scopes reach the city's organisations.
    const root = rows.find((r) => r.row.code === org)?.row;
    if (!root) continue;
    const above = root.path.split('/').slice(0, -1);
    rows = rows.filter((r) => !inSubtree(r.row.path, org));
    for (const row of organisationRows(pack)) {
      const path = row.path.split('/');
      const at = path.indexOf(org);
      if (at < 0) continue;
      rows.push({
        row: {
          ...row,
          path: [...above, ...path.slice(at)].join('/'),
          ...(row.code === org ? { parent: root.parent } : {}),
        },
        pack,
      });
    }
  }
  await tx.delete(organisations);
  await tx.delete(sectorSupervision);
  const plain = rows.map((r) => r.row);
  for (let i = 0; i < plain.length; i += 200) await tx.insert(organisations).values(plain.slice(i, i + 200));
  const from = new Map(rows.map((r) => [r.row.code, r.pack]));
  const supervised = [copy, ...subtrees.map((s) => s.pack)].flatMap((pack) =>
    supervisionRows(pack, plain).filter((p) => from.get(p.subject) === pack),
  );
  for (let i = 0; i < supervised.length; i += 200)
    await tx.insert(sectorSupervision).values(supervised.slice(i, i + 200));
}

/**
 * A pack may be active for a subtree only when it is built on the copy's pack (its layers include
 * the copy's pack id) and has the subtree's root organisation, which the copy's pack has too, so
 * the subtree hangs where the province put it.
 */
export function requireSubtreePack(copy: ResolvedPack, pack: ResolvedPack, org: string) {
  const copyId = copy.manifest.id;
  if (!pack.layers.some((l) => l.id === copyId) || pack.manifest.id === copyId)
    throw new AppError(
      'validation',
      { packId: pack.manifest.id, copy: copyId, org },
      {
        zh: `配置包 ${pack.manifest.id} 不是在本系统启用的 ${copyId} 之上编制的，不能为机构 ${org} 单独启用`,
        en: `${pack.manifest.id} is not built on ${copyId}, the pack active for this copy, so it cannot be active for ${org}`,
      },
    );
  if (!copy.items.organisation.has(org) || !pack.items.organisation.has(org))
    throw new AppError(
      'validation',
      { org },
      {
        zh: `机构 ${org} 须同时在 ${copyId} 和 ${pack.manifest.id} 中`,
        en: `the organisation ${org} must be in both ${copyId} and ${pack.manifest.id}`,
      },
    );
}
