import type { ReactElement } from 'react';
import { Options, type Option } from './Field';

export interface FilterSelectProps<V extends string> {
  label: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly Option<V>[];
}

/** A list filter: a select under its visible label; an "any" choice is an option whose value is ''. */
export function FilterSelect<V extends string>({
  label,
  value,
  onChange,
  options,
}: FilterSelectProps<V>): ReactElement {
  return (
    <label className="filter">
      <span>{label}</span>
      {/* Only the options' own values can be picked. */}
      <select className="select" value={value} onChange={(e) => onChange(e.target.value as V)}>
        <Options options={options} />
      </select>
    </label>
  );
}
