import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { DateField, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { CHECK_IN_FIELDS, emptyCheckIn, validateCheckIn, type CheckInValues } from './careForms';
import { ComplaintKindFields } from './ComplaintKindFields';
import { clipped } from './careText';
import { ScoreGroup } from './ScoreGroup';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';

/** What the dialog needs to name the check-in; built from a follow-up item or a timeline entry. */
export interface CheckInRef {
  id: number;
  customerName: string;
  saleTitle: string | null;
  stepDays: number;
  dueOn: string;
}

export interface CheckInDialogProps {
  checkIn: CheckInRef;
  onClose: () => void;
  onOpenComplaint: (complaint: Complaint) => void;
}

const CSAT = [1, 2, 3, 4, 5] as const;
const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * Completes a check-in: what was said, the ratings if asked, and whether the customer raised
 * a concern. A concern opens a complaint in the same transaction; the dialog then says so
 * and leads to it, rather than closing on a toast the user might miss.
 */
export function CheckInDialog({ checkIn, onClose, onOpenComplaint }: CheckInDialogProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const today = useToday();
  const [values, setValues] = useState<CheckInValues>(() => emptyCheckIn(today));
  const [opened, setOpened] = useState<Complaint | null>(null);
  const form = useForm(values, (v) => validateCheckIn(checkIn.id, v), { fields: CHECK_IN_FIELDS });
  const change = (patch: Partial<CheckInValues>): void => setValues((v) => ({ ...v, ...patch }));

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const result = await api.call('care.checkins.complete', input);
      if (result.complaint) setOpened(result.complaint);
      else {
        notify.success('care.checkIn.saved', { name: checkIn.customerName });
        onClose();
      }
    });

  // Once a concern became a complaint, the same dialog says so and leads to it.
  const outcome = opened && {
    footer: (
      <>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => onOpenComplaint(opened)} data-autofocus>
          <Icon name="flag" />
          {t('care.checkIn.openComplaint')}
        </button>
      </>
    ),
    body: (
      <div className="care-outcome" role="status">
        <p className="care-outcome-title">
          <Icon name="check" />
          {t('care.checkIn.savedTitle')}
        </p>
        <p>
          {t('care.checkIn.complaintOpened', {
            concern: clipped(opened.description),
            severity: t(`care.severityOf.${opened.severity}`),
            date: format.date(opened.openedOn),
          })}
        </p>
      </div>
    ),
  };

  return (
    <FormDialog
      title={t('care.checkIn.title', { name: checkIn.customerName })}
      description={
        outcome
          ? undefined
          : checkIn.saleTitle
            ? t('care.reason.checkIn', { days: format.number(checkIn.stepDays), sale: checkIn.saleTitle })
            : t('care.reason.checkInNoSale', { days: format.number(checkIn.stepDays) })
      }
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={t('care.checkIn.submit')}
      form={form}
      failureTitle={t('care.checkIn.saveFailed')}
      outcome={outcome}
    >
      <TextAreaField
        label={t('care.checkIn.outcome')}
        optional={t('common.optional')}
        error={form.error('outcome')}
        rows={3}
        value={values.outcome}
        placeholder={t('care.checkIn.outcomePlaceholder')}
        onChange={(outcome) => change({ outcome })}
        autoFocus
      />
      <DateField
        label={t('care.checkIn.completedOn')}
        error={form.error('completedOn')}
        className="field-date"
        value={values.completedOn}
        onChange={(completedOn) => change({ completedOn })}
      />
      <ScoreGroup
        legend={t('care.checkIn.csat')}
        hint={t('care.checkIn.csatHint')}
        scores={CSAT}
        value={values.csat}
        onChange={(csat) => change({ csat })}
        error={form.error('csat')}
      />
      <ScoreGroup
        legend={t('care.checkIn.nps')}
        hint={t('care.checkIn.npsHint')}
        scores={NPS}
        value={values.nps}
        onChange={(nps) => change({ nps })}
        error={form.error('nps')}
      />
      <label className="check-row">
        <input
          type="checkbox"
          checked={values.concernRaised}
          onChange={(e) => change({ concernRaised: e.target.checked })}
        />
        <span>
          {t('care.checkIn.concernRaised')}
          <span className="field-hint">{t('care.checkIn.concernHint')}</span>
        </span>
      </label>
      {values.concernRaised && (
        <div className="form-indent form">
          <TextAreaField
            label={t('care.checkIn.concern')}
            error={form.error('concern')}
            rows={3}
            value={values.concern}
            onChange={(concern) => change({ concern })}
          />
          <ComplaintKindFields
            category={values.concernCategory}
            onCategory={(concernCategory) => change({ concernCategory })}
            categoryError={form.error('concernCategory')}
            severity={values.concernSeverity}
            onSeverity={(concernSeverity) => change({ concernSeverity })}
          />
        </div>
      )}
    </FormDialog>
  );
}
