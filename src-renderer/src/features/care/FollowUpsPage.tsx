import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FOLLOW_UP_KINDS, type FollowUpKind, type FollowUpList } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { fileName } from '../../ui/fileName';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { LongList } from '../../ui/LongList';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { bucketsOf, KIND_ICONS } from './careModel';
import { CarePage } from './CarePage';
import { FollowUpItem } from './FollowUpItem';
import { LogCallButton } from './LogCallButton';
import { ShownCount } from './ShownCount';
import { useToday } from '../../hooks/useToday';

/** Items per bucket at first; "show all" asks for the contract's maximum. */
const FIRST_PAGE = 50;
const ALL = 2000;
/** A follow-up's height, two lines and its border, until it is drawn and measured. */
const FOLLOW_UP_HEIGHT = 61;

interface FollowUpsView {
  kinds: FollowUpKind[];
  limit: number;
}

/** Overdue, today, this week and later, then the customers nobody has a next step for. */
export function FollowUpsPage(): ReactElement {
  const { t } = useTranslation();
  const today = useToday();
  const [view, setView] = useViewState<FollowUpsView>('followups', { kinds: [], limit: FIRST_PAGE });
  const list = useQuery(
    'care.followups.list',
    { asOf: today, kinds: view.kinds.length > 0 ? view.kinds : undefined, limit: view.limit },
    // Action items are the library's.
    ['care', 'sales', 'customers', 'library'],
  );

  const toggleKind = (kind: FollowUpKind): void =>
    setView((v) => ({
      ...v,
      kinds: v.kinds.includes(kind) ? v.kinds.filter((k) => k !== kind) : [...v.kinds, kind],
    }));

  return (
    <CarePage subtitle={t('care.subtitle')} actions={<ExportCalendarButton />}>
      <fieldset className="filters-row care-filters">
        <legend className="visually-hidden">{t('care.filterKinds')}</legend>
        <div className="chips">
          {FOLLOW_UP_KINDS.map((kind) => (
            <label key={kind} className="chip-check">
              <input type="checkbox" checked={view.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
              <span>
                <Icon name={KIND_ICONS[kind]} size={14} />
                {t(`care.kindsPlural.${kind}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <QueryView query={list} failedTitle={t('care.loadFailed')}>
        {(data) => (
          <FollowUpSections
            list={data}
            busy={list.loading}
            filtered={view.kinds.length > 0}
            onShowAll={() => setView((v) => ({ ...v, limit: ALL }))}
          />
        )}
      </QueryView>
    </CarePage>
  );
}

function FollowUpSections({
  list,
  busy,
  filtered,
  onShowAll,
}: {
  list: FollowUpList;
  busy: boolean;
  filtered: boolean;
  onShowAll: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const buckets = bucketsOf(list).filter((b) => b.count > 0);
  const truncated = buckets.some((b) => b.items.length < b.count);
  return (
    <div className="followup-sections" aria-busy={busy}>
      {buckets.length === 0 &&
        (filtered ? (
          <EmptyState icon="search" title={t('care.noMatchTitle')} text={t('care.noMatchText')} />
        ) : (
          <EmptyState icon="check" title={t('care.emptyTitle')} text={t('care.emptyText')} />
        ))}
      {buckets.map(({ bucket, items, count }) => (
        <section key={bucket} className={`followup-section bucket-${bucket}`} aria-labelledby={`bucket-${bucket}`}>
          <h2 id={`bucket-${bucket}`}>
            {t(`care.buckets.${bucket}`)}
            <span className="count-badge">{format.number(count)}</span>
          </h2>
          <LongList className="followup-list" itemHeight={FOLLOW_UP_HEIGHT}>
            {items.map((item) => (
              <FollowUpItem key={item.id} item={item} />
            ))}
          </LongList>
          <ShownCount shown={items.length} total={count} className="muted followup-more" />
        </section>
      ))}
      {truncated && (
        <button type="button" className="btn followup-show-all" onClick={onShowAll}>
          {t('care.showAll')}
        </button>
      )}
      {!filtered && <NoNextStep list={list} />}
    </div>
  );
}

function NoNextStep({ list }: { list: FollowUpList }): ReactElement | null {
  const { t } = useTranslation();
  const format = useFormat();
  const { items, total } = list.noNextStep;
  if (total === 0) return null;
  return (
    <section className="followup-section" aria-labelledby="no-next-step">
      <h2 id="no-next-step">
        {t('care.noNextStep.title')}
        <span className="count-badge">{format.number(total)}</span>
      </h2>
      <p className="muted">{t('care.noNextStep.text')}</p>
      <LongList className="followup-list" itemHeight={FOLLOW_UP_HEIGHT}>
        {items.map((customer) => (
          <li key={customer.customerId} className="followup">
            <span className="followup-icon" aria-hidden="true">
              <Icon name="customers" />
            </span>
            <div className="followup-main">
              <p className="followup-title">
                <Link to={`/customers/${customer.customerId}`} className="followup-customer">
                  {customer.customerName}
                </Link>
              </p>
              <p className="followup-reason">
                {t('care.noNextStep.lastContact', {
                  count: customer.daysSinceContact,
                  days: format.number(customer.daysSinceContact),
                  date: format.date(customer.lastContactOn),
                })}
              </p>
            </div>
            <div className="followup-actions">
              <LogCallButton customerId={customer.customerId} customerName={customer.customerName} />
            </div>
          </li>
        ))}
      </LongList>
      <ShownCount shown={items.length} total={total} className="muted followup-more" />
    </section>
  );
}

/** Writes every pending follow-up to an .ics file the user picks, for their own calendar. */
function ExportCalendarButton(): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const exportIcs = async (): Promise<void> => {
    setBusy(true);
    try {
      const { path } = await api.call('dialog.saveFile', { purpose: 'export-ics' });
      if (path === null) return;
      // The save dialog already asked before replacing a file.
      const result = await api.call('care.ics.export', { path, overwrite: true });
      notify.success('care.ics.done', {
        count: result.events,
        formatted: format.number(result.events),
        file: fileName(result.path),
      });
    } catch (error) {
      notify.error('care.ics.failed', error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn" onClick={() => void exportIcs()} disabled={busy}>
      <Icon name="calendar" />
      {t('care.ics.button')}
    </button>
  );
}
