/**
 * Parses the text of one pack file (YAML 1.2; JSON is read by the same parser) into data,
 * fast and without positions: js-yaml builds plain objects straight from its events, about
 * twice as fast here as the `yaml` library's document model. Lines are looked up later, only
 * for the files an issue names (positions.ts). What a hostile file could do is bounded or
 * refused, each with its own issue code: custom tags (`!!js/function`, `!thing`), duplicate
 * keys, nesting deeper than the limit, more aliases than the limit or data that aliases make
 * bigger than its text (billion laughs), and numbers that JSON and JavaScript cannot hold
 * exactly (integers beyond 2^53, `1e400`, `.inf`, `.nan`).
 */
import {
  CORE_SCHEMA,
  defineScalarTag,
  floatCoreTag,
  intCoreTag,
  load,
  NOT_RESOLVED,
  type ScalarTagDefinition,
  type ScalarTagOptions,
} from 'js-yaml';
import type { IssueKey } from '../issues.ts';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.ts';
import { lazyLineLookup } from './positions.ts';
import type { LineLookup } from './source.ts';
import { checkTree, UnsafeNumber } from './tree-limits.ts';

/** The parsed file: its data, or the issue that refuses it and where. */
export type ParsedFile =
  | { ok: true; data: unknown; lineOf: LineLookup }
  | { ok: false; issue: IssueKey; params: Record<string, unknown>; pointer: string; line?: number };

const FLOAT_TEXT = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
const unsafe = (v: unknown): boolean =>
  typeof v === 'number' && (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)));

// The core schema's int and float, except that an out-of-range number becomes an UnsafeNumber
// instead of a rounded number, Infinity or (js-yaml's choice for 1e400) a string.
const SCHEMA = CORE_SCHEMA.withTags(
  guarded(intCoreTag, (text, explicit, tag) => {
    const v = intCoreTag.resolve(text, explicit, tag);
    return v !== NOT_RESOLVED && unsafe(v) ? new UnsafeNumber(text) : v;
  }),
  guarded(floatCoreTag, (text, explicit, tag) => {
    const v = floatCoreTag.resolve(text, explicit, tag);
    if (v === NOT_RESOLVED) return FLOAT_TEXT.test(text) ? new UnsafeNumber(text) : v;
    return unsafe(v) ? new UnsafeNumber(text) : v;
  }),
);

function guarded(tag: ScalarTagDefinition<number>, resolve: ScalarTagOptions<unknown>['resolve']) {
  const { implicit, implicitFirstChars, identify, represent } = tag;
  return defineScalarTag<unknown>(tag.tagName, { implicit, implicitFirstChars, identify, represent, resolve });
}

/** Parses the text of a pack file within the limits. */
export function parsePackFile(text: string, limits: LoadLimits = DEFAULT_LIMITS): ParsedFile {
  let data: unknown;
  try {
    data = load(text, { schema: SCHEMA, maxDepth: limits.maxDepth, maxAliases: limits.maxAliases });
  } catch (e) {
    return refusedByParser(e, text, limits);
  }
  const lineOf = lazyLineLookup(text);
  const bad = checkTree(data, { maxDepth: limits.maxDepth, maxNodes: text.length + 16 });
  if (bad) return { ok: false, ...bad, ...lineAt(lineOf, bad.pointer) };
  return { ok: true, data, lineOf };
}

function lineAt(lineOf: LineLookup, pointer: string): { line?: number } {
  const line = lineOf(pointer);
  return line ? { line } : {};
}

function refusedByParser(e: unknown, text: string, limits: LoadLimits): ParsedFile {
  const err = e as { reason?: string; message?: string; mark?: { line: number; position: number } };
  const reason = err.reason ?? String(err.message ?? e).split('\n')[0] ?? '';
  const line = err.mark ? { line: err.mark.line + 1 } : {};
  const at = { pointer: '', ...line };
  if (/input is empty/.test(reason)) return { ok: false, issue: 'file.not-an-object', params: {}, ...at };
  if (/duplicated mapping key/.test(reason))
    return { ok: false, issue: 'file.duplicate-key', params: { key: keyAt(text, err.mark?.position) }, ...at };
  const tag = /unknown \w+ tag !<([^>]*)>|explicit tag/.exec(reason);
  if (tag) return { ok: false, issue: 'file.yaml-tag', params: { tag: tagName(tag[1] ?? '?') }, ...at };
  if (/maxDepth/.test(reason)) return { ok: false, issue: 'file.too-deep', params: { max: limits.maxDepth }, ...at };
  if (/maxAliases/.test(reason))
    return { ok: false, issue: 'file.yaml-alias', params: { max: limits.maxAliases }, ...at };
  return { ok: false, issue: 'file.parse', params: { reason }, ...at };
}

function keyAt(text: string, position: number | undefined): string {
  if (position === undefined) return '?';
  const rest = text.slice(position, position + 200);
  const key = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*)/.exec(rest)?.[1] ?? '?';
  return key.trim().replace(/^["']|["']$/g, '');
}

function tagName(uri: string): string {
  return uri.startsWith('tag:yaml.org,2002:') ? `!!${uri.slice('tag:yaml.org,2002:'.length)}` : uri;
}
