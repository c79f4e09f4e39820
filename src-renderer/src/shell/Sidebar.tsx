import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useFollowUpCount } from '../features/care/useFollowUpCount';
import { SearchLauncher } from '../features/search/SearchLauncher';
import { useEditors } from './EditorsProvider';
import { useLeave } from './LeaveGuard';
import { useFormat } from '../i18n/format';
import { Icon, type IconName } from '../ui/icons';
import { shortcutLabel } from './shortcuts';

/** The most the follow-ups badge shows as it is. */
const BADGE_MAX = 999;

/** Only areas that exist are listed; the others arrive with their screens. `label`: the name's message key. */
const AREAS: {
  path: string;
  key:
    | 'home'
    | 'sales'
    | 'customers'
    | 'followups'
    | 'goals'
    | 'journal'
    | 'library'
    | 'training'
    | 'reports'
    | 'coach'
    | 'settings';
  label: string;
  icon: IconName;
}[] = [
  { path: '/home', key: 'home', label: 'home.nav', icon: 'home' },
  { path: '/sales', key: 'sales', label: 'nav.sales', icon: 'sales' },
  { path: '/customers', key: 'customers', label: 'nav.customers', icon: 'customers' },
  { path: '/followups', key: 'followups', label: 'nav.followups', icon: 'bell' },
  { path: '/goals', key: 'goals', label: 'nav.goals', icon: 'target' },
  { path: '/journal', key: 'journal', label: 'journal.title', icon: 'journal' },
  { path: '/library', key: 'library', label: 'library.ui.title', icon: 'book' },
  { path: '/training', key: 'training', label: 'training.nav', icon: 'lightbulb' },
  { path: '/reports', key: 'reports', label: 'reports.screen.nav', icon: 'file' },
  { path: '/coach', key: 'coach', label: 'coach.nav', icon: 'grid' },
  { path: '/settings', key: 'settings', label: 'nav.settings', icon: 'settings' },
];

export function Sidebar(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { openSale } = useEditors();
  const due = useFollowUpCount();
  const leave = useLeave();
  const navigate = useNavigate();
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          R
        </span>
        <span className="brand-name">Rapport</span>
      </div>
      <button
        type="button"
        className="btn sidebar-action"
        // The tooltip says it when the narrow sidebar shows only the icon.
        title={`${t('sales.new')} (${shortcutLabel('N')})`}
        onClick={() => openSale()}
      >
        <Icon name="plus" />
        <span>{t('sales.new')}</span>
        <kbd aria-hidden="true">{shortcutLabel('N')}</kbd>
      </button>
      <SearchLauncher />
      <nav aria-label={t('nav.label')}>
        <ul className="nav-list">
          {AREAS.map((area) => (
            <li key={area.key} className={area.key === 'settings' ? 'nav-bottom' : undefined}>
              <NavLink
                to={area.path}
                className="nav-link"
                title={t(area.label)}
                onClick={(event) => {
                  if (!leave(() => navigate(area.path))) event.preventDefault();
                }}
              >
                <Icon name={area.icon} />
                <span>{t(area.label)}</span>
                {area.key === 'followups' && due !== null && due > 0 && (
                  <span className="nav-badge">
                    {/* Past 999 the badge says 999+ (the exact count is on the screen, and in its words for
                        screen readers): 11,917 covered the bell on the narrow window's rail. */}
                    <span aria-hidden="true">
                      {due > BADGE_MAX ? `${format.number(BADGE_MAX)}+` : format.number(due)}
                    </span>
                    <span className="visually-hidden">
                      {t('care.badge', { count: due, formatted: format.number(due) })}
                    </span>
                  </span>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
