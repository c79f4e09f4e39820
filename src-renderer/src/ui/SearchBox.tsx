import type { ReactElement, Ref } from 'react';
import { Icon } from './icons';

export interface SearchBoxProps {
  ref: Ref<HTMLInputElement>;
  label: string;
  value: string;
  onChange: (text: string) => void;
}

/** A list page's search field; `/` focuses it (see useSlashToFocus), as the key hint says. */
export function SearchBox({ ref, label, value, onChange }: SearchBoxProps): ReactElement {
  return (
    <div className="input-with-icon search-box">
      <Icon name="search" />
      <input
        ref={ref}
        className="input"
        type="search"
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <kbd aria-hidden="true">/</kbd>
    </div>
  );
}
