/**
 * The shapes of the condition builder's nodes (ConditionEditor.tsx): what a node is, a new one,
 * and a node turned into another shape.
 */

/** A condition node as the builder edits it. */
export type Cond = Record<string, unknown>;
/** What a node is. */
export type Shape = 'all' | 'any' | 'not' | 'condition' | 'fact';

/** The shape of a node (anything else is a fact test). */
export function shapeOf(c: unknown): Shape {
  if (typeof c !== 'object' || c === null) return 'fact';
  if ('all' in c) return 'all';
  if ('any' in c) return 'any';
  if ('not' in c) return 'not';
  if ('condition' in c) return 'condition';
  return 'fact';
}

/** A new node of a shape. */
export function blank(shape: Shape): Cond {
  if (shape === 'all' || shape === 'any') return { [shape]: [{ fact: '', operator: 'equal', value: '' }] };
  if (shape === 'not') return { not: { fact: '', operator: 'equal', value: '' } };
  if (shape === 'condition') return { condition: '' };
  return { fact: '', operator: 'equal', value: '' };
}

/**
 * A node given another shape, keeping what was built: all ⇄ any keep their list and labels; a
 * single test (a fact, a named condition, a not) becomes the first of a new all / any, or the
 * inside of a new not. Only a change to a fact or a named condition starts blank. Before, every
 * change started blank: turning a transition's `{ condition: needs-hearing-notice }` into an
 * `any` to add a second way lost the named condition (#14's walk).
 */
export function reshape(value: Cond, shape: Shape): Cond {
  const from = shapeOf(value);
  if (from === shape) return value;
  if ((from === 'all' || from === 'any') && (shape === 'all' || shape === 'any')) {
    const { [from]: list, ...rest } = value;
    return { ...rest, [shape]: list };
  }
  if (shape === 'all' || shape === 'any') return { [shape]: [value] };
  if (shape === 'not') return { not: value };
  return blank(shape);
}

/**
 * Whether a value (an item, a condition) holds a condition the builder has left half made: a fact
 * test without its fact, operator or value (an operator such as containsAny chosen before its
 * list is typed), or a named condition without its code — the row 添加条件 has just added. The rule bench waits for it to be filled rather than send an item its schema refuses.
 */
export function hasBlankCondition(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasBlankCondition);
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  // A fact test is the one object with an operator; the form drops the row's empty strings, so a
  // blank row reaches here as `{ operator: 'equal' }`.
  if ('operator' in o && (!o.fact || !o.operator || !('value' in o) || o.value === '')) return true;
  if ('condition' in o && o.condition === '') return true;
  return Object.values(o).some(hasBlankCondition);
}
