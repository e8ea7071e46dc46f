/**
 * An explanation record (a discretion decision or a guard refusal) as a readable list: one
 * sentence a line, each marked as holding, not holding or undetermined, the conclusion stressed.
 */
import { Typography } from 'antd';

/** Props of Explanation. */
export interface ExplanationProps {
  lines: readonly string[];
  title?: string;
  /** Marks the lines: the default reads the wording of @yifa/rules' explanations. */
  kindOf?: (line: string) => LineKind;
}

/** How a line reads. */
export type LineKind = 'holds' | 'fails' | 'unknown' | 'conclusion' | 'warning' | 'info';

const HOLDS = /(适用：|适用（|✓|\bapplies\b|lies within|在所选阶次幅度.*内)/;
const ISSUE = /^(问题|Issue)/;
const FAILS = /(不适用|✗|does not apply)/;
const UNKNOWN = /(无法判定|undetermined)/;
const CONCLUSION = /^(结论|Outcome)/;
const WARNING = /(超出|outside)/;

/** The default reading of a line of @yifa/rules' explanations. */
export function lineKind(line: string): LineKind {
  if (CONCLUSION.test(line)) return 'conclusion';
  if (WARNING.test(line)) return 'warning';
  if (UNKNOWN.test(line) || ISSUE.test(line)) return 'unknown';
  if (FAILS.test(line)) return 'fails';
  if (HOLDS.test(line)) return 'holds';
  return 'info';
}

const MARK: Record<LineKind, [string, string]> = {
  holds: ['✓', '#389e0d'],
  fails: ['✗', '#8c8c8c'],
  unknown: ['?', '#d48806'],
  conclusion: ['▶', '#1f4e9c'],
  warning: ['!', '#cf1322'],
  info: ['•', '#1f4e9c'],
};

/** An explanation as a list. */
export function Explanation({ lines, title, kindOf = lineKind }: ExplanationProps) {
  return (
    <div className="yifa-explanation">
      {title && <Typography.Text strong>{title}</Typography.Text>}
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0' }}>
        {lines.map((line, i) => {
          const kind = kindOf(line);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are a fixed record, in order
            <li key={i} data-kind={kind} style={{ display: 'flex', gap: 8, padding: '3px 0', alignItems: 'baseline' }}>
              <span
                aria-hidden
                style={{ flex: 'none', width: 14, textAlign: 'center', fontWeight: 700, color: MARK[kind][1] }}
              >
                {MARK[kind][0]}
              </span>
              <Typography.Text
                strong={kind === 'conclusion'}
                type={kind === 'warning' ? 'danger' : kind === 'fails' ? 'secondary' : undefined}
              >
                {line}
              </Typography.Text>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
