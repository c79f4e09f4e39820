import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../../src-main/features/care/contract';
import { addDays } from '../../../../src-main/shared/dates';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { DateField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import { validateReschedule } from './careForms';
import { useCareText } from './careText';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';

/** Moves a follow-up to a day the user picks (later to snooze it, or earlier). */
export function RescheduleDialog({ item, onClose }: { item: FollowUp; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const text = useCareText();
  const today = useToday();
  const [dueOn, setDueOn] = useState(() => addDays(item.dueOn > today ? item.dueOn : today, 1));
  const form = useForm(dueOn, (day) => validateReschedule(item.id, day), { fields: ['dueOn'] });

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const moved = await api.call('care.followups.reschedule', input);
      notify.success('care.moved', { date: format.date(moved.dueOn) });
      onClose();
    });

  return (
    <FormDialog
      variant="alert"
      title={t('care.reschedule.title')}
      description={t('care.reschedule.text', {
        kind: text.kind(item.kind),
        name: item.kind === 'action' ? item.itemTitle : item.customerName,
        date: format.date(item.dueOn),
      })}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={t('care.reschedule.submit')}
      form={form}
      failureTitle={t('care.reschedule.failed')}
    >
      <DateField
        label={t('care.reschedule.date')}
        error={form.error('dueOn')}
        value={dueOn}
        onChange={setDueOn}
        autoFocus
      />
    </FormDialog>
  );
}
