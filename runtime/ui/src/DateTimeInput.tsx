/**
 * A date and time as the platform stores it (ISO 8601 with the UTC offset, e.g.
 * 2026-03-01T10:30:00+08:00), picked to the minute.
 */
import { connect, mapReadPretty } from '@formily/react';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  readOnly?: boolean;
  'data-field'?: string;
}

/** How a date-time is stored: to the minute, with the UTC offset. */
const stored = (d: Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');

function Picker({ value, onChange, disabled, readOnly, 'data-field': dataField }: Props) {
  return (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? stored(d) : undefined)}
      // A whole date and time typed or picked counts at once, without Enter or 确定: a form saved
      // with the click that moves the focus away would otherwise be saved without it.
      onCalendarChange={(d) => {
        const at = Array.isArray(d) ? d[0] : d;
        if (at?.isValid() && stored(at) !== value) onChange?.(stored(at));
      }}
      disabled={disabled || readOnly}
      style={{ width: '100%' }}
      data-field={dataField}
    />
  );
}

function Text({ value }: Props) {
  return <span>{value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—'}</span>;
}

/** The date-time field of a document form. */
export const DateTimeInput = connect(Picker, mapReadPretty(Text));
