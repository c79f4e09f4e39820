import type { ReactElement } from 'react';
import type { Option } from './Field';

/**
 * Several choices at once, as native checkboxes drawn as chips; the caller names the group
 * (a fieldset's legend, or a labelled group around it).
 */
export function ChipChecks<V extends string | number>({
  options,
  selected,
  onChange,
  disabled,
  errorId,
}: {
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  disabled?: boolean;
  /** The id of an error about the whole group: every box is then invalid and described by it. */
  errorId?: string;
}): ReactElement {
  return (
    <div className="chips">
      {options.map((option) => (
        <label key={option.value} className="chip-check">
          <input
            type="checkbox"
            checked={selected.includes(option.value)}
            disabled={disabled}
            aria-invalid={errorId ? true : undefined}
            aria-describedby={errorId}
            onChange={() =>
              onChange(
                selected.includes(option.value)
                  ? selected.filter((v) => v !== option.value)
                  : [...selected, option.value],
              )
            }
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
