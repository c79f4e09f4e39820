import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerSummary } from '../../../../src-main/features/customers/contract';
import { useCareDialogs } from '../care/CareDialogs';
import { useFormat } from '../../i18n/format';
import { useSettings } from '../settings/SettingsProvider';
import { Icon } from '../../ui/icons';
import { RowsTable } from '../../ui/RowsTable';
import { SortHeader, type SortDir } from '../../ui/SortHeader';
import { TextCell } from '../../ui/TextCell';
import type { CustomerSort } from './customersView';
import { TableWrap } from '../../ui/TableWrap';

export interface CustomersTableProps {
  customers: readonly CustomerSummary[];
  sort: CustomerSort;
  dir: SortDir;
  busy: boolean;
  onSort: (column: CustomerSort) => void;
}

export function CustomersTable({ customers, sort, dir, busy, onSort }: CustomersTableProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { settings } = useSettings();
  const care = useCareDialogs();
  const header = { sort, dir, onSort };
  return (
    <TableWrap>
      <RowsTable
        className="table table-interactive table-customers"
        aria-busy={busy}
        rowHeight={51}
        head={
          <>
            <SortHeader column="name" label={t('customers.columns.name')} {...header} />
            <th scope="col" className="col-p2">
              {t('customers.columns.email')}
            </th>
            <th scope="col" className="col-p3">
              {t('customers.columns.segment')}
            </th>
            <th scope="col" className="col-p3">
              {t('customers.columns.region')}
            </th>
            <SortHeader column="purchases" label={t('customers.columns.purchases')} align="end" {...header} />
            <SortHeader column="lifetimeValue" label={t('customers.columns.lifetimeValue')} align="end" {...header} />
            <SortHeader column="lastPurchase" label={t('customers.columns.lastPurchase')} {...header} />
            <th scope="col" className="col-fit">
              <span className="visually-hidden">{t('care.actions')}</span>
            </th>
          </>
        }
      >
        {customers.map((customer) => (
          // The name is the keyboard's way in; the whole row is a larger target for the mouse.
          <tr key={customer.id} onClick={() => navigate(`/customers/${customer.id}`)}>
            <td className="truncate col-wide" title={[customer.name, customer.company].filter(Boolean).join('\n')}>
              <Link to={`/customers/${customer.id}`} className="row-link" onClick={(e) => e.stopPropagation()}>
                {customer.name}
              </Link>
              {customer.archived && <span className="badge badge-muted">{t('customers.archived')}</span>}
              {customer.company && <span className="cell-sub">{customer.company}</span>}
            </td>
            <TextCell text={customer.email} className="muted col-wide col-p2" />
            <TextCell text={customer.segment} className="col-p3" />
            <TextCell text={customer.region} className="col-p3" />
            <td className="col-fit num">{format.number(customer.purchases)}</td>
            <td className="col-fit num">{format.money(customer.lifetimeValueMinor, settings.currency)}</td>
            <td className="col-fit muted">{customer.lastPurchase ? format.date(customer.lastPurchase) : '—'}</td>
            <td className="col-fit row-actions">
              <button
                type="button"
                className="btn btn-ghost btn-icon btn-compact"
                aria-label={t('care.logCallWith', { name: customer.name })}
                title={t('care.logCall')}
                onClick={(event) => {
                  event.stopPropagation();
                  care.logInteraction({ id: customer.id, name: customer.name });
                }}
              >
                <Icon name="phone" size={14} />
              </button>
            </td>
          </tr>
        ))}
      </RowsTable>
    </TableWrap>
  );
}
