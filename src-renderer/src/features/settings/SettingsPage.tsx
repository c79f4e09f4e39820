import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../src-main/shared/domain';
import { THEMES } from '../../../../src-main/features/settings/contract';
import { CURRENCIES } from '../../../../src-main/shared/money';
import { useQuery } from '../../api/useQuery';
import { isLanguage, LANGUAGE_NAMES } from '../../i18n';
import { Segmented } from '../../ui/Field';
import { CareSettings } from './CareSettings';
import { DataSection } from './DataSection';
import { GoalSettings } from './GoalSettings';
import { useSettings } from './SettingsProvider';

export function SettingsPage(): ReactElement {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
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
        <div className="setting-row">
          <div className="setting-text">
            <label htmlFor="setting-language">{t('settings.language')}</label>
            <p>{t('settings.languageHint')}</p>
          </div>
          <select
            id="setting-language"
            className="select"
            value={settings.language}
            onChange={(e) => isLanguage(e.target.value) && void update({ language: e.target.value })}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </div>
        <div className="setting-row">
          <div className="setting-text">
            <label htmlFor="setting-currency">{t('settings.currency')}</label>
            <p>{t('settings.currencyHint')}</p>
          </div>
          <select
            id="setting-currency"
            className="select"
            value={settings.currency}
            onChange={(e) => void update({ currency: e.target.value })}
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="setting-row">
          <div className="setting-text">
            <span id="setting-theme" className="setting-label">
              {t('settings.theme')}
            </span>
            <p>{t('settings.themeHint')}</p>
          </div>
          <Segmented
            labelledBy="setting-theme"
            value={settings.theme}
            onChange={(theme) => void update({ theme })}
            options={THEMES.map((theme) => ({ value: theme, label: t(`settings.themes.${theme}`) }))}
          />
        </div>
      </section>

      <CareSettings />

      <GoalSettings />

      <DataSection />

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
