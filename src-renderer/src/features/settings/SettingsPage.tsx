import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { CareSettings } from './CareSettings';
import { DataSection } from './DataSection';
import { ExportLog } from '../reports/ExportLog';
import { GeneralSettings } from './GeneralSettings';
import { GoalSettings } from './GoalSettings';

export function SettingsPage(): ReactElement {
  const { t } = useTranslation();
  const info = useQuery('app.info', {}, []);

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <div>
          <h1>{t('settings.title')}</h1>
          <p className="page-subtitle">{t('settings.subtitle')}</p>
        </div>
      </header>

      <section className="card settings-section" aria-labelledby="settings-general">
        <h2 id="settings-general">{t('settings.general')}</h2>
        <GeneralSettings />
      </section>

      <CareSettings />

      <GoalSettings />

      <DataSection />

      <ExportLog />

      <section className="card settings-section" aria-labelledby="settings-about">
        <h2 id="settings-about">{t('settings.about')}</h2>
        {info.data ? (
          <dl className="info-list">
            <div>
              <dt>{t('settings.version')}</dt>
              <dd>{info.data.version}</dd>
            </div>
            <div>
              <dt>{t('settings.databasePath')}</dt>
              <dd className="mono selectable">{info.data.databasePath}</dd>
            </div>
            <div>
              <dt>{t('settings.platform')}</dt>
              <dd>{info.data.platform}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">{info.error ? t('settings.infoFailed') : t('common.loading')}</p>
        )}
      </section>
    </div>
  );
}
