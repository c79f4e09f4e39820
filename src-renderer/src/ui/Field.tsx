import { useId, type ReactElement, type ReactNode } from 'react';
import { DateInput } from './DateInput';

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  optional?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ label, error, hint, optional, className, children }: FieldProps): ReactElement {
  const id = useId();
  const notes = notesFor(id, hint, error);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional && <span className="field-optional">{optional}</span>}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': notes.describedBy })}
      {notes.element}
    </div>
  );
}

/** A field's hint, or its error in the hint's place, and the id a control is described by. */
function notesFor(id: string, hint?: string, error?: string): { describedBy: string | undefined; element: ReactNode } {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return {
    describedBy: error ? errorId : hint ? hintId : undefined,
    element: (
      <>
        {hint && !error && (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
      </>
    ),
  };
}

/** A labelled control whose value is text, with its error and hint wired as in Field. */
export interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  /** Takes the focus when the dialog opens. */
  autoFocus?: boolean;
  disabled?: boolean;
}

/** One line of text. */
export function TextField({
  value,
  onChange,
  autoFocus,
  disabled,
  placeholder,
  ...field
}: TextFieldProps & { placeholder?: string }): ReactElement {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="text"
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          data-autofocus={autoFocus || undefined}
        />
      )}
    </Field>
  );
}

/**
 * A business date: shown and typed as dd/mm/yyyy in both languages, kept as `YYYY-MM-DD` (see
 * DateInput for what it gives for an entry that is not a day); `max` is the latest day allowed.
 */
export function DateField({
  value,
  onChange,
  autoFocus,
  disabled,
  max,
  ...field
}: TextFieldProps & { max?: string }): ReactElement {
  return (
    <Field {...field}>
      {(control) => (
        <DateInput
          {...control}
          value={value}
          onChange={onChange}
          max={max}
          disabled={disabled}
          data-autofocus={autoFocus || undefined}
        />
      )}
    </Field>
  );
}

/**
 * A number or an amount as the user's language writes it ("1.234,50"): text, which the form
 * reads itself. `unit` is said after the box (`%`, `€`); an empty one keeps the box's place.
 */
export function NumberField({
  value,
  onChange,
  autoFocus,
  disabled,
  unit,
  ...field
}: TextFieldProps & { unit?: string }): ReactElement {
  return (
    <Field {...field}>
      {(control) => {
        const input = (
          <input
            {...control}
            className="input input-amount"
            type="text"
            inputMode="decimal"
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            data-autofocus={autoFocus || undefined}
          />
        );
        return unit === undefined ? (
          input
        ) : (
          <span className="input-with-unit">
            {input}
            {unit && <span className="input-unit">{unit}</span>}
          </span>
        );
      }}
    </Field>
  );
}

export function TextAreaField({
  value,
  onChange,
  placeholder,
  autoFocus,
  rows = 4,
  ...field
}: TextFieldProps & { rows?: number; placeholder?: string }): ReactElement {
  return (
    <Field {...field}>
      {(control) => (
        <textarea
          {...control}
          className="input textarea"
          rows={rows}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          data-autofocus={autoFocus || undefined}
        />
      )}
    </Field>
  );
}

export interface Option<V> {
  value: V;
  label: ReactNode;
}

/** A select's options, each its value and words. */
export function Options<V extends string>({ options }: { options: readonly Option<V>[] }): ReactElement {
  return (
    <>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}

export interface SelectProps<V extends string> {
  value: V;
  onChange: (value: V) => void;
  options: readonly Option<V>[];
  disabled?: boolean;
}

/**
 * A bare select over its options, typed by their values; `className` adds to "select" (its
 * size), the rest (id, aria-*) goes to the element.
 */
export function Select<V extends string>({
  value,
  onChange,
  options,
  className,
  ...control
}: SelectProps<V> & Partial<ControlProps> & { className?: string; 'aria-label'?: string }): ReactElement {
  return (
    <select
      {...control}
      className={`select${className ? ` ${className}` : ''}`}
      value={value}
      // Only the options' own values can be picked.
      onChange={(e) => onChange(e.target.value as V)}
    >
      <Options options={options} />
    </select>
  );
}

/** A select over a fixed list; a "none" choice is simply an option whose value is ''. */
export function SelectField<V extends string>({
  value,
  onChange,
  options,
  disabled,
  ...field
}: Omit<FieldProps, 'children'> & SelectProps<V>): ReactElement {
  const select = { value, onChange, options, disabled };
  return <Field {...field}>{(control) => <Select {...control} {...select} />}</Field>;
}

/**
 * One choice among a few, as native radios (arrow keys move between them, the legend names
 * the group) drawn as a segmented control. A null option stands for "none" and has no value.
 */
export function SegmentedField<V extends string | number | null>({
  legend,
  value,
  onChange,
  options,
  optional,
  hint,
  error,
  className,
  disabled,
}: {
  legend: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly Option<V>[];
  optional?: string;
  hint?: string;
  error?: string;
  /** Extra class for the row of segments (its layout). */
  className?: string;
  disabled?: boolean;
}): ReactElement {
  const id = useId();
  const notes = notesFor(id, hint, error);
  return (
    <fieldset className={`field fieldset${error ? ' field-invalid' : ''}`} aria-describedby={notes.describedBy}>
      <legend className="field-label">
        {legend}
        {optional && <span className="field-optional">{optional}</span>}
      </legend>
      <Segmented className={className} value={value} onChange={onChange} options={options} disabled={disabled} />
      {notes.element}
    </fieldset>
  );
}

/**
 * Native radios drawn as a segmented control: one choice among a few, arrow keys moving between
 * them. Named by `label` or `labelledBy` it is a radio group of its own; inside a fieldset the
 * legend names it. A null option stands for "none" and has no value.
 */
export function Segmented<V extends string | number | null>({
  label,
  labelledBy,
  className,
  value,
  onChange,
  options,
  disabled,
}: {
  label?: string;
  labelledBy?: string;
  /** Extra class for the row of segments (its layout). */
  className?: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly Option<V>[];
  disabled?: boolean;
}): ReactElement {
  const name = useId();
  const named = label !== undefined || labelledBy !== undefined;
  return (
    <div
      className={`segmented${className ? ` ${className}` : ''}`}
      role={named ? 'radiogroup' : undefined}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      {options.map((option) => (
        <label key={String(option.value)} className="segment">
          <input
            type="radio"
            name={name}
            value={option.value ?? undefined}
            checked={value === option.value}
            disabled={disabled}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
