import type { ReactElement } from 'react';
import { Icon } from './icons';

/** A compact "+ Add …" button under an editable list (rules, milestones, breaks). */
export function AddButton({
  label,
  onClick,
  disabled,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}): ReactElement {
  return (
    <button type="button" className="btn btn-compact" onClick={onClick} disabled={disabled}>
      <Icon name="plus" size={14} />
      {label}
    </button>
  );
}
