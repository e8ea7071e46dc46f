/**
 * Root causes. One mistake often shows up as many issues: a legal basis removed by a region
 * breaks every base item citing it, a file that could not be read leaves every reference to
 * its item unresolved. Each such follow-on issue gets the `cause` it comes from, so reports
 * list the cause once with its follow-ons under it and count causes, not symptoms; and where
 * the cause lies in another layer (a removal, an override), the issue's own message says so.
 */
import { type IssueCause, type Message, messageFor, type PackIssue, pointerOf } from './issues.ts';
import { type ItemKind, kindInfo, kindOfFolder, MANIFEST_FILE, OVERRIDES_FOLDER } from './kinds.ts';
import type { ResolvedPack } from './pack/resolved.ts';
import { type PackSource, sourceId } from './pack/source.ts';

/** Issues that refuse a whole file: whatever refers to its item follows from them. */
const REFUSED = /^file\.(?!code-mismatch|unknown-folder)/;
/** Issues that say a referenced item is not there. */
const MISSING_TARGET = new Set(['ref.unresolved', 'ref.removed', 'layer.override-missing']);

/** The issues, each follow-on with its cause (and, for a cause in another layer, a message that names it). */
export function attributeCauses(
  issues: readonly PackIssue[],
  chain: readonly PackSource[],
  pack: ResolvedPack,
): PackIssue[] {
  const refused = new Map<string, PackIssue>();
  for (const i of issues) {
    const item = REFUSED.test(i.code) ? itemOfFile(i.file) : undefined;
    if (item) refused.set(key(item.kind, item.code), i);
  }
  const removals = new Map<string, { by: string; pointer: string; line?: number }>();
  for (const source of chain) {
    const remove = (source.manifest?.remove ?? []) as { kind?: unknown; code?: unknown }[];
    remove.forEach((r, index) => {
      const pointer = pointerOf('remove', index);
      const line = source.lines.get(MANIFEST_FILE)?.(pointer);
      removals.set(key(String(r.kind), String(r.code)), { by: sourceId(source), pointer, ...(line ? { line } : {}) });
    });
  }
  const missing = new Map<string, number>();
  for (const i of issues) if (i.code === 'ref.unresolved') count(missing, targetKey(i));
  const top = chain.length > 0 ? sourceId(chain[chain.length - 1] as PackSource) : pack.manifest?.id;

  const causeOf = (i: PackIssue): { cause: IssueCause; because?: Message } | undefined => {
    const target = MISSING_TARGET.has(i.code) ? targetKey(i) : undefined;
    const file = target ? refused.get(target) : undefined;
    if (target && file) {
      const { kind, code } = i.params as { kind: ItemKind; code: string };
      const because = messageFor('cause.refused', { kind, code, by: file.pack, file: file.file });
      return { cause: asCause(file), because };
    }
    const removal = target ? removals.get(target) : undefined;
    if (removal && i.code !== 'layer.override-missing') {
      const params = { by: removal.by, kind: i.params.kind, code: i.params.code, line: removal.line ?? '?' };
      const message = messageFor('cause.removed', params);
      const at = { pack: removal.by, file: MANIFEST_FILE, pointer: removal.pointer };
      return { cause: { code: 'cause.removed', ...at, ...lineOf(removal.line), message, params }, because: message };
    }
    const overrider = overriderOf(i, pack, chain);
    if (overrider) return { cause: overrider, because: overrider.message };
    const times = target && i.code === 'ref.unresolved' ? (missing.get(target) ?? 0) : 0;
    if (times < 2) return undefined;
    const { kind, code } = i.params as { kind: ItemKind; code: string };
    const where = `${kindInfo(kind).folder}/${code}.yaml`;
    const params = { kind, code, count: times, file: where };
    const message = messageFor('cause.missing', params);
    return { cause: { code: 'cause.missing', pack: top ?? '', file: where, pointer: '', message, params } };
  };

  return issues.map((i) => {
    const found = causeOf(i);
    if (!found) return i;
    const { cause, because } = found;
    const message = because
      ? {
          zh: `${i.message.zh}——因为${/^\w/.test(because.zh) ? ' ' : ''}${because.zh}`,
          en: `${i.message.en} — because ${because.en}`,
        }
      : i.message;
    return { ...i, message, cause };
  });
}

/** For an issue in a base file of an item a later layer overrode: that override. */
function overriderOf(i: PackIssue, pack: ResolvedPack, chain: readonly PackSource[]): IssueCause | undefined {
  if (!i.code.includes('.') || /^(file|layer|pack|manifest)\./.test(i.code)) return undefined;
  const item = itemOfFile(i.file);
  if (!item || item.override) return undefined;
  const origin = pack.origins[item.kind]?.get(item.code);
  const last = origin?.pack === i.pack ? origin.overrides.filter((o) => o.pack !== i.pack).at(-1) : undefined;
  if (!last) return undefined;
  const source = chain.find((s) => sourceId(s) === last.pack);
  const file =
    source?.items.find((s) => s.override && s.kind === item.kind && s.code === item.code)?.file ??
    `${OVERRIDES_FOLDER}/${kindInfo(item.kind).folder}/${item.code}.yaml`;
  const params = { by: last.pack, kind: item.kind, file };
  return {
    code: 'cause.overridden',
    pack: last.pack,
    file,
    pointer: '',
    message: messageFor('cause.overridden', params),
    params,
  };
}

/** The kind and code a file of a pack holds, from its path (`matters/M-1.yaml`, `overrides/matters/M-1.yaml`). */
function itemOfFile(file: string): { kind: ItemKind; code: string; override: boolean } | undefined {
  const parts = file.split('/');
  const override = parts[0] === OVERRIDES_FOLDER;
  const [folder, name] = override ? parts.slice(1) : parts;
  const kind = folder ? kindOfFolder(folder) : undefined;
  if (!kind || !name || parts.length !== (override ? 3 : 2)) return undefined;
  return { kind, code: name.replace(/\.(ya?ml|json)$/, ''), override };
}

function asCause(i: PackIssue): IssueCause {
  const { code, pack, file, pointer, message, params } = i;
  return { code, pack, file, pointer, ...lineOf(i.line), message, params };
}

function targetKey(i: PackIssue): string {
  return key(String(i.params.kind), String(i.params.code));
}

function key(kind: string, code: string): string {
  return `${kind}\u0000${code}`;
}

function count(map: Map<string, number>, k: string): void {
  map.set(k, (map.get(k) ?? 0) + 1);
}

function lineOf(line: number | undefined): { line?: number } {
  return line ? { line } : {};
}
