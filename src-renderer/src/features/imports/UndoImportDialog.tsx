import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../../../src-main/features/imports/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useNotify } from '../../ui/Notifications';

export interface UndoTarget {
  batchId: number;
  file: string;
  kind: ImportKind;
  inserted: number;
}

/** Asks before undoing an import, then undoes it: that batch's rows, nothing else. */
export function UndoImportDialog({
  target,
  onDone,
  onCancel,
}: {
  target: UndoTarget;
  onDone: () => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const undo = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.call('import.undo', { batchId: target.batchId });
      notify.success('import.undoDone');
      onDone();
    } catch (failure) {
      notify.error('import.undoFailed', failure);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={t('import.undoTitle')}
      message={t(`import.undoMessage.${target.kind}`, {
        file: target.file,
        count: target.inserted,
        formatted: format.number(target.inserted),
      })}
      confirmLabel={t('import.undo')}
      busy={busy}
      onConfirm={() => void undo()}
      onCancel={onCancel}
    />
  );
}
