import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../src-main/features/settings/contract';
import { ask } from '../../api/ask';
import { useApi } from '../../api/ApiProvider';
import { loadLanguage } from '../../i18n';
import { useNotify } from '../../ui/Notifications';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Spinner } from '../../ui/Spinner';
import { useTheme } from './theme';

interface SettingsContextValue {
  settings: Settings;
  /** Applies the change at once (language, theme) and persists it; reverts if saving fails. */
  update: (patch: Partial<Settings>) => Promise<void>;
  /** Adopts settings the backend returned from another call (e.g. onboarding). */
  replace: (settings: Settings) => void;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

/** Loads settings before anything else renders: language, theme and first run depend on them. */
export function SettingsProvider({ children }: { children: ReactNode }): ReactElement {
  const api = useApi();
  const notify = useNotify();
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  const replace = useCallback(
    (next: Settings) => {
      if (i18n.language !== next.language) void i18n.changeLanguage(next.language);
      setSettings(next);
    },
    [i18n],
  );

  useEffect(
    () =>
      ask(
        async (signal) => {
          const loaded = await api.call('settings.get', {}, { signal });
          // Shown in the language of the settings from the start: its words arrive first.
          await loadLanguage(i18n, loaded.language);
          return loaded;
        },
        (loaded) => {
          replace(loaded);
          setLoadError(null);
        },
        setLoadError,
      ),
    [api, i18n, replace, attempt],
  );

  useTheme(settings?.theme ?? 'system');

  const update = useCallback(
    async (patch: Partial<Settings>) => {
      if (!settings) return;
      if (patch.language) {
        // A new language is shown once its words are here; without them nothing changes.
        try {
          await loadLanguage(i18n, patch.language);
        } catch (error) {
          notify.error('settings.saveFailed', error);
          return;
        }
      }
      const previous = settings;
      replace({ ...settings, ...patch });
      try {
        replace(await api.call('settings.update', patch));
      } catch (error) {
        replace(previous);
        notify.error('settings.saveFailed', error);
      }
    },
    [api, i18n, notify, replace, settings],
  );

  const value = useMemo(() => (settings ? { settings, update, replace } : null), [settings, update, replace]);

  if (!value) {
    return (
      <div className="splash">
        {loadError ? (
          <ErrorPanel title={t('app.loadFailed')} error={loadError} onRetry={() => setAttempt((n) => n + 1)} />
        ) : (
          <Spinner label={t('common.loading')} />
        )}
      </div>
    );
  }
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings must be used inside <SettingsProvider>');
  return value;
}
