import type { ReactElement } from 'react';
import { Icon } from './icons';

export interface SearchBoxProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
}

/** A list page's search field, filtering the list as the user types (`/` opens the app-wide search instead). */
export function SearchBox({ label, value, onChange }: SearchBoxProps): ReactElement {
  return (
    <div className="input-with-icon search-box">
      <Icon name="search" />
      <input
        className="input"
        type="search"
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
