import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** One of an area's views, named by the message `<area>.tabs.<key>`. */
export interface AreaTab {
  to: string;
  key: string;
  /** Active only on this exact path (the area's first view), not on the views below it. */
  end: boolean;
}

/** What a view of an area puts in the area's frame. */
export interface AreaViewProps {
  subtitle: string;
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * An area's page frame: its title, the view's subtitle and own actions, and the area's views as
 * links. The words are the area's messages: `<area>.title`, `<area>.views` (what assistive
 * technology calls the links) and `<area>.tabs.<key>`.
 */
export function AreaPage({
  area,
  tabs,
  subtitle,
  actions,
  children,
}: AreaViewProps & { area: string; tabs: readonly AreaTab[] }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t(`${area}.title`)}</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
        {actions && <div className="header-actions">{actions}</div>}
      </header>
      <nav className="tabs" aria-label={t(`${area}.views`)}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
            {t(`${area}.tabs.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
