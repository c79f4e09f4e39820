import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { UndoImportDialog, type UndoTarget } from './UndoImportDialog';

/** Every import, newest first; any batch not yet undone can be, exactly and only its rows. */
export function ImportHistory(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useQuery('import.history', {}, ['sales', 'customers']);
  const [undoing, setUndoing] = useState<UndoTarget | null>(null);

  return (
    <section className="card panel" aria-labelledby="import-history">
      <h2 id="import-history">{t('import.historyTitle')}</h2>
      {!history.data ? (
        <p className="muted">{history.error ? t('import.historyFailed') : t('common.loading')}</p>
      ) : history.data.length === 0 ? (
        <p className="muted">{t('import.historyEmpty')}</p>
      ) : (
        <DataTable
          className="import-history"
          columns={[
            { label: t('import.when') },
            { label: t('import.file') },
            { label: t('import.kindLabel') },
            { label: t('import.imported'), num: true },
            { label: t('import.counts.duplicates'), num: true },
            { label: t('import.leftOut'), num: true },
            { label: t('import.counts.customersCreated'), num: true },
            { label: t('import.actions'), hidden: true },
          ]}
        >
          {history.data.map((batch) => (
            <tr key={batch.id} className={batch.undoneAt ? 'row-undone' : undefined}>
              <td className="nowrap">{format.dateTime(batch.createdAt)}</td>
              <td className="import-file-name" title={batch.sourceName}>
                {batch.sourceName}
              </td>
              <td>{t(`import.kinds.${batch.kind}`)}</td>
              <td className="num">{format.number(batch.inserted)}</td>
              <td className="num">{format.number(batch.duplicates)}</td>
              <td className="num">{format.number(batch.skipped)}</td>
              <td className="num">{format.number(batch.customersCreated)}</td>
              <td className="nowrap">
                {batch.undoneAt ? (
                  <span className="muted">
                    {t('import.undone')}
                    <span className="cell-sub">{format.dateTime(batch.undoneAt)}</span>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn btn-danger-ghost"
                    onClick={() =>
                      setUndoing({
                        batchId: batch.id,
                        file: batch.sourceName,
                        kind: batch.kind,
                        inserted: batch.inserted,
                      })
                    }
                  >
                    {t('import.undo')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {undoing && (
        <UndoImportDialog
          target={undoing}
          onDone={() => {
            setUndoing(null);
            history.reload();
          }}
          onCancel={() => setUndoing(null)}
        />
      )}
    </section>
  );
}
