import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../src-main/shared/languages';
import { THEMES, type Settings } from '../../../../src-main/features/settings/contract';
import { CURRENCIES } from '../../../../src-main/shared/money';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { isLanguage, LANGUAGE_NAMES, loadLanguage } from '../../i18n';
import type { Validation } from '../../ui/errors';
import { Segmented, Select } from '../../ui/Field';
import { useNotify } from '../../ui/Notifications';
import { SettingRow } from '../../ui/SettingRow';
import { SettingsForm } from './SettingsForm';
import { useSettings } from './SettingsProvider';

type General = Pick<Settings, 'language' | 'currency' | 'theme'>;

/**
 * Language, default currency and appearance. Saved with a button like every other part of
 * Settings (the care and goal rules cannot apply at every keystroke: half-way they are often
 * invalid), so the page works one way throughout and leaving it unsaved asks first.
 */
export function GeneralSettings(): ReactElement {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const { settings, replace } = useSettings();
  const [draft, setDraft] = useState<General>(() => ({
    language: settings.language,
    currency: settings.currency,
    theme: settings.theme,
  }));
  // Only what changed is sent, as settings.update takes a patch.
  const changes = (values: General): Validation<Partial<General>> => ({
    ok: true,
    input: Object.fromEntries(
      Object.entries(values).filter(([key, value]) => settings[key as keyof General] !== value),
    ),
  });
  const form = useForm(draft, changes, { fields: ['language', 'currency', 'theme'] });

  const save = (): Promise<void> =>
    form.submit(async (patch) => {
      // The new language's words first: if they cannot be loaded, nothing is saved and the form says why.
      if (patch.language) await loadLanguage(i18n, patch.language);
      replace(await api.call('settings.update', patch));
      notify.success('settings.saved');
    });

  return (
    <SettingsForm
      labelledBy="settings-general"
      help={[]}
      form={form}
      onSave={() => void save()}
      failureTitle={t('settings.saveFailed')}
      saveLabel={t('common.save')}
    >
      <SettingRow title={t('settings.language')} hint={t('settings.languageHint')} htmlFor="setting-language">
        <select
          id="setting-language"
          className="select"
          value={draft.language}
          onChange={(e) => {
            const language = e.target.value;
            if (isLanguage(language)) setDraft((d) => ({ ...d, language }));
          }}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </SettingRow>
      <SettingRow title={t('settings.currency')} hint={t('settings.currencyHint')} htmlFor="setting-currency">
        <Select
          id="setting-currency"
          value={draft.currency}
          onChange={(currency) => setDraft((d) => ({ ...d, currency }))}
          options={CURRENCIES.map((code) => ({ value: code, label: code }))}
        />
      </SettingRow>
      <SettingRow title={t('settings.theme')} hint={t('settings.themeHint')} titleId="setting-theme">
        <Segmented
          labelledBy="setting-theme"
          value={draft.theme}
          onChange={(theme) => setDraft((d) => ({ ...d, theme }))}
          options={THEMES.map((theme) => ({ value: theme, label: t(`settings.themes.${theme}`) }))}
        />
      </SettingRow>
    </SettingsForm>
  );
}
