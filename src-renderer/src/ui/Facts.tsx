import type { ReactElement } from 'react';

/** A short list of labelled values, as a description list (`.facts`). */
export function Facts({ facts, className }: { facts: readonly [string, string][]; className: string }): ReactElement {
  return (
    <dl className={`facts ${className}`}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
