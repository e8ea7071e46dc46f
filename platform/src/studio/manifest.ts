/**
 * A working copy's manifest saved from the studio (#14): checked against the manifest's JSON
 * Schema, the pack id kept, and its base — `extends` — held to what the platform can build on.
 * The base pack's id stays (a copy is built on that pack; another base is another copy), but its
 * version range may change: the copy is then rebased onto the highest installed version of the
 * base in the new range (as opening an installed pack picks its base), refused when none is
 * installed. A manifest that pins its base (`extends.pinned`) is re-pinned to the version rebased
 * onto, as `yifa pack rebase` writes it. What no longer applies on the new base (an override of an
 * item it lacks, a removal of one) is not refused here: it is the copy's validation issues.
 */
import { schemaViolations, validatorFor } from '@yifa/metamodel';
import { maxSatisfying, satisfies, validRange } from 'semver';
import type { PackVersionInfo } from '../packs/registry.ts';
import type { WorkspaceBase } from './workspaces.ts';

/** One refused field: its pointer, the check and why (zh/en). */
export interface ManifestProblem {
  path: string;
  pointer: string;
  code: string;
  message: { zh: string; en: string };
}

/** What saving the manifest will do: the problems (nothing saved when any), or the base to use. */
export type ManifestPlan =
  | { ok: false; problems: ManifestProblem[]; reason?: 'base-not-installed' }
  | { ok: true; manifest: Record<string, unknown>; rebase: { from: WorkspaceBase; to: WorkspaceBase } | null };

const problem = (pointer: string, code: string, zh: string, en: string): ManifestProblem => ({
  path: pointer,
  pointer,
  code,
  message: { zh, en },
});

interface Extends {
  id?: unknown;
  version?: unknown;
  pinned?: unknown;
}

/**
 * Plans a manifest save: `packId` and `base` are the copy's, `previous` its manifest now,
 * `versions` the registry's installed versions.
 */
export function planManifest(input: {
  manifest: Record<string, unknown>;
  packId: string;
  base: WorkspaceBase;
  previous: Record<string, unknown> | undefined;
  versions: readonly Pick<PackVersionInfo, 'hash' | 'packId' | 'version'>[];
}): ManifestPlan {
  const { manifest, packId, base, versions } = input;
  const validate = validatorFor('manifest');
  const problems: ManifestProblem[] = validate(manifest)
    ? []
    : schemaViolations(validate.errors ?? [], manifest).map((v) => ({
        path: v.pointer,
        pointer: v.pointer,
        code: v.keyword,
        message: v.message,
      }));
  if (manifest.id !== packId)
    problems.push(problem('/id', 'id', `配置包编号应为 ${packId}，不能修改`, `the pack id must stay ${packId}`));
  const ext = manifest.extends as Extends | undefined;
  if (!base) {
    if (ext !== undefined)
      problems.push(
        problem(
          '/extends',
          'extends',
          '此配置包没有基础包，不能在此添加 extends；请在已安装的版本上新建配置包',
          'this pack has no base and cannot gain one here: start a new pack on an installed version',
        ),
      );
  } else if (ext === undefined || typeof ext !== 'object') {
    problems.push(
      problem(
        '/extends',
        'extends',
        `基础包 ${base.packId} 不能删除（extends 是必填项）`,
        `the base ${base.packId} cannot be taken away (extends is required)`,
      ),
    );
  } else {
    if (ext.id !== base.packId)
      problems.push(
        problem(
          '/extends/id',
          'extends-id',
          `基础包应为 ${base.packId}，不能改为 ${String(ext.id)}；换基础包请新建配置包`,
          `the base must stay ${base.packId}, not ${String(ext.id)}: start a new pack for another base`,
        ),
      );
    if (typeof ext.version === 'string' && validRange(ext.version) === null)
      problems.push(
        problem(
          '/extends/version',
          'range',
          `“${ext.version}”不是版本范围（例如 ^1.2.0、~1.2.0、>=1.2.0 <2.0.0）`,
          `"${ext.version}" is not a version range (e.g. ^1.2.0, ~1.2.0, >=1.2.0 <2.0.0)`,
        ),
      );
  }
  if (problems.length > 0 || !base || !ext) return { ok: false, problems };

  const range = ext.version as string;
  const before = (input.previous?.extends as Extends | undefined)?.version;
  // The same range keeps the base it was built on (a newer import does not move a copy silently).
  if (range === before && satisfies(base.version, range)) return { ok: true, manifest, rebase: null };
  const ofId = versions.filter((v) => v.packId === base.packId);
  const best = maxSatisfying(
    ofId.map((v) => v.version),
    range,
  );
  const found = ofId.find((v) => v.version === best);
  if (!found) {
    const known = ofId.map((v) => v.version).sort();
    return {
      ok: false,
      reason: 'base-not-installed',
      problems: [
        problem(
          '/extends/version',
          'base-not-installed',
          `没有已安装的 ${base.packId} 版本满足 ${range}（已安装：${known.join('、') || '无'}）；请先由系统管理员导入满足该范围的版本`,
          `no installed version of ${base.packId} satisfies ${range} (installed: ${known.join(', ') || 'none'}): the system administrator imports one first`,
        ),
      ],
    };
  }
  const to = { hash: found.hash, packId: found.packId, version: found.version };
  if (to.hash === base.hash) return { ok: true, manifest, rebase: null };
  const pinned = ext.pinned === undefined ? {} : { pinned: { version: to.version, hash: to.hash } };
  return {
    ok: true,
    manifest: { ...manifest, extends: { ...ext, ...pinned } },
    rebase: { from: base, to },
  };
}
