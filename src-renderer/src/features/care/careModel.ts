import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { z } from 'zod';
import type { FieldIssue } from '../../../../src-main/shared/api';
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
import type { IconName } from '../../ui/icons';

/** Field errors of a care form: message keys by dotted path (`maxDays`, `products.1.productId`). */
export type FieldErrors = Record<string, string>;

/** The first message for each path of a zod result, as the form shows them. */
export function schemaErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  return issueErrors(issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
}

/**
 * The backend's issues keyed the same way. `prefix` drops the wrapper an operation puts around
 * the form's fields (`rules.` for contact rules, `patch.` for a complaint change).
 */
export function issueErrors(issues: readonly FieldIssue[], prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Whole calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export const KIND_ICONS: Record<FollowUpKind, IconName> = {
  check_in: 'checkIn',
  stay_in_touch: 'heart',
  reorder: 'repeat',
  complaint: 'flag',
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

/** Milliseconds from `now` to the next local midnight, when "today" and the badge change. */
export function msToMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return next.getTime() - now.getTime();
}
