/**
 * A calendar date as the platform stores it (ISO 8601, e.g. 2026-03-01), shown and typed as
 * YYYY-MM-DD whatever the browser's locale: a native date input would follow the locale and
 * read 03/01/2026 in an English browser. The picker's month and weekday names follow antd's
 * locale (ConfigProvider), which needs dayjs's zh-cn locale loaded.
 */
import { connect, mapReadPretty } from '@formily/react';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { CSSProperties } from 'react';

/** How dates are shown and typed. */
export const DATE_FORMAT = 'YYYY-MM-DD';

/** Props of DateInput (what antd's Form.Item and formily pass, and optional bounds). */
export interface DateInputProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  readOnly?: boolean;
  /** The latest date that may be picked (YYYY-MM-DD), e.g. today for past events. */
  max?: string;
  min?: string;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-field'?: string;
}

/** A stored date as a dayjs value (invalid text reads as empty). */
function parse(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const d = dayjs(value.slice(0, 10), DATE_FORMAT);
  return d.isValid() ? d : null;
}

/**
 * A date field: antd's DatePicker holding an ISO date string.
 *
 * @example
 * <Form.Item name="violationDate"><DateInput max="2026-11-27" /></Form.Item>
 */
export function DateInput(props: DateInputProps) {
  const { value, onChange, disabled, readOnly, max, min, placeholder, style, id } = props;
  const outside = (d: Dayjs) => (!!max && d.format(DATE_FORMAT) > max) || (!!min && d.format(DATE_FORMAT) < min);
  const commit = (d: Dayjs | null) => onChange?.(d ? d.format(DATE_FORMAT) : undefined);
  return (
    <DatePicker
      id={id}
      format={DATE_FORMAT}
      value={parse(value)}
      onChange={commit}
      // A whole date typed in counts at once, not when the field loses focus: a form submitted
      // with the click that moves the focus away would otherwise be checked without it.
      onCalendarChange={(d) => {
        const day = Array.isArray(d) ? d[0] : d;
        if (day && !outside(day) && day.format(DATE_FORMAT) !== value) commit(day);
      }}
      disabled={disabled || readOnly}
      disabledDate={max || min ? outside : undefined}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      data-field={props['data-field']}
    />
  );
}

/** A date as read-only text. */
export function DateText({ value }: { value?: string | null }) {
  return <span>{parse(value)?.format(DATE_FORMAT) ?? '—'}</span>;
}

/** The date field of a document form. */
export const DateField = connect(DateInput, mapReadPretty(DateText));
