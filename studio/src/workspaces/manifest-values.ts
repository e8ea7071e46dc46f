/**
 * The manifest as 配置包信息 edits it (#14): the form's values written into the manifest, leaving
 * every field the form does not show (remove, locale, metamodel, extends.pinned …) as it was.
 */

/** The values of the manifest form. */
export interface ManifestValues {
  name: string;
  nameEn?: string;
  regionCode: string;
  regionName: string;
  regionLevel: string;
  description?: string;
  notes?: string;
  /** The base's version range (extends.version); absent for a pack without a base. */
  range?: string;
  englishNames?: boolean;
}

/** The manifest with the form's values: an emptied optional field leaves the manifest. */
export function withValues(manifest: Record<string, unknown>, v: ManifestValues): Record<string, unknown> {
  const next: Record<string, unknown> = {
    ...manifest,
    name: v.name.trim(),
    region: { code: v.regionCode.trim(), name: v.regionName.trim(), level: v.regionLevel },
  };
  for (const key of ['nameEn', 'description', 'notes'] as const) {
    const value = v[key]?.trim();
    if (value) next[key] = value;
    else delete next[key];
  }
  const ext = manifest.extends as Record<string, unknown> | undefined;
  if (ext && v.range !== undefined) next.extends = { ...ext, version: v.range.trim() };
  const { englishNames: _was, ...otherRequire } = (manifest.require ?? {}) as Record<string, unknown>;
  const require = v.englishNames ? { ...otherRequire, englishNames: true } : otherRequire;
  if (Object.keys(require).length > 0) next.require = require;
  else delete next.require;
  return next;
}
