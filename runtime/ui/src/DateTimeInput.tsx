/**
 * A date and time as the platform stores it (ISO 8601 with the UTC offset, e.g.
 * 2026-03-01T10:30:00+08:00), picked to the minute. On a phone the date and the time have a
 * picker each: antd's one panel with both (calendar and time columns) is wider than a 390 px
 * screen and would open past its edges.
 */
import { connect, mapReadPretty } from '@formily/react';
import { DatePicker, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  readOnly?: boolean;
  /** A phone's screen: the date and the time in two pickers. */
  phone?: boolean;
  'data-field'?: string;
}

/** How a date-time is stored: to the minute, with the UTC offset. */
const stored = (d: Dayjs) => d.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ');

/**
 * The phone's two pickers: the value is stored once both the day and the time are chosen (a
 * day alone is kept here, never stored with a time nobody chose).
 */
function PhonePicker({ value, onChange, disabled, readOnly, 'data-field': dataField }: Props) {
  const [day, setDay] = useState<Dayjs | null>(value ? dayjs(value) : null);
  const [time, setTime] = useState<Dayjs | null>(value ? dayjs(value) : null);
  useEffect(() => {
    setDay(value ? dayjs(value) : null);
    setTime(value ? dayjs(value) : null);
  }, [value]);
  const commit = (d: Dayjs | null, t: Dayjs | null) => {
    if (d && t) {
      const at = stored(d.hour(t.hour()).minute(t.minute()));
      if (at !== value) onChange?.(at);
    } else if (!d && !t && value) onChange?.(undefined);
  };
  const off = disabled || readOnly;
  return (
    <Space.Compact block>
      <DatePicker
        format="YYYY-MM-DD"
        value={day}
        onChange={(d) => {
          setDay(d);
          commit(d, time);
        }}
        // Typed in full, the day counts at once (as on the desk's picker), without Enter.
        onCalendarChange={(d) => {
          const at = Array.isArray(d) ? d[0] : d;
          if (at?.isValid()) {
            setDay(at);
            commit(at, time);
          }
        }}
        disabled={off}
        style={{ width: '58%' }}
        data-field={dataField}
      />
      <TimePicker
        format="HH:mm"
        value={time}
        needConfirm={false}
        onChange={(t) => {
          setTime(t);
          commit(day, t);
        }}
        onCalendarChange={(t) => {
          const at = Array.isArray(t) ? t[0] : t;
          if (at?.isValid()) {
            setTime(at);
            commit(day, at);
          }
        }}
        disabled={off}
        style={{ width: '42%' }}
        data-field-time={dataField}
      />
    </Space.Compact>
  );
}

function Picker(props: Props) {
  const { value, onChange, disabled, readOnly, phone, 'data-field': dataField } = props;
  if (phone) return <PhonePicker {...props} />;
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
