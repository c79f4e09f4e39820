import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dayInputText, parseDayInput } from '../../../src-main/shared/format';

export interface DateInputProps {
  id?: string;
  /** A `YYYY-MM-DD` day, '' for none, or what `onChange` gave for an entry that is not a day. */
  value: string;
  /**
   * Gets the `YYYY-MM-DD` day typed, '' when the box is empty, or else the typed text marked
   * with a leading '!': never a valid day, so the form's date check says "Enter a valid date".
   */
  onChange: (value: string) => void;
  /** The earliest and latest days allowed (`YYYY-MM-DD`); a day outside them counts as invalid. */
  min?: string;
  max?: string;
  disabled?: boolean;
  className?: string;
  'aria-invalid'?: true;
  /** The field's own hint or error; the format hint is added to it. */
  'aria-describedby'?: string;
  'data-autofocus'?: true;
}

/**
 * A date field in the app's language rather than the browser's: a native date input shows
 * mm/dd/yyyy in Chromium whatever the app says. It shows dd/mm/yyyy (English is formatted as
 * en-GB), reads what people actually type (see parseDayInput) and hands the form ISO days.
 * No calendar popup: typing a day is the quick way, and the text box works with any keyboard.
 */
export function DateInput({
  value,
  onChange,
  min,
  max,
  className = 'input',
  'aria-describedby': describedBy,
  ...input
}: DateInputProps): ReactElement {
  const { t } = useTranslation();
  const hintId = useId();
  const valueOf = (text: string): string => {
    if (text.trim() === '') return '';
    const day = parseDayInput(text);
    return day !== null && (!min || day >= min) && (!max || day <= max) ? day : `!${text.trim()}`;
  };
  const [text, setText] = useState(() => shown(value));
  // A value set from outside (a reset, a preset, a reopened draft) replaces the text; the value
  // this box gave itself keeps what the person typed, as they typed it.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== valueOf(text)) setText(shown(value));
  }

  return (
    <>
      <input
        {...input}
        className={`${className} input-date`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('common.dateFormat')}
        aria-describedby={describedBy ? `${describedBy} ${hintId}` : hintId}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange(valueOf(event.target.value));
        }}
        // Once the person moves on, a day they wrote loosely ("1-3-26") is shown the one way.
        onBlur={() => {
          const day = valueOf(text);
          if (day !== '' && isWholeDay(day)) setText(dayInputText(day));
        }}
      />
      <span id={hintId} className="visually-hidden">
        {t('common.dateFormatHint')}
      </span>
    </>
  );
}

/** True for what DateInput gives for a day or an empty box, false for an entry that is not a day. */
export function isWholeDay(value: string): boolean {
  return !value.startsWith('!');
}

/** What the box shows for a value: a day as dd/mm/yyyy, an invalid entry as it was typed. */
function shown(value: string): string {
  return value.startsWith('!') ? value.slice(1) : dayInputText(value);
}
