import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckIn, TimelineEntry } from '../../../../src-main/features/care/contract';
import { useQuery } from '../../api/useQuery';
import { useEditors } from '../../shell/EditorsProvider';
import { useFormat } from '../../i18n/format';
import { StatusBadge } from '../sales/StatusBadge';
import { Icon, type IconName } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { useCareDialogs } from './CareDialogs';
import { INTERACTION_ICONS } from './careModel';
import { ComplaintStatusBadge } from './ComplaintStatusBadge';
import { useToday } from '../../hooks/useToday';

/** History entries shown before "Show all": a long-standing customer has hundreds. */
const FIRST = 25;

const ICONS: Record<TimelineEntry['type'], IconName> = {
  sale: 'sales',
  interaction: 'phone',
  check_in: 'checkIn',
  complaint: 'flag',
};

/** Newest first; on one day a complaint before a check-in, a check-in before a sale. */
const ORDER: Record<TimelineEntry['type'], number> = { complaint: 0, check_in: 1, interaction: 2, sale: 3 };

export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => b.date.localeCompare(a.date) || ORDER[a.type] - ORDER[b.type]);
}

/**
 * Everything that happened with a customer, on one line of time: sales, conversations,
 * check-ins and complaints. Planned check-ins come first, under "Coming up".
 */
export function CustomerTimeline({ customerId }: { customerId: number }): ReactElement {
  const { t } = useTranslation();
  const today = useToday();
  const [all, setAll] = useState(false);
  const timeline = useQuery('care.timeline', { customerId }, ['care', 'sales', 'customers']);

  const body = (data: NonNullable<typeof timeline.data>): ReactElement => {
    const sorted = sortTimeline(data);
    const upcoming = sorted.filter((entry) => entry.date > today).reverse();
    const past = sorted.filter((entry) => entry.date <= today);
    const shown = all ? past : past.slice(0, FIRST);
    if (sorted.length === 0) return <p className="muted section-empty">{t('care.timeline.empty')}</p>;
    return (
      <>
        {upcoming.length > 0 && (
          <>
            <h3 className="timeline-heading">{t('care.timeline.upcoming')}</h3>
            <ol className="timeline">
              {upcoming.map((entry) => (
                <TimelineItem key={keyOf(entry)} entry={entry} today={today} />
              ))}
            </ol>
          </>
        )}
        {past.length > 0 && (
          <>
            {upcoming.length > 0 && <h3 className="timeline-heading">{t('care.timeline.past')}</h3>}
            <ol className="timeline">
              {shown.map((entry) => (
                <TimelineItem key={keyOf(entry)} entry={entry} today={today} />
              ))}
            </ol>
          </>
        )}
        {shown.length < past.length && (
          <button type="button" className="btn timeline-more" onClick={() => setAll(true)}>
            {t('care.timeline.showAll', { count: past.length })}
          </button>
        )}
      </>
    );
  };

  return (
    <section className="section" aria-labelledby="customer-timeline">
      <h2 id="customer-timeline">{t('care.timeline.title')}</h2>
      <QueryView query={timeline} failedTitle={t('care.timeline.loadFailed')}>
        {body}
      </QueryView>
    </section>
  );
}

function keyOf(entry: TimelineEntry): string {
  switch (entry.type) {
    case 'sale':
      return `sale-${entry.sale.id}`;
    case 'interaction':
      return `interaction-${entry.interaction.id}`;
    case 'check_in':
      return `check-in-${entry.checkIn.id}`;
    case 'complaint':
      return `complaint-${entry.complaint.id}`;
  }
}

function TimelineItem({ entry, today }: { entry: TimelineEntry; today: string }): ReactElement {
  const format = useFormat();
  const icon = entry.type === 'interaction' ? INTERACTION_ICONS[entry.interaction.kind] : ICONS[entry.type];
  return (
    <li className={`timeline-entry timeline-${entry.type}`}>
      <span className="timeline-date">{format.date(entry.date)}</span>
      <span className="timeline-icon" aria-hidden="true">
        <Icon name={icon} size={14} />
      </span>
      <div className="timeline-body">
        <EntryContent entry={entry} today={today} />
      </div>
    </li>
  );
}

function EntryContent({ entry, today }: { entry: TimelineEntry; today: string }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { openSale } = useEditors();
  const dialogs = useCareDialogs();
  switch (entry.type) {
    case 'sale': {
      const { sale } = entry;
      return (
        <>
          <p className="timeline-title">
            <button type="button" className="link-button" onClick={() => openSale(sale)}>
              {sale.title}
            </button>
            <StatusBadge status={sale.status} stage={sale.stage} />
          </p>
          <p className="timeline-text">
            {[format.money(sale.amountMinor, sale.currency), sale.productName].filter(Boolean).join(' · ')}
          </p>
        </>
      );
    }
    case 'interaction': {
      const { interaction } = entry;
      return (
        <>
          <p className="timeline-title">
            {t(`care.interactionKinds.${interaction.kind}`)}
            {interaction.saleTitle && (
              <span className="timeline-about">{t('care.timeline.about', { sale: interaction.saleTitle })}</span>
            )}
          </p>
          <p className="timeline-text selectable">{interaction.summary}</p>
        </>
      );
    }
    case 'check_in':
      return <CheckInContent checkIn={entry.checkIn} today={today} />;
    case 'complaint': {
      const { complaint } = entry;
      return (
        <>
          <p className="timeline-title">
            <button
              type="button"
              className="link-button"
              onClick={() =>
                dialogs.openComplaint(
                  { id: complaint.id, customerId: complaint.customerId, customerName: complaint.customerName },
                  complaint,
                )
              }
            >
              {t(`care.complaintAbout.${complaint.category}`)}
            </button>
            <ComplaintStatusBadge status={complaint.status} />
            <span className={`badge severity-${complaint.severity}`}>
              {t(`care.severityLabel.${complaint.severity}`)}
            </span>
          </p>
          <p className="timeline-text selectable">{complaint.description}</p>
          {complaint.resolution && (
            <p className="timeline-text selectable">{t('care.timeline.resolution', { text: complaint.resolution })}</p>
          )}
        </>
      );
    }
  }
}

function CheckInContent({ checkIn, today }: { checkIn: CheckIn; today: string }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const dialogs = useCareDialogs();
  const step = t('care.timeline.checkIn', { days: format.number(checkIn.stepDays) });
  const scores = [
    checkIn.csat === null ? null : t('care.timeline.csat', { value: format.number(checkIn.csat) }),
    checkIn.nps === null ? null : t('care.timeline.nps', { value: format.number(checkIn.nps) }),
  ].filter((s): s is string => s !== null);
  const state =
    checkIn.status === 'pending'
      ? checkIn.dueOn < today
        ? 'overdue'
        : 'planned'
      : (checkIn.status as 'done' | 'skipped');
  return (
    <>
      <p className="timeline-title">
        {step}
        <span className={`badge check-in-${state}`}>{t(`care.checkInStates.${state}`)}</span>
        {checkIn.saleTitle && (
          <span className="timeline-about">{t('care.timeline.after', { sale: checkIn.saleTitle })}</span>
        )}
      </p>
      {checkIn.outcome && <p className="timeline-text selectable">{checkIn.outcome}</p>}
      {scores.length > 0 && <p className="timeline-text">{scores.join(' · ')}</p>}
      {checkIn.concern && (
        <p className="timeline-text selectable">{t('care.timeline.concern', { text: checkIn.concern })}</p>
      )}
      {checkIn.status === 'pending' && (
        <button
          type="button"
          className="btn btn-compact timeline-action"
          onClick={() =>
            dialogs.completeCheckIn({
              id: checkIn.id,
              customerName: checkIn.customerName,
              saleTitle: checkIn.saleTitle,
              stepDays: checkIn.stepDays,
              dueOn: checkIn.dueOn,
            })
          }
        >
          <Icon name="check" size={14} />
          {t('care.doneAction.check_in')}
        </button>
      )}
    </>
  );
}
