import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CustomerDetail } from '../../../../src-main/features/customers/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useCareDialogs } from '../care/CareDialogs';
import { CustomerCare } from '../care/CustomerCare';
import { CustomerTimeline } from '../care/CustomerTimeline';
import { RecordEntries } from '../journal/RecordEntries';
import { useEditors } from '../../shell/EditorsProvider';
import { useFormat } from '../../i18n/format';
import { SalesTable } from '../sales/SalesTable';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { RecordPage } from '../../ui/RecordPage';

export function CustomerDetailPage(): ReactElement {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const detail = useQuery('customers.get', { id }, ['customers', 'sales']);

  return (
    <RecordPage
      query={detail}
      notFound={{
        icon: 'customers',
        title: t('customer.notFoundTitle'),
        text: t('customer.notFoundText'),
        back: '/customers',
        backLabel: t('customer.back'),
      }}
      failedTitle={t('customer.loadFailed')}
    >
      {(data) => <CustomerDetailView detail={data} />}
    </RecordPage>
  );
}

function CustomerDetailView({ detail }: { detail: CustomerDetail }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const { openSale, openCustomer } = useEditors();
  const [archiving, setArchiving] = useState(false);
  const care = useCareDialogs();
  const { customer } = detail;
  const ref = { id: customer.id, name: customer.name };
  const won = detail.sales.filter((sale) => sale.status === 'won');
  const others = detail.sales.filter((sale) => sale.status !== 'won');

  const toggleArchived = async (): Promise<void> => {
    setArchiving(true);
    try {
      await api.call('customers.setArchived', { id: customer.id, archived: !customer.archived });
      notify.success(customer.archived ? 'customer.unarchived' : 'customer.archivedDone');
    } catch (error) {
      notify.error('customer.archiveFailed', error);
    } finally {
      setArchiving(false);
    }
  };

  const facts = (
    [
      ['email', customer.email],
      ['phone', customer.phone],
      ['segment', customer.segment],
      ['industry', customer.industry],
      ['region', customer.region],
      ['companySize', customer.companySize],
      ['acquisitionSource', customer.acquisitionSource],
    ] as const
  ).filter(([, value]) => value !== null);

  const kpis: [string, string][] = [
    [t('customer.kpi.lifetimeValue'), format.money(detail.lifetimeValueMinor, detail.currency)],
    [t('customer.kpi.purchases'), format.number(detail.purchases)],
    [t('customer.kpi.firstPurchase'), detail.firstPurchase ? format.date(detail.firstPurchase) : '—'],
    [t('customer.kpi.lastPurchase'), detail.lastPurchase ? format.date(detail.lastPurchase) : '—'],
    [
      t('customer.kpi.satisfaction'),
      detail.avgSatisfaction === null
        ? '—'
        : t('customer.kpi.satisfactionValue', { value: format.number(detail.avgSatisfaction, 1) }),
    ],
  ];

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('customer.breadcrumb')}>
        <Link to="/customers">{t('nav.customers')}</Link>
        <Icon name="chevronRight" size={14} />
        <span aria-current="page">{customer.name}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {customer.name}
            {customer.archived && <span className="badge badge-muted">{t('customers.archived')}</span>}
          </h1>
          {customer.company && <p className="page-subtitle">{customer.company}</p>}
        </div>
        <div className="header-actions">
          <button type="button" className="btn" onClick={() => care.logInteraction(ref)}>
            <Icon name="phone" />
            {t('care.logCall')}
          </button>
          <button type="button" className="btn" onClick={() => care.newComplaint(ref)}>
            <Icon name="flag" />
            {t('care.complaint.newTitle')}
          </button>
          <button type="button" className="btn" onClick={() => void toggleArchived()} disabled={archiving}>
            <Icon name="archive" />
            {customer.archived ? t('customer.unarchive') : t('customer.archive')}
          </button>
          <button type="button" className="btn" onClick={() => openCustomer(customer)}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => openSale(null, ref)}>
            <Icon name="plus" />
            {t('sales.new')}
          </button>
        </div>
      </header>

      {(facts.length > 0 || customer.tags.length > 0) && (
        <section className="card profile" aria-label={t('customer.profile')}>
          {facts.length > 0 && (
            <dl className="facts">
              {facts.map(([field, value]) => (
                <div key={field}>
                  <dt>{t(`customerForm.fields.${field}`)}</dt>
                  <dd className="selectable">{value}</dd>
                </div>
              ))}
            </dl>
          )}
          {customer.tags.length > 0 && (
            <ul className="tags" aria-label={t('customerForm.fields.tags')}>
              {customer.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section className="kpis" aria-label={t('customer.kpi.label')}>
        {kpis.map(([label, value]) => (
          <div key={label} className="kpi">
            <p className="kpi-label">{label}</p>
            <p className="kpi-value">{value}</p>
          </div>
        ))}
      </section>

      <CustomerCare detail={detail} />

      {customer.notes && (
        <section className="card notes">
          <h2>{t('customerForm.fields.notes')}</h2>
          <p className="selectable">{customer.notes}</p>
        </section>
      )}

      <CustomerTimeline customerId={customer.id} />

      <RecordEntries customer={ref} />

      <section className="section">
        <h2>{t('customer.history')}</h2>
        {won.length > 0 ? (
          <SalesTable
            sales={won}
            label={t('customer.history')}
            showCustomer={false}
            showStatus={false}
            onOpen={(sale) => openSale(sale)}
          />
        ) : (
          <p className="muted section-empty">{t('customer.noPurchases')}</p>
        )}
      </section>
      <section className="section">
        <h2>{t('customer.otherDeals')}</h2>
        {others.length > 0 ? (
          <SalesTable
            sales={others}
            label={t('customer.otherDeals')}
            showCustomer={false}
            onOpen={(sale) => openSale(sale)}
          />
        ) : (
          <p className="muted section-empty">{t('customer.noOtherDeals')}</p>
        )}
      </section>
    </div>
  );
}
