import type { ReactElement } from 'react';

export function Spinner({ label }: { label?: string }): ReactElement {
  return (
    <span
      className="spinner"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
