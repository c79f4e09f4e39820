import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COMPLAINT_STATUSES, type Complaint } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { Dialog } from '../../ui/Dialog';
import { Facts } from '../../ui/Facts';
import { DateField, SegmentedField, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';
import { daysFrom, isActiveComplaint } from './careModel';
import {
  COMPLAINT_EDIT_FIELDS,
  complaintEditValues,
  validateComplaintEdit,
  type ComplaintEditValues,
} from './careForms';
import { useCareText } from './careText';
import { ComplaintKindFields } from './ComplaintKindFields';
import { ComplaintStatusBadge } from './ComplaintStatusBadge';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';

export interface ComplaintRef {
  id: number;
  customerId: number;
  customerName: string;
}

export interface ComplaintDialogProps {
  complaint: ComplaintRef;
  /** Shown while the fresh copy loads (a complaint the caller already holds). */
  initial: Complaint | null;
  /** Opened from "Resolve" on a follow-up: start on the resolved status, ready for the resolution. */
  resolve: boolean;
  onClose: () => void;
}

/** A customer has a handful of complaints; one page of theirs always holds the one asked for. */
const CUSTOMER_COMPLAINTS = 500;

/**
 * One complaint: its facts, its ageing, and the form that moves it along (open → in
 * progress → resolved with what was done, or closed unresolved; back to open if it returns).
 * It reads the customer's complaints rather than trusting the caller's copy, which may be old.
 */
export function ComplaintDialog({ complaint: ref, initial, resolve, onClose }: ComplaintDialogProps): ReactElement {
  const { t } = useTranslation();
  const list = useQuery(
    'care.complaints.list',
    { customerId: ref.customerId, status: 'all', limit: CUSTOMER_COMPLAINTS },
    ['care', 'customers'],
  );
  const complaint = list.data?.items.find((c) => c.id === ref.id) ?? (list.data ? null : initial);
  const title = t('care.complaint.title', { name: ref.customerName });

  if (complaint) return <ComplaintEditor complaint={complaint} resolve={resolve} title={title} onClose={onClose} />;
  return (
    <Dialog title={title} onClose={onClose}>
      <QueryView query={list} failedTitle={t('care.complaint.loadFailed')}>
        {() => <p className="muted">{t('care.complaint.notFound')}</p>}
      </QueryView>
    </Dialog>
  );
}

function ComplaintEditor({
  complaint,
  resolve,
  title,
  onClose,
}: {
  complaint: Complaint;
  resolve: boolean;
  title: string;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const text = useCareText();
  const today = useToday();
  const [values, setValues] = useState<ComplaintEditValues>(() => ({
    ...complaintEditValues(complaint, today),
    ...(resolve && isActiveComplaint(complaint.status) ? { status: 'resolved' as const } : {}),
  }));
  const form = useForm(values, (v) => validateComplaintEdit(complaint, v), {
    fields: COMPLAINT_EDIT_FIELDS,
    prefix: 'patch.',
  });
  const change = (patch: Partial<ComplaintEditValues>): void => setValues((v) => ({ ...v, ...patch }));
  const finishing = values.status === 'resolved' || values.status === 'closed_unresolved';
  const active = isActiveComplaint(complaint.status);

  const save = (): Promise<void> =>
    form.submit(async (patch) => {
      if (Object.keys(patch).length > 0) {
        await api.call('care.complaints.update', { id: complaint.id, patch });
        notify.success(patch.status ? `care.complaint.moved.${patch.status}` : 'care.complaint.saved');
      }
      onClose();
    });

  const facts: [string, string][] = [
    [t('care.complaint.openedOn'), format.date(complaint.openedOn)],
    [t('care.complaint.source'), t(`care.sources.${complaint.source}`)],
  ];
  if (complaint.saleTitle) facts.push([t('care.saleLink'), complaint.saleTitle]);
  if (active && complaint.remindOn) facts.push([t('care.complaint.remindOn'), format.date(complaint.remindOn)]);
  if (!active && complaint.resolvedOn) facts.push([t('care.complaint.resolvedOn'), format.date(complaint.resolvedOn)]);
  if (complaint.daysToResolve !== null)
    facts.push([
      t('care.complaint.timeToResolve'),
      t('care.complaint.days', { count: complaint.daysToResolve, days: format.number(complaint.daysToResolve) }),
    ]);

  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={t('common.save')}
      form={form}
      failureTitle={t('care.complaint.saveFailed')}
      footerStart={
        <Link to={`/customers/${complaint.customerId}`} className="btn btn-ghost" onClick={onClose}>
          {t('care.complaint.viewCustomer')}
        </Link>
      }
      lead={
        <>
          <div className="complaint-head">
            <ComplaintStatusBadge status={complaint.status} />
            {active && <span className="badge badge-warning">{text.openFor(daysFrom(complaint.openedOn, today))}</span>}
            <span className={`badge severity-${complaint.severity}`}>
              {t(`care.severityLabel.${complaint.severity}`)}
            </span>
            {complaint.checkInId !== null && (
              <span className="badge badge-muted">{t('care.complaint.fromCheckIn')}</span>
            )}
          </div>
          <Facts className="complaint-facts" facts={facts} />
        </>
      }
    >
      <SegmentedField
        legend={t('care.complaint.status')}
        value={values.status}
        onChange={(status) => change({ status })}
        options={COMPLAINT_STATUSES.map((status) => ({ value: status, label: t(`care.statuses.${status}`) }))}
      />
      {finishing && (
        <div className="form-indent form">
          <TextAreaField
            label={values.status === 'resolved' ? t('care.complaint.resolution') : t('care.complaint.closeReason')}
            optional={values.status === 'resolved' ? undefined : t('common.optional')}
            error={form.error('resolution')}
            rows={3}
            value={values.resolution}
            onChange={(resolution) => change({ resolution })}
            autoFocus={resolve}
          />
          <DateField
            label={t('care.complaint.resolvedOn')}
            error={form.error('resolvedOn')}
            className="field-date"
            value={values.resolvedOn}
            onChange={(resolvedOn) => change({ resolvedOn })}
          />
        </div>
      )}
      <ComplaintKindFields
        category={values.category}
        onCategory={(category) => change({ category })}
        categoryError={form.error('category')}
        severity={values.severity}
        onSeverity={(severity) => change({ severity })}
      />
      <TextAreaField
        label={t('care.complaint.description')}
        error={form.error('description')}
        value={values.description}
        onChange={(description) => change({ description })}
      />
    </FormDialog>
  );
}
