import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AtRiskReason, FollowUp, FollowUpKind } from '../../../../src-main/features/care/contract';
import { addDays } from '../../../../src-main/shared/dates';
import { useFormat } from '../../i18n/format';

export interface CareText {
  kind(kind: FollowUpKind): string;
  /** Why the item is on the list, in plain words ("usually buys every ~47 days; it has been 52"). */
  reason(item: FollowUp): string;
  /** How far the due date is from today: "3 days overdue", "due today", "in 4 days". */
  due(daysOverdue: number): string;
  risk(reason: AtRiskReason): string;
  /** The ageing badge of an active complaint: "open 9 days". */
  openFor(days: number): string;
}

/** How much of a customer's own words a sentence quotes before it cuts them short. */
export const QUOTE_CHARS = 80;

/** `text` cut at a word boundary before `max` characters, with an ellipsis when cut. */
export function clipped(text: string, max = QUOTE_CHARS): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The care screens' recurring sentences, built from the contract's numbers in one place. */
export function useCareText(): CareText {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo<CareText>(() => {
    const n = (value: number): string => format.number(value);
    return {
      kind: (kind) => t(`care.kinds.${kind}`),
      reason(item) {
        switch (item.kind) {
          case 'check_in': {
            const reason = item.saleTitle
              ? t('care.reason.checkIn', { days: n(item.stepDays), sale: item.saleTitle })
              : t('care.reason.checkInNoSale', { days: n(item.stepDays) });
            if (item.also.length === 0) return reason;
            const what = new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(
              item.also.map((other) => t(`care.alsoFor.${other.kind}`)),
            );
            return t('care.reason.also', { reason, what });
          }
          case 'stay_in_touch': {
            const values = {
              count: item.daysSinceContact,
              days: n(item.daysSinceContact),
              ideal: n(item.idealDays),
              max: n(item.maxDays),
            };
            if (item.status === 'overdue') return t('care.reason.noContactMax', values);
            if (item.status === 'due_soon') return t('care.reason.noContactIdeal', values);
            return t('care.reason.lastContact', values);
          }
          case 'reorder':
            return item.status === 'late'
              ? t('care.reason.reorderLate', { usual: n(item.usualDays), days: n(item.daysSincePurchase) })
              : t('care.reason.reorderExpected', {
                  usual: n(item.usualDays),
                  date: format.date(addDays(item.lastPurchaseOn, item.usualDays)),
                });
          case 'complaint': {
            const values = {
              what: t(`care.complaintAbout.${item.category}`),
              severity: t(`care.severityOf.${item.severity}`),
              count: item.daysOpen,
              days: n(item.daysOpen),
            };
            return item.daysOpen === 0 ? t('care.reason.complaintToday', values) : t('care.reason.complaint', values);
          }
          case 'action':
            return item.text;
        }
      },
      due(daysOverdue) {
        if (daysOverdue > 0) return t('care.due.overdue', { count: daysOverdue, days: n(daysOverdue) });
        if (daysOverdue === 0) return t('care.due.today');
        if (daysOverdue === -1) return t('care.due.tomorrow');
        return t('care.due.inDays', { count: -daysOverdue, days: n(-daysOverdue) });
      },
      risk(reason) {
        switch (reason.code) {
          case 'open_complaint':
            if (reason.count > 1) return t('care.risk.openComplaints', { count: reason.count }); // the oldest's date is the tooltip
            return reason.daysOpen === 0
              ? t('care.risk.openComplaintToday')
              : t('care.risk.openComplaint', { count: reason.daysOpen, days: n(reason.daysOpen) });
          case 'low_nps':
            return t('care.risk.lowNps', { nps: n(reason.nps) });
          case 'low_csat':
            return t('care.risk.lowCsat', { csat: n(reason.csat) });
          case 'overdue_check_in':
            if (reason.count > 1) return t('care.risk.overdueCheckIns', { count: reason.count });
            return t('care.risk.overdueCheckIn', { count: reason.daysOverdue, days: n(reason.daysOverdue) });
          case 'late_reorder':
            return t('care.risk.lateReorder', { days: n(reason.daysSincePurchase), usual: n(reason.usualDays) });
          case 'no_contact':
            return t('care.risk.noContact', {
              count: reason.daysSinceContact,
              days: n(reason.daysSinceContact),
              max: n(reason.maxDays),
            });
        }
      },
      openFor: (days) => (days === 0 ? t('care.openToday') : t('care.openFor', { count: days, days: n(days) })),
    };
  }, [t, format]);
}
