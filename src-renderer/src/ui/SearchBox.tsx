import { useRef, type ReactElement } from 'react';
import { useSlashToFocus } from '../shell/shortcuts';
import { Icon } from './icons';

export interface SearchBoxProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
}

/** A list page's search field; `/` focuses it (see useSlashToFocus), as the key hint says. */
export function SearchBox({ label, value, onChange }: SearchBoxProps): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  useSlashToFocus(input);
  return (
    <div className="input-with-icon search-box">
      <Icon name="search" />
      <input
        ref={input}
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
