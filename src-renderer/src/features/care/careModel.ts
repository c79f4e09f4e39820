import {
  ACTIVE_COMPLAINT_STATUSES,
  FOLLOW_UP_BUCKETS,
  type ComplaintStatus,
  type FollowUp,
  type FollowUpBucket,
  type FollowUpKind,
  type FollowUpList,
  type InteractionKind,
} from '../../../../src-main/features/care/contract';
import { daysBetween } from '../../../../src-main/shared/dates';
import type { IconName } from '../../ui/icons';

/** Whole calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return daysBetween(from, to);
}

export const KIND_ICONS: Record<FollowUpKind, IconName> = {
  check_in: 'checkIn',
  stay_in_touch: 'heart',
  reorder: 'repeat',
  complaint: 'flag',
  action: 'task',
};

export const INTERACTION_ICONS: Record<InteractionKind, IconName> = {
  call: 'phone',
  email: 'mail',
  meeting: 'customers',
  visit: 'pin',
  message: 'message',
  note: 'note',
};

/** Buckets in the order the screen lists them, with what each holds. */
export function bucketsOf(list: FollowUpList): { bucket: FollowUpBucket; items: FollowUp[]; count: number }[] {
  return FOLLOW_UP_BUCKETS.map((bucket) => ({ bucket, items: list[bucket], count: list.counts[bucket] }));
}

/** Open or in progress: still needs work (the contract's own list). */
export const isActiveComplaint = (status: ComplaintStatus): boolean =>
  (ACTIVE_COMPLAINT_STATUSES as readonly ComplaintStatus[]).includes(status);

/**
 * A day count typed into a form: whole numbers only. Anything else becomes NaN, which the
 * shared schemas reject with their own message, so the form shows the contract's words.
 */
export function parseDayCount(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Follow-up ids already announced by the in-app reminder, one per item and due date. */
export function dueKey(item: Pick<FollowUp, 'id' | 'dueOn'>): string {
  return `${item.id}@${item.dueOn}`;
}
