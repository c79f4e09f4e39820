import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FollowUp } from '../../../../src-main/features/care/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { Icon } from '../../ui/icons';
import type { ListItemPlace } from '../../ui/LongList';
import { useNotify } from '../../ui/Notifications';
import { customerOf, useCareDialogs } from './CareDialogs';
import { KIND_ICONS } from './careModel';
import { useCareText } from './careText';
import { Menu } from './Menu';

const WEEK = 7;

/**
 * One thing to do: what kind, for whom (or, for an action item, from which library item), why
 * (in plain words), when, and the quick actions. The buttons are described by the item's
 * title, so "Complete" says what it completes.
 */
export function FollowUpItem({
  item,
  showCustomer = true,
  ...place
}: { item: FollowUp; showCustomer?: boolean } & ListItemPlace): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const text = useCareText();
  const dialogs = useCareDialogs();
  const titleId = useId();

  const snooze = async (days: number): Promise<void> => {
    try {
      const moved = await api.call('care.followups.snooze', { id: item.id, days });
      notify.success('care.snoozed', { date: format.date(moved.dueOn) });
    } catch (error) {
      notify.error('care.snoozeFailed', error);
    }
  };

  const late = item.daysOverdue > 0;
  return (
    <li className={`followup followup-${item.kind}`} aria-labelledby={titleId} {...place}>
      <span className="followup-icon" aria-hidden="true">
        <Icon name={KIND_ICONS[item.kind]} />
      </span>
      <div className="followup-main">
        <p className="followup-title" id={titleId}>
          <span className="followup-kind">{text.kind(item.kind)}</span>
          {item.kind === 'action' ? (
            <>
              <span aria-hidden="true"> · </span>
              <span className="visually-hidden">, </span>
              {/* The item the action came from (its page edits or unticks it). */}
              <Link to={`/library/${item.itemId}`} className="followup-customer">
                {t('care.action.from', { title: item.itemTitle })}
              </Link>
            </>
          ) : (
            showCustomer && (
              <>
                {/* Seen as a dot, heard as a pause. */}
                <span aria-hidden="true"> · </span>
                <span className="visually-hidden">, </span>
                <Link to={`/customers/${item.customerId}`} className="followup-customer">
                  {item.customerName}
                </Link>
              </>
            )
          )}
        </p>
        <p className="followup-reason">{text.reason(item)}</p>
      </div>
      <p className="followup-due">
        <span className={late ? 'due-late' : item.daysOverdue === 0 ? 'due-today' : undefined}>
          {text.due(item.daysOverdue)}
        </span>
        <span className="followup-date">{format.date(item.dueOn)}</span>
      </p>
      <div className="followup-actions">
        <button
          type="button"
          className="btn btn-compact"
          onClick={() => dialogs.markDone(item)}
          aria-describedby={titleId}
        >
          <Icon name="check" size={14} />
          {t(`care.doneAction.${item.kind}`)}
        </button>
        <Menu
          className="btn btn-compact"
          items={[
            { label: t('care.snooze.day'), onSelect: () => void snooze(1) },
            { label: t('care.snooze.week'), onSelect: () => void snooze(WEEK) },
            { label: t('care.snooze.pick'), onSelect: () => dialogs.reschedule(item) },
          ]}
        >
          <Icon name="clock" size={14} />
          {t('care.snooze.label')}
        </Menu>
        {item.kind !== 'action' && (
          <button
            type="button"
            className="btn btn-compact btn-icon"
            onClick={() => dialogs.logInteraction(customerOf(item))}
            aria-label={t('care.logCall')}
            aria-describedby={titleId}
            title={t('care.logCall')}
          >
            <Icon name="phone" size={14} />
          </button>
        )}
      </div>
    </li>
  );
}
