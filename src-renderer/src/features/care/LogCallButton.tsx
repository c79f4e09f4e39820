import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { useCareDialogs } from './CareDialogs';

/** A list row's way to log a contact with its customer. */
export function LogCallButton({
  customerId,
  customerName,
}: {
  customerId: number;
  customerName: string;
}): ReactElement {
  const { t } = useTranslation();
  const dialogs = useCareDialogs();
  return (
    <button
      type="button"
      className="btn btn-compact"
      onClick={() => dialogs.logInteraction({ id: customerId, name: customerName })}
    >
      <Icon name="phone" size={14} />
      {t('care.logCall')}
    </button>
  );
}
