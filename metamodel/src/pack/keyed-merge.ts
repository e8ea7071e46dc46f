/**
 * Merge of a keyed array (KEYED_ARRAYS) in a metamodel-2 override. Each element of the
 * override names a base element by its key: a match merges into it field by field, an
 * unknown key adds an element (at the end), `$remove: true` drops the base element, and
 * `$after` / `$before` place an added or matched element next to another one. Mistakes are
 * reported, never guessed at: a key that matches nothing, a key named twice, a position
 * target that is not there.
 */
import { type IssueKey, type Message, messageFor, pointerOf } from '../issues.ts';
import type { ItemKind } from '../kinds.ts';
import { schemaViolations } from '../schema-issues.ts';
import { validatorFor } from '../schemas.ts';
import { elementId, idLabel, referenceId } from './keyed-arrays.ts';
import { isPlainObject, type OverlayPath, type PathSegment } from './overlay-path.ts';

/** A problem with the override itself, at a JSON pointer into the override's data. */
export interface MergeProblem {
  code: IssueKey | `schema.${string}`;
  pointer: string;
  message: Message;
  params: Record<string, unknown>;
}

/** Where the merge is: the path in the schema (`*` for elements), in the result, in the patch. */
export interface MergeAt {
  schema: readonly string[];
  out: readonly PathSegment[];
  patch: readonly (string | number)[];
  /** False inside something the override added whole: its own path is recorded, not its parts. */
  record: boolean;
}

/** What a merge collects as it goes. */
export interface MergeState {
  kind: ItemKind | undefined;
  keyed: boolean;
  paths: OverlayPath[];
  removed: OverlayPath[];
  problems: MergeProblem[];
}

type MergeValue = (base: unknown, patch: unknown, at: MergeAt, state: MergeState) => unknown;

/** The base array with the override's elements merged, added, moved and removed by key. */
export function mergeKeyedArray(
  base: readonly unknown[],
  patch: readonly unknown[],
  fields: readonly string[],
  at: MergeAt,
  state: MergeState,
  mergeValue: MergeValue,
): unknown[] {
  const result = [...base];
  const indexOf = (id: string) => result.findIndex((e) => elementId(e, fields) === id);
  const seen = new Set<string>();
  for (const [i, raw] of patch.entries()) {
    const where = [...at.patch, i];
    const problem = (code: IssueKey, params: Record<string, unknown>, pointer = pointerOf(...where)) => {
      state.problems.push({ code, pointer, message: messageFor(code, params), params });
    };
    const id = elementId(raw, fields);
    if (!isPlainObject(raw) || id === undefined) {
      problem('layer.element-key-missing', { key: fields.join(', ') });
      continue;
    }
    if (!directivesValid(raw, where, state)) continue;
    const key = idLabel(id, fields);
    if (seen.has(id) || result.filter((e) => elementId(e, fields) === id).length > 1) {
      problem('layer.element-duplicate', { key });
      continue;
    }
    seen.add(id);
    const { $remove, $after, $before, ...rest } = raw;
    const index = indexOf(id);
    const out = [...at.out, { id, fields }];
    if ($remove === true) {
      const extra = Object.keys(rest).filter((k) => !fields.includes(k));
      if (index < 0) problem('layer.element-missing', { key });
      else if (extra.length > 0) problem('layer.element-remove-extra', { key, fields: extra.join(', ') });
      else {
        result.splice(index, 1);
        if (at.record) state.removed.push(out);
      }
      continue;
    }
    const here: MergeAt = { schema: [...at.schema, '*'], out, patch: where, record: at.record };
    let value: unknown;
    if (index >= 0) {
      // The key fields identify the element; merging them again would record them as set.
      const body = Object.fromEntries(Object.entries(rest).filter(([k]) => !fields.includes(k)));
      value = mergeValue(result[index], body, here, state);
    } else {
      if (at.record) state.paths.push(out);
      value = mergeValue(undefined, rest, { ...here, record: false }, state);
    }
    const ref = $after ?? $before;
    if (ref === undefined) {
      if (index >= 0) result[index] = value;
      else result.push(value);
      continue;
    }
    if (index >= 0) result.splice(index, 1);
    const refId = referenceId(ref, fields);
    const target = refId === undefined ? -1 : indexOf(refId);
    if (target < 0) {
      problem(
        'layer.element-position-missing',
        { key: typeof ref === 'string' ? ref : JSON.stringify(ref) },
        pointerOf(...where, $after !== undefined ? '$after' : '$before'),
      );
      result.splice(index >= 0 ? index : result.length, 0, value);
    } else result.splice($after !== undefined ? target + 1 : target, 0, value);
  }
  return result;
}

// Only elements that carry a directive are checked: the item's schema checks the rest once merged.
function directivesValid(element: Record<string, unknown>, where: (string | number)[], state: MergeState): boolean {
  if (!Object.keys(element).some((k) => k.startsWith('$'))) return true;
  const validate = validatorFor('overlay');
  if (validate(element)) return true;
  for (const v of schemaViolations(validate.errors ?? [], element)) {
    state.problems.push({
      code: `schema.${v.keyword}`,
      pointer: pointerOf(...where) + v.pointer,
      message: v.message,
      params: v.params,
    });
  }
  return false;
}
