import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Asked before unsaved changes are thrown away (a form closed, Settings left). Keep editing
 * is focused first and is what Escape means here: the typed work is the thing not to lose.
 */
export function DiscardDialog({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('discard.title')}
      message={t('discard.text')}
      confirmLabel={t('discard.confirm')}
      cancelLabel={t('discard.keep')}
      onConfirm={onDiscard}
      onCancel={onKeep}
    />
  );
}
