import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaPage } from '../../ui/AreaPage';

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
    <AreaPage
      title={t('care.title')}
      subtitle={subtitle}
      actions={actions}
      tabsLabel={t('care.views')}
      tabs={TABS.map((tab) => ({ to: tab.to, end: tab.end, label: t(`care.tabs.${tab.key}`) }))}
    >
      {children}
    </AreaPage>
  );
}
