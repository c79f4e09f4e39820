import type { ReactElement, ReactNode } from 'react';
import { NavLink } from 'react-router';

export interface AreaTab {
  to: string;
  label: string;
  /** Active only on this exact path (the area's first view), not on the views below it. */
  end: boolean;
}

/** An area's page frame: its title, the view's subtitle and own actions, and the area's views as links. */
export function AreaPage({
  title,
  subtitle,
  actions,
  tabsLabel,
  tabs,
  children,
}: {
  title: string;
  subtitle: string;
  actions?: ReactNode;
  /** Names the tab links for assistive technology ("Follow-up views"). */
  tabsLabel: string;
  tabs: readonly AreaTab[];
  children: ReactNode;
}): ReactElement {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
        {actions && <div className="header-actions">{actions}</div>}
      </header>
      <nav className="tabs" aria-label={tabsLabel}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
