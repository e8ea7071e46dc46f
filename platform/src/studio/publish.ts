/**
 * Publishing a working copy (#14): the version must be valid semver and above every version of
 * the pack already in the registry; the copy, with that version in its manifest, must validate
 * without errors and pass every golden test — else 422 `publish-refused` listing both, and
 * nothing is stored. Then its bundle is imported into the registry (the registry's own atomic
 * import, whose report — added, changed, removed, open cases affected — is returned for the
 * system administrator, who activates it) and the copy records the version published.
 * Also the manifest texts the studio writes: a new pack's `pack.yaml`, a removal.
 */
import { bundlePack, type ResolvedPack } from '@yifa/metamodel';
import { runPackTests } from '@yifa/rules';
import { gt, valid } from 'semver';
import { parseDocument, stringify } from 'yaml';
import type { Services } from '../context.ts';
import type { StudioWorkspaceRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { ImportReport } from '../packs/registry.ts';
import { resolveWorkspace, workspaceIssues } from './workspace-resolve.ts';
import { issueView } from './workspace-views.ts';
import { recordPublish } from './workspaces.ts';

/** The `pack.yaml` of a new pack on an installed version (metamodel 2, version 0.1.0). */
export function newPackManifest(
  input: { packId: string; name: string; nameEn?: string; region?: { code: string; name: string; level: string } },
  base: ResolvedPack,
): string {
  const region = input.region ?? base.manifest.region;
  return stringify(
    {
      id: input.packId,
      name: input.name,
      ...(input.nameEn ? { nameEn: input.nameEn } : {}),
      version: '0.1.0',
      region,
      extends: { id: base.manifest.id, version: `^${base.manifest.version}` },
      locale: base.manifest.locale ?? 'zh-CN',
      metamodel: '2',
    },
    { lineWidth: 0 },
  );
}

/** The manifest text with one more `remove` entry (the rest of the file as written). */
export function addRemoval(text: string, entry: { kind: string; code: string; reason: string }): string {
  const doc = parseDocument(text);
  const list = doc.get('remove');
  if (list && typeof list === 'object' && 'add' in list) (list as { add(v: unknown): void }).add(doc.createNode(entry));
  else doc.set('remove', doc.createNode([entry]));
  return doc.toString({ lineWidth: 0 });
}

/** The manifest text with its version set, only that line changed. */
export function withVersion(text: string, version: string): string {
  if (/^version:.*$/m.test(text)) return text.replace(/^version:.*$/m, `version: ${version}`);
  return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}version: ${version}\n`;
}

/** Publishes the working copy as `version`: refused (422) unless it validates and its tests pass. */
export async function publishWorkspace(
  services: Services,
  row: StudioWorkspaceRow,
  input: { version: string; note: string; revision?: number; actor: string },
): Promise<ImportReport & { revision: number }> {
  const { packs, db, now } = services;
  if (input.revision !== undefined && input.revision !== row.revision)
    throw new AppError(
      'conflict',
      { revision: row.revision },
      {
        zh: `工作副本已被他人修改（当前修订号 ${row.revision}），请刷新后重试`,
        en: `someone else changed this working copy (now at revision ${row.revision}); reload and try again`,
      },
    );
  if (!valid(input.version) || valid(input.version) !== input.version)
    throw new AppError(
      'validation',
      { problems: [{ path: '/version', code: 'semver', message: semverMessage(input.version) }] },
      semverMessage(input.version),
    );
  const published = (await packs.list()).filter((v) => v.packId === row.packId && valid(v.version));
  const higher = published.filter((v) => !gt(input.version, v.version)).map((v) => v.version);
  if (higher.length > 0) {
    const last = published.map((v) => v.version).sort((a, b) => (gt(a, b) ? -1 : 1))[0];
    const message = {
      zh: `版本号须高于已发布的 ${last}`,
      en: `the version must be above ${last}, already published`,
    };
    throw new AppError(
      'validation',
      { problems: [{ path: '/version', code: 'version-not-greater', message }], last },
      message,
    );
  }
  const files = { ...row.files, 'pack.yaml': withVersion(row.files['pack.yaml'] ?? '', input.version) };
  const base = row.base ? await packs.byHash(row.base.hash) : null;
  const resolved = resolveWorkspace(files, base);
  const errors = workspaceIssues(resolved).filter((i) => i.severity === 'error');
  const tests = runPackTests(resolved.pack);
  const failed = tests.cases.filter((t) => !t.passed);
  if (errors.length > 0 || failed.length > 0 || tests.cases.length === 0)
    throw new AppError(
      'publish-refused',
      {
        errors: errors.slice(0, 200).map(issueView),
        errorCount: errors.length,
        failedTests: failed.map((t) => ({
          suite: t.suite,
          name: t.name,
          failures: t.failures,
          explanation: t.explanation,
        })),
        tests: { passed: tests.passed, failed: tests.failed },
      },
      refusal(errors.length, failed.length, tests.cases.length),
    );
  const report = await packs.importBundle(bundlePack(resolved.pack).text, { apply: true, actor: input.actor });
  const revision = await recordPublish(
    db,
    row,
    { actor: input.actor, files, hash: report.hash, version: input.version, note: input.note },
    { packs, now },
  );
  return { ...report, revision };
}

function semverMessage(version: string) {
  return {
    zh: `版本号“${version}”不是语义化版本（如 1.2.0）`,
    en: `"${version}" is not a semantic version (such as 1.2.0)`,
  };
}

function refusal(errors: number, failed: number, cases: number) {
  if (cases === 0)
    return {
      zh: '配置包没有任何黄金测试，不能发布',
      en: 'the pack has no golden tests and cannot be published',
    };
  return {
    zh: `不能发布：${errors} 个校验错误，${failed} 个黄金测试未通过`,
    en: `cannot publish: ${errors} validation error(s), ${failed} failed golden test(s)`,
  };
}
