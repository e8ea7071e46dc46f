/**
 * The pack registry: imported bundles by content hash, one active. A case pins the hash
 * it was opened under, so resolved packs are kept by hash (parsed once, then cached).
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
import { cases, organisations, packVersions, sectorSupervision } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** A pack version in the registry. */
export interface PackVersionInfo {
  hash: string;
  packId: string;
  version: string;
  name: string;
  importedAt: string;
  active: boolean;
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
  active(): Promise<{ hash: string; pack: ResolvedPack }>;
  byHash(hash: string): Promise<ResolvedPack>;
  list(): Promise<PackVersionInfo[]>;
  /** Validates a bundle and reports what it would change; with apply, stores it atomically. */
  importBundle(text: string, options: { apply: boolean; actor: string }): Promise<ImportReport>;
  activate(hash: string, actor: string): Promise<void>;
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

    async list() {
      const rows = await db.select().from(packVersions);
      return rows.map(({ bundle: _bundle, importedBy: _by, ...info }) => info);
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

    async activate(hash, actor) {
      const pack = await registry.byHash(hash);
      await db.transaction(async (tx) => {
        await tx.update(packVersions).set({ active: false }).where(eq(packVersions.active, true));
        await tx.update(packVersions).set({ active: true }).where(eq(packVersions.hash, hash));
        await tx.delete(organisations);
        await tx.delete(sectorSupervision);
        const rows = organisationRows(pack);
        for (let i = 0; i < rows.length; i += 200) await tx.insert(organisations).values(rows.slice(i, i + 200));
        const supervised = supervisionRows(pack, rows);
        for (let i = 0; i < supervised.length; i += 200)
          await tx.insert(sectorSupervision).values(supervised.slice(i, i + 200));
        await appendEvent(
          tx,
          {
            actor,
            action: 'pack.activate',
            target: hash,
            before: activeHash ?? null,
            after: { packId: pack.manifest.id, version: pack.manifest.version },
          },
          now().toISOString(),
        );
      });
      activeHash = hash;
    },
  };
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
