import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Complaint } from '../../../../src-main/features/care/contract';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { EmptyState } from '../../ui/EmptyState';
import { DataTable } from '../../ui/DataTable';
import { Segmented } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Pagination } from '../../ui/Pagination';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { useCareDialogs } from './CareDialogs';
import { daysFrom, isActiveComplaint } from './careModel';
import { CarePage } from './CarePage';
import { useCareText } from './careText';
import { ComplaintStatusBadge } from './ComplaintStatusBadge';
import { useToday } from '../../hooks/useToday';

/** The filters `care.complaints.list` offers: still needing work, finished, or every one. */
const FILTERS = ['active', 'closed', 'all'] as const;

interface ComplaintsView {
  status: (typeof FILTERS)[number];
  offset: number;
  limit: number;
}

export function ComplaintsPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const dialogs = useCareDialogs();
  const [view, setView] = useViewState<ComplaintsView>('complaints', { status: 'active', offset: 0, limit: 50 });
  const complaints = useQuery('care.complaints.list', view, ['care', 'customers']);

  return (
    <CarePage
      subtitle={t('care.complaints.subtitle')}
      actions={
        <button type="button" className="btn btn-primary" onClick={() => dialogs.newComplaint()}>
          <Icon name="plus" />
          {t('care.complaint.newTitle')}
        </button>
      }
    >
      <div className="filters-row">
        <Segmented
          label={t('care.complaints.show')}
          value={view.status}
          onChange={(status) => setView((v) => ({ ...v, status, offset: 0 }))}
          options={FILTERS.map((status) => ({ value: status, label: t(`care.complaints.filters.${status}`) }))}
        />
        {complaints.data && (
          <p className="muted">
            {t('care.complaints.count', {
              count: complaints.data.total,
              formatted: format.number(complaints.data.total),
            })}
          </p>
        )}
      </div>
      <QueryView query={complaints} failedTitle={t('care.complaints.loadFailed')}>
        {({ items, total }) =>
          total === 0 ? (
            <EmptyState
              icon="flag"
              title={t(`care.complaints.empty.${view.status}`)}
              text={t('care.complaints.emptyText')}
            />
          ) : (
            <>
              <ComplaintsTable complaints={items} busy={complaints.loading} />
              <Pagination
                offset={view.offset}
                limit={view.limit}
                total={total}
                onOffset={(offset) => setView((v) => ({ ...v, offset }))}
                onLimit={(limit) => setView((v) => ({ ...v, limit, offset: 0 }))}
              />
            </>
          )
        }
      </QueryView>
    </CarePage>
  );
}

function ComplaintsTable({ complaints, busy }: { complaints: readonly Complaint[]; busy: boolean }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useCareText();
  const today = useToday();
  const dialogs = useCareDialogs();
  const open = (complaint: Complaint): void =>
    dialogs.openComplaint(
      { id: complaint.id, customerId: complaint.customerId, customerName: complaint.customerName },
      complaint,
    );
  return (
    <DataTable
      className="table-interactive table-complaints"
      busy={busy}
      columns={[
        { label: t('care.complaints.columns.opened') },
        { label: t('care.complaints.columns.customer') },
        { label: t('care.complaints.columns.description') },
        { label: t('care.complaints.columns.severity'), className: 'col-p2' },
        { label: t('care.complaints.columns.status') },
        { label: t('care.complaints.columns.resolvedIn'), num: true, className: 'col-p3' },
      ]}
    >
      {complaints.map((complaint) => (
        <tr key={complaint.id} onClick={() => open(complaint)}>
          <td className="col-fit muted">{format.date(complaint.openedOn)}</td>
          <td className="truncate" title={complaint.customerName}>
            <Link
              to={`/customers/${complaint.customerId}`}
              className="row-link"
              onClick={(event) => event.stopPropagation()}
            >
              {complaint.customerName}
            </Link>
          </td>
          <td className="truncate col-wide" title={complaint.description}>
            {/* The keyboard's way into the complaint; the row is the mouse's. */}
            <button
              type="button"
              className="link-button"
              onClick={(event) => {
                event.stopPropagation();
                open(complaint);
              }}
            >
              {complaint.description}
            </button>
            <span className="cell-sub">{t(`care.categories.${complaint.category}`)}</span>
          </td>
          <td className="col-fit col-p2">
            <span className={`badge severity-${complaint.severity}`}>{t(`care.severities.${complaint.severity}`)}</span>
          </td>
          <td className="col-fit">
            <span className="badge-pair">
              <ComplaintStatusBadge status={complaint.status} />
              {isActiveComplaint(complaint.status) && (
                <span className="badge badge-muted">{text.openFor(daysFrom(complaint.openedOn, today))}</span>
              )}
            </span>
          </td>
          <td className="col-fit num col-p3">
            {complaint.daysToResolve === null
              ? '—'
              : t('care.complaint.days', {
                  count: complaint.daysToResolve,
                  days: format.number(complaint.daysToResolve),
                })}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
