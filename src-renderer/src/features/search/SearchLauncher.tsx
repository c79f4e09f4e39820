import { useCallback, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSlashShortcut } from '../../shell/shortcuts';
import { Icon } from '../../ui/icons';
import { lazyNamed } from '../../shell/lazyNamed';
import { DialogSuspense } from '../../shell/PageLoading';

const SearchDialog = lazyNamed(() => import('./SearchDialog'), 'SearchDialog');

/** The sidebar's search button; it and `/` open the app-wide search. */
export function SearchLauncher(): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  useSlashShortcut(show);
  return (
    <>
      <button
        type="button"
        className="btn sidebar-action sidebar-search"
        title={`${t('search.title')} (/)`}
        aria-haspopup="dialog"
        onClick={show}
      >
        <Icon name="search" />
        <span>{t('search.title')}</span>
        <kbd aria-hidden="true">/</kbd>
      </button>
      {open && (
        <DialogSuspense>
          <SearchDialog onClose={() => setOpen(false)} />
        </DialogSuspense>
      )}
    </>
  );
}
