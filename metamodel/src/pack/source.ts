/**
 * A pack as read from disk (or built in memory): its manifest, the items it adds, the
 * partial items it overrides, and where each came from, before any layering.
 */

import type { PackIssue } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';

/** One item file of a pack. */
export interface SourceItem {
  kind: ItemKind;
  code: string;
  /** Path relative to the pack folder. */
  file: string;
  data: Record<string, unknown>;
  /** Whether the file is a partial override of a base item (under overrides/). */
  override: boolean;
}

/** Finds the 1-based line of a JSON pointer in a file, where the file was parsed from text. */
export type LineLookup = (pointer: string) => number | undefined;

/** A pack folder, read. */
export interface PackSource {
  /** Folder it was read from, if any. */
  dir?: string;
  /** The manifest as written (validated later). */
  manifest: Record<string, unknown> | undefined;
  items: SourceItem[];
  /** Problems reading files (parse errors, unknown folders). */
  issues: PackIssue[];
  /** Line lookups by file path. */
  lines: Map<string, LineLookup>;
  /** Set when the folder was over a limit and nothing of it was read (the one issue says which). */
  refused?: boolean;
}

/** The pack id a source declares, or a placeholder when the manifest is unreadable. */
export function sourceId(source: PackSource): string {
  const id = source.manifest?.id;
  return typeof id === 'string' ? id : (source.dir ?? '(unknown pack)');
}
