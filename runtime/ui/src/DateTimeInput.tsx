/**
 * A date and time as the platform stores it (ISO 8601 with the UTC offset, e.g.
 * 2026-03-01T10:30:00+08:00), picked to the minute.
 */
import { connect, mapReadPretty } from '@formily/react';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  readOnly?: boolean;
  'data-field'?: string;
}

function Picker({ value, onChange, disabled, readOnly, 'data-field': dataField }: Props) {
  return (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.second(0).format('YYYY-MM-DDTHH:mm:ssZ') : undefined)}
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
