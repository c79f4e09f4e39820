import type { ReactElement, ReactNode } from 'react';
import { Icon, type IconName } from './icons';

export function EmptyState({
  icon,
  title,
  text,
  children,
}: {
  icon: IconName;
  title: string;
  text: string;
  children?: ReactNode;
}): ReactElement {
  return (
    <div className="state-panel">
      <span className="state-icon">
        <Icon name={icon} size={20} />
      </span>
      <h2>{title}</h2>
      <p>{text}</p>
      {children && <div className="state-actions">{children}</div>}
    </div>
  );
}
