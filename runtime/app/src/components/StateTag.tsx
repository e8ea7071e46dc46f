/** The state of a case, coloured by what it means (review, decision, closed …). */
import { Tag } from 'antd';
import { useT } from '../i18n.tsx';
import type { StateView } from '../types.ts';

const KIND: Record<string, string> = {
  'legal-review': 'purple',
  hearing: 'cyan',
  'collective-discussion': 'geekblue',
  decision: 'orange',
};

/** The tag of a state. */
export function StateTag({ state }: { state: StateView }) {
  const { named } = useT();
  const color = state.terminal ? 'default' : (KIND[state.kind ?? ''] ?? 'processing');
  return (
    // Long state names (答复举证（简易程序，五日）) wrap inside a narrow column instead of running over the next one.
    <Tag color={color} data-state={state.code} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
      {named(state)}
    </Tag>
  );
}
