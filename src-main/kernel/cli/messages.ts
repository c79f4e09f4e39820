import type { z } from 'zod';
import type { FieldIssue } from '../../shared/api';

/**
 * English text for the validation keys the shared schemas and services use (see domain.ts).
 * The renderer owns the translated files; the CLI speaks English and only needs these.
 * Worded to complete "--option: …".
 */
const MESSAGES: Readonly<Record<string, string>> = {
  'errors.invalid': 'is not valid',
  'errors.required': 'is required',
  'errors.tooLong': 'is too long',
  'errors.email': 'is not a valid email address',
  'errors.date': 'must be a real calendar day written YYYY-MM-DD',
  'errors.currency': 'must be a currency code such as EUR, USD or GBP',
  'errors.amount': 'must be an amount such as 1234.50',
  'errors.amountNegative': 'must not be negative',
  'errors.amountTooLarge': 'is too large',
  'errors.status': 'must be one of open, won, lost',
  'errors.stage': 'must be one of lead, qualified, proposal, negotiation',
  'errors.customerRequired': 'is required',
  'errors.satisfaction': 'must be a whole number from 1 to 5',
  'errors.goalNegative': 'must not be negative',
  'errors.goalPercent': 'must be a rate from 0 to 1',
  'errors.goalFraction': 'must be a fraction from 0 to 1 (this goal is a rate)',
  'errors.goalScore': 'must be from -100 to 100',
  'errors.goalWeight': 'must be above 0 and at most 100',
  'errors.wholeNumber': 'must be a whole number (whole cents for money)',
  'errors.milestoneOutsidePeriod': "must fall inside the goal's period",
  'errors.weekdaysRequired': 'needs at least one working day',
  'errors.noWorkingDay': 'has no working day (see the work calendar)',
  'errors.segmentOnly': 'can be narrowed by customer segment only for this metric',
  'errors.goalFixedField': 'cannot change: archive this goal and create a new one',
  'errors.goalStarted': 'cannot change once the goal has begun',
  'errors.nps': 'must be a whole number from 0 to 10',
  'errors.openHasClose': 'an open sale has no closing date',
  'errors.closedNeedsDate': 'a won or lost sale needs the day it closed',
  'errors.closeBeforeOpen': 'the closing date cannot be before the opening date',
  'errors.stageOnlyOpen': 'only open sales have a stage (use --status open, or drop --stage)',
  'errors.lostReasonOnlyLost': 'only lost sales have a lost reason (use --status lost, or drop --lost-reason)',
  'errors.rangeOrder': 'the end date cannot be before the start date',
  'errors.nameTaken': 'is already taken',
  'errors.unknownCustomer': 'does not exist',
  'errors.unknownProduct': 'does not exist',
  'errors.unknownTechnique': 'does not exist',
  'errors.cadenceDays': 'must be up to 12 different whole numbers of days from 0 to 3650',
  'errors.duplicateRule': 'appears twice; give each product, segment, tag or customer one rule',
  'errors.contactMaxBelowIdeal': 'the maximum interval cannot be shorter than the ideal one',
  'errors.followUpId':
    'must be a follow-up id such as c42 (check-in), s7 (stay in touch), r7 (reorder) or k3 (complaint)',
  'errors.rangeTooLong': 'the range can be at most ten years',
  'errors.unknownSale': 'does not exist',
  'errors.saleOfOtherCustomer': "is another customer's sale",
  'errors.futureDate': 'cannot be a day that has not come yet',
  'errors.resolvedBeforeOpened': 'cannot be before the day the complaint was opened',
};

/** A key's English text; anything else (zod's own English messages) passes through. */
export function describeIssue(message: string): string {
  return MESSAGES[message] ?? message;
}

/**
 * Our schemas carry message keys; zod's built-in checks without one (limits such as
 * `--limit` ≤ 500) get a short English phrase in place of zod's developer-facing text.
 */
export function plainIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  let message = issue.message;
  if (!message.startsWith('errors.')) {
    if (issue.code === 'too_big') message = `must be at most ${String(issue.maximum)}`;
    else if (issue.code === 'too_small') message = `must be at least ${String(issue.minimum)}`;
    else if (issue.code === 'invalid_type')
      message = `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
  }
  return { path: issue.path, message };
}

/** Schema field paths → the option the user typed, so errors name what they can fix. */
export type OptionNames = Readonly<Record<string, string>>;

/** One line per issue: "--satisfaction: must be a whole number from 1 to 5". */
export function formatIssues(issues: readonly FieldIssue[], options: OptionNames): string[] {
  const lines = issues.map((issue) => {
    const root = issue.path.split('.')[0] ?? '';
    const where = options[issue.path] ?? options[root] ?? (issue.path || 'input');
    return `  ${where}: ${describeIssue(issue.message)}`;
  });
  return [...new Set(lines)];
}

/** Every message key the map knows; lets a test check the map covers the schemas. */
export const KNOWN_MESSAGE_KEYS: readonly string[] = Object.keys(MESSAGES);
