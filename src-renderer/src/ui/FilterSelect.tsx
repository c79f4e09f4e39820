import type { ReactElement } from 'react';
import { Select, type SelectProps } from './Field';

export interface FilterSelectProps<V extends string> extends SelectProps<V> {
  label: string;
}

/** A list filter: a select under its visible label; an "any" choice is an option whose value is ''. */
export function FilterSelect<V extends string>({ label, ...select }: FilterSelectProps<V>): ReactElement {
  return (
    <label className="filter">
      <span>{label}</span>
      <Select {...select} />
    </label>
  );
}
