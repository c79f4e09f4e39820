import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

const TABS = [
  { to: '/followups', key: 'todo', end: true },
  { to: '/followups/at-risk', key: 'atRisk', end: false },
  { to: '/followups/complaints', key: 'complaints', end: false },
] as const;

/** The Follow-ups area's frame: title, the view's own actions, and the three views as links. */
export function CarePage({
  subtitle,
  actions,
  children,
}: {
  subtitle: string;
  actions?: ReactNode;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('care.title')}</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
        {actions && <div className="header-actions">{actions}</div>}
      </header>
      <nav className="tabs" aria-label={t('care.views')}>
        {TABS.map((tab) => (
          <NavLink key={tab.key} to={tab.to} end={tab.end} className="tab">
            {t(`care.tabs.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
