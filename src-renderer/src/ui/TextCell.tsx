import type { ReactElement } from 'react';

export interface TextCellProps {
  /** The full text; null or empty shows a dash. */
  text: string | null | undefined;
  /** Extra classes, e.g. `muted`, `strong`, or `col-wide` for a bigger share of the width. */
  className?: string;
}

/**
 * A table cell whose text gives way to the fixed-width columns: it is cut with an ellipsis
 * when the table is narrow, and the whole of it is in the native tooltip (see `.truncate`).
 */
export function TextCell({ text, className }: TextCellProps): ReactElement {
  const value = text?.trim() ? text : null;
  return (
    <td className={className ? `truncate ${className}` : 'truncate'} title={value ?? undefined}>
      {value ?? '—'}
    </td>
  );
}
