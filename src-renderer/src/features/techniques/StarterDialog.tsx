import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { Dialog } from '../../ui/Dialog';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';

/** The starter set as a checklist: well-known techniques, those already in the catalogue ticked and fixed. */
export function StarterDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const starter = useQuery('techniques.starter', {}, ['techniques']);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const add = async (): Promise<void> => {
    setBusy(true);
    try {
      const added = await api.call('techniques.addStarter', { keys: chosen });
      notify.success('techniques.ui.starterAdded', { count: added.length });
      onClose();
    } catch (error) {
      setBusy(false);
      notify.error('techniques.ui.starterFailed', error);
    }
  };

  const toggle = (key: string): void =>
    setChosen((keys) => (keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key]));
  const open = (starter.data ?? []).filter((item) => !item.added);

  return (
    <Dialog
      title={t('techniques.ui.starterTitle')}
      description={t('techniques.ui.starterText')}
      onClose={onClose}
      footer={
        <>
          {open.length > 0 && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => setChosen(chosen.length === open.length ? [] : open.map((item) => item.key))}
            >
              {chosen.length === open.length ? t('techniques.ui.starterNone') : t('techniques.ui.starterAll')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={chosen.length === 0 || busy}
            onClick={() => void add()}
          >
            {t('techniques.ui.starterAdd', { count: chosen.length })}
          </button>
        </>
      }
    >
      <QueryView query={starter} failedTitle={t('techniques.ui.starterLoadFailed')}>
        {(items) => (
          <fieldset className="starter-list">
            <legend className="visually-hidden">{t('techniques.ui.starterTitle')}</legend>
            {items.map((item) => (
              <label key={item.key} className={`starter-item${item.added ? ' starter-added' : ''}`}>
                <input
                  type="checkbox"
                  checked={item.added || chosen.includes(item.key)}
                  disabled={item.added}
                  onChange={() => toggle(item.key)}
                />
                <span className="starter-text">
                  <span className="starter-name">
                    {item.name}
                    <span className="starter-category">{t(`techniques.categories.${item.category}`)}</span>
                    {item.added && <span className="badge badge-muted">{t('techniques.ui.starterAlready')}</span>}
                  </span>
                  <span className="starter-description">{item.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
      </QueryView>
    </Dialog>
  );
}
