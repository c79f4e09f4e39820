import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Technique } from '../../../../src-main/features/techniques/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/Field';
import { useNotify } from '../../ui/Notifications';

/**
 * Merges `technique` into a survivor the seller chooses: first the choice, then what will move
 * (its sales and journal entries), said before anything is written; the toast says what moved.
 */
export function MergeDialog({
  technique,
  techniques,
  onClose,
}: {
  technique: Technique;
  techniques: readonly Technique[];
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const others = techniques.filter((other) => other.id !== technique.id);
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const survivor = others.find((other) => String(other.id) === into) ?? null;

  const merge = async (): Promise<void> => {
    if (!survivor) return;
    setBusy(true);
    try {
      const result = await api.call('techniques.merge', { from: technique.id, into: survivor.id });
      notify.success('techniques.ui.merged', {
        from: technique.name,
        into: result.survivor.name,
        sales: t('techniques.ui.salesCount', { count: result.salesMoved, formatted: format.number(result.salesMoved) }),
        entries: t('techniques.ui.entriesCount', {
          count: result.entriesMoved,
          formatted: format.number(result.entriesMoved),
        }),
      });
      onClose();
    } catch (error) {
      setBusy(false);
      notify.error('techniques.ui.mergeFailed', error);
    }
  };

  return (
    <Dialog
      title={t('techniques.ui.mergeTitle', { name: technique.name })}
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={!survivor || busy} onClick={() => void merge()}>
            {t('techniques.ui.mergeConfirm')}
          </button>
        </>
      }
    >
      <div className="form">
        <p>{t('techniques.ui.mergeIntro', { name: technique.name })}</p>
        <SelectField
          label={t('techniques.ui.mergeInto')}
          value={into}
          onChange={setInto}
          options={[
            { value: '', label: t('techniques.ui.mergeChoose') },
            ...others.map((other) => ({
              value: String(other.id),
              label: other.retired ? t('techniques.ui.retiredOption', { name: other.name }) : other.name,
            })),
          ]}
        />
        {survivor && (
          <div className="notice notice-warning" role="status">
            <p>
              {t('techniques.ui.mergeMoves', {
                from: technique.name,
                into: survivor.name,
                sales: t('techniques.ui.salesCount', {
                  count: technique.sales,
                  formatted: format.number(technique.sales),
                }),
                entries: t('techniques.ui.entriesCount', {
                  count: technique.entries,
                  formatted: format.number(technique.entries),
                }),
              })}
            </p>
          </div>
        )}
      </div>
    </Dialog>
  );
}
