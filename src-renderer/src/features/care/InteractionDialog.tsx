import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../src-main/shared/api';
import { INTERACTION_KINDS, type FollowUp, type InteractionKind } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';
import type { CustomerRef } from '../customers/CustomerPicker';
import type { Validation } from '../../ui/errors';
import { DateField, SegmentedField, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { INTERACTION_ICONS } from './careModel';
import { INTERACTION_FIELDS, validateDone, validateInteraction, type InteractionValues } from './careForms';
import { useCareText } from './careText';
import { CustomerSaleSelect } from './CustomerSaleSelect';

type Send =
  { done: Input<'care.followups.done'>; create?: never } | { create: Input<'care.interactions.create'>; done?: never };

export interface InteractionDialogProps {
  customer: CustomerRef;
  /** A stay-in-touch or reorder item being marked done: the contact is logged through it. */
  followUp: Extract<FollowUp, { kind: 'stay_in_touch' | 'reorder' }> | null;
  kind?: InteractionKind;
  onClose: () => void;
}

/**
 * Logs a call, email, meeting, visit, message or note with a customer, optionally about one
 * of their sales. Marking a stay-in-touch or reorder follow-up done is the same conversation,
 * sent as `care.followups.done` so the backend resets that item's clock with it.
 */
export function InteractionDialog({
  customer,
  followUp,
  kind = 'call',
  onClose,
}: InteractionDialogProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const text = useCareText();
  const today = useToday();
  const [values, setValues] = useState<InteractionValues>({ kind, occurredOn: today, summary: '', saleId: '' });
  const validate = (v: InteractionValues): Validation<Send> => {
    if (followUp) {
      const done = validateDone(followUp.id, v);
      return done.ok ? { ok: true, input: { done: done.input } } : done;
    }
    const create = validateInteraction(customer.id, v);
    return create.ok ? { ok: true, input: { create: create.input } } : create;
  };
  const form = useForm(values, validate, { fields: INTERACTION_FIELDS });
  const change = (patch: Partial<InteractionValues>): void => setValues((v) => ({ ...v, ...patch }));

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      if (input.done) {
        await api.call('care.followups.done', input.done);
        notify.success('care.done.logged', { name: customer.name });
      } else {
        await api.call('care.interactions.create', input.create);
        notify.success('care.interaction.saved', { name: customer.name });
      }
      onClose();
    });

  return (
    <FormDialog
      title={
        followUp ? t('care.done.title', { name: customer.name }) : t('care.interaction.title', { name: customer.name })
      }
      description={
        followUp ? `${text.kind(followUp.kind)}: ${text.reason(followUp)}. ${t('care.done.hint')}` : undefined
      }
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={followUp ? t('care.done.submit') : t('care.interaction.submit')}
      form={form}
      failureTitle={t('care.interaction.saveFailed')}
    >
      <SegmentedField
        legend={t('care.interaction.kind')}
        className="kind-group"
        value={values.kind}
        onChange={(kind) => change({ kind })}
        options={INTERACTION_KINDS.map((option) => ({
          value: option,
          label: (
            <>
              <Icon name={INTERACTION_ICONS[option]} size={14} />
              {t(`care.interactionKinds.${option}`)}
            </>
          ),
        }))}
      />
      <DateField
        label={t('care.interaction.date')}
        error={form.error('occurredOn')}
        className="field-date"
        value={values.occurredOn}
        onChange={(occurredOn) => change({ occurredOn })}
      />
      <TextAreaField
        label={t('care.interaction.summary')}
        optional={followUp ? t('common.optional') : undefined}
        error={form.error('summary')}
        value={values.summary}
        placeholder={t('care.interaction.summaryPlaceholder')}
        onChange={(summary) => change({ summary })}
        autoFocus
      />
      {!followUp && (
        <CustomerSaleSelect
          customerId={customer.id}
          value={values.saleId}
          onChange={(saleId) => change({ saleId })}
          error={form.error('saleId')}
        />
      )}
    </FormDialog>
  );
}
