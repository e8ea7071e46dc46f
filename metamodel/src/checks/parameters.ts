/** Parameters: the value has the declared type. */
import { type Finding, finding } from '../issues.ts';
import { type Check, validItems } from './context.ts';

/** Checks every parameter. */
export const checkParameters: Check = (ctx) => {
  const out: Finding[] = [];
  for (const [code, p] of validItems(ctx, 'parameter')) {
    const ok =
      p.type === 'integer'
        ? Number.isInteger(p.value)
        : p.type === 'number'
          ? typeof p.value === 'number'
          : typeof p.value === p.type;
    if (!ok) out.push(finding('parameter', code, '/value', 'param.type', { type: p.type }));
  }
  return out;
};
