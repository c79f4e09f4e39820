import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LANGUAGES } from '../../../../src-main/shared/languages';
import { useApi } from '../../api/ApiProvider';
import { LANGUAGE_NAMES } from '../../i18n';
import { useSettings } from '../settings/SettingsProvider';
import { Icon, type IconName } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { Spinner } from '../../ui/Spinner';

type Mode = 'empty' | 'sample';
const MODES: { mode: Mode; icon: IconName }[] = [
  { mode: 'empty', icon: 'plus' },
  { mode: 'sample', icon: 'sparkle' },
];

/** First run: pick a language, then start from nothing or from a realistic sample book. */
export function WelcomePage(): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const { settings, update, replace } = useSettings();
  const [starting, setStarting] = useState<Mode | null>(null);

  const start = async (mode: Mode): Promise<void> => {
    setStarting(mode);
    try {
      const next = await api.call('onboarding.start', { mode });
      navigate('/home', { replace: true });
      replace(next);
    } catch (error) {
      setStarting(null);
      notify.error('welcome.failed', error);
    }
  };

  return (
    <main className="welcome" id="main" aria-busy={starting !== null}>
      <div className="welcome-card">
        <div className="brand-mark brand-mark-large" aria-hidden="true">
          R
        </div>
        <h1>{t('welcome.title')}</h1>
        <p className="welcome-lead">{t('welcome.lead')}</p>

        <div className="welcome-language">
          <span id="welcome-language">{t('welcome.language')}</span>
          <div className="segmented" role="radiogroup" aria-labelledby="welcome-language">
            {LANGUAGES.map((language) => (
              <label key={language} className="segment" lang={language}>
                <input
                  type="radio"
                  name="language"
                  value={language}
                  checked={settings.language === language}
                  onChange={() => void update({ language })}
                  disabled={starting !== null}
                />
                <span>{LANGUAGE_NAMES[language]}</span>
              </label>
            ))}
          </div>
        </div>

        <div className="welcome-choices">
          {MODES.map(({ mode, icon }) => (
            <button
              key={mode}
              type="button"
              className="choice"
              onClick={() => void start(mode)}
              disabled={starting !== null}
            >
              <span className="choice-icon">{starting === mode ? <Spinner /> : <Icon name={icon} size={18} />}</span>
              {/* The name is everything the button shows (title, then what it does), so a voice
                  command saying the visible words finds it (WCAG 2.5.3, label in name). */}
              <span className="choice-title">{t(`welcome.${mode}.title`)}</span>
              <span className="choice-text">{t(`welcome.${mode}.text`)}</span>
            </button>
          ))}
        </div>

        <p className="welcome-status" role="status">
          {starting && t(`welcome.${starting}.progress`)}
        </p>
      </div>
    </main>
  );
}
