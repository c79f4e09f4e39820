import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { FieldIssue } from '../../shared/api';
import type { FollowUp, FollowUpBucket } from './contract';
import { localIsoDate } from '../../shared/dates';
import { daysBetween } from '../../shared/dates';
import { call, globals, invalidInput, wholeNumber } from '../../kernel/cli/context';
import { orDash, table } from '../../kernel/cli/format';
import { printJsonList, toJson } from '../../kernel/cli/json';
import type { OptionNames } from '../../kernel/cli/messages';
import type { App } from '../../kernel/cli/context';
import type { Translate } from '../../shared/locales/translate';

const DUE = ['overdue', 'today', 'week', 'all'] as const;
type Due = (typeof DUE)[number];
/** Follow-ups listed unless --limit says otherwise (at a million sales thousands are overdue). */
const DEFAULT_LIMIT = 100;

const LIST_OPTIONS: OptionNames = { asOf: '--as-of', limit: '--limit' };
const DONE_OPTIONS: OptionNames = {
  id: 'ID',
  csat: '--csat',
  nps: '--nps',
  concern: '--concern',
  outcome: '--outcome',
  on: '--on',
};
const ICS_OPTIONS: OptionNames = { path: '--out', overwrite: '--force', asOf: '--as-of' };

/**
 * `--due` is cumulative, as a day's work is: overdue = due before the day; today = due by the
 * end of the day, overdue included; week = due within the next 7 days, overdue included;
 * all = everything scheduled.
 */
const BUCKETS_BY: Record<Due, readonly FollowUpBucket[]> = {
  overdue: ['overdue'],
  today: ['overdue', 'today'],
  week: ['overdue', 'today', 'week'],
  all: ['overdue', 'today', 'week', 'later'],
};

/**
 * The stable --json shape of a follow-up: the same keys for every kind. What names it besides
 * the customer: the sale's title (a check-in's, null when the sale has none or there is no
 * sale), and for an action item its text and the library item it comes from (null for the
 * other kinds).
 */
const followUpJson = (i: FollowUp) => ({
  id: i.id,
  kind: i.kind,
  customer: i.customerName,
  sale_id: i.saleId,
  due_on: i.dueOn,
  status: i.status,
  sale_title: i.saleTitle,
  text: i.kind === 'action' ? i.text : null,
  item_id: i.kind === 'action' ? i.itemId : null,
  item_title: i.kind === 'action' ? i.itemTitle : null,
});

function why(i: FollowUp, t: Translate): string {
  switch (i.kind) {
    case 'check_in':
      return i.saleTitle
        ? t('cli.followups.whyCheckInSale', { days: i.stepDays, title: i.saleTitle })
        : t('cli.followups.whyCheckIn', { days: i.stepDays });
    case 'stay_in_touch':
      return t('cli.followups.whyStay', {
        date: i.lastContactOn,
        since: i.daysSinceContact,
        ideal: i.idealDays,
        max: i.maxDays,
      });
    case 'reorder':
      return t('cli.followups.whyReorder', { usual: i.usualDays, days: i.daysSincePurchase });
    case 'complaint':
      return t('cli.followups.whyComplaint', {
        severity: t(`severityWords.${i.severity}`),
        category: t(`cli.categories.${i.category}`),
        days: i.daysOpen,
      });
    case 'action':
      return t('cli.followups.whyAction', { text: i.text });
  }
}

export function registerCare(program: Command, app: App): void {
  const followups = program
    .command('followups')
    .description(
      'what to do next with customers (check-ins, keeping in touch, reorders, complaints) and your action items',
    );

  followups
    .command('list')
    .description('follow-ups by due date, soonest first')
    .addOption(
      new Option('--due <when>', 'overdue, today (incl. overdue), week (next 7 days, incl. overdue) or all')
        .choices(DUE)
        .default('all'),
    )
    .option('--as-of <YYYY-MM-DD>', 'the day to look from (default: today)')
    .option('--limit <n>', `at most this many, the soonest due first, 1–2000 (default: ${DEFAULT_LIMIT})`)
    .addHelpText(
      'after',
      '\nIds name the kind: c42 = check-in 42, s7 = stay in touch with customer 7, r7 = reorder by customer 7,\n' +
        'k3 = complaint 3, a5 = action item 5 of a library item (only those with a due date are listed).\n' +
        'With --json, a list of {id, kind, customer, sale_id, due_on, status, sale_title, text, item_id, item_title}:\n' +
        "customer is null for action items; text, item_id and item_title are an action item's text and the library\n" +
        'item it comes from (null for the other kinds); sale_title is null when there is no sale or it has no title.\n' +
        'When more are due than --limit, stderr says how many.\n\n' +
        'Example:\n  rapport followups list --due today\n  rapport followups list --as-of 2026-06-30 --limit 500 --json',
    )
    .action(async (options: { due: Due; asOf?: string; limit?: string }, command: Command) => {
      const g = globals(command);
      const issues: FieldIssue[] = [];
      const limit = wholeNumber(options.limit, 'limit', issues) ?? DEFAULT_LIMIT;
      if (issues.length > 0) throw invalidInput(issues, LIST_OPTIONS);
      // Each bucket's first `limit`: enough for the first `limit` of any run of buckets.
      const list = await app.session(g, ({ handlers }) =>
        call(handlers, 'care.followups.list', { asOf: options.asOf, limit }, LIST_OPTIONS),
      );
      const buckets = BUCKETS_BY[options.due];
      const items = buckets.flatMap((b) => list[b]).slice(0, limit);
      const total = buckets.reduce((n, b) => n + list.counts[b], 0);
      if (total > items.length) app.io.stderr(`${app.t('cli.followups.showing', { shown: items.length, total })}\n`);
      if (g.json) return app.print(toJson(items.map(followUpJson)));
      const { t } = app;
      if (items.length === 0) return app.print(t('cli.followups.nothingDue', { due: options.due, date: list.asOf }));
      app.print(
        table(items, [
          { header: t('cli.head.id'), value: (i) => i.id },
          { header: t('cli.head.due'), value: (i) => app.format.date(i.dueOn) },
          {
            header: t('cli.head.late'),
            value: (i) => (i.daysOverdue > 0 ? t('cli.followups.late', { days: i.daysOverdue }) : ''),
            align: 'right',
          },
          { header: t('cli.head.kind'), value: (i) => t(`cli.kinds.${i.kind}`) },
          {
            header: t('cli.head.customer'),
            value: (i) => (i.kind === 'action' ? t('cli.followups.fromItem', { title: i.itemTitle }) : i.customerName),
            max: 28,
          },
          { header: t('cli.head.why'), value: (i) => why(i, t), max: 60 },
        ]),
      );
      app.print(`\n${t('cli.followups.total', { count: items.length, date: list.asOf })}`);
    });

  followups
    .command('done')
    .description('mark a follow-up done: complete a check-in, log a contact, resolve a complaint, tick an action item')
    .argument('<id>', 'a follow-up id from "rapport followups list" (c42, s7, r7, k3, a5)')
    .option('--csat <1-5>', 'check-ins: how satisfied the customer is')
    .option('--nps <0-10>', 'check-ins: how likely they are to recommend you')
    .option('--concern <text>', 'a concern the customer raised: opens a complaint')
    .option('--outcome <text>', 'what came of it (a complaint: how it was resolved)')
    .option('--on <YYYY-MM-DD>', 'the day it was done (default: today)')
    .addHelpText(
      'after',
      '\nWith --json, {id, kind, check_in, complaint, interaction, action}: what was recorded, each null when\n' +
        'untouched (snake_case keys).\n\n' +
        'Examples:\n  rapport followups done c42 --csat 4 --nps 9\n' +
        '  rapport followups done c43 --csat 2 --concern "The delivery arrived damaged"\n' +
        '  rapport followups done s7 --outcome "Called, all good"\n' +
        '  rapport followups done a5',
    )
    .action(
      async (
        id: string,
        options: { csat?: string; nps?: string; concern?: string; outcome?: string; on?: string },
        command: Command,
      ) => {
        const g = globals(command);
        const issues: FieldIssue[] = [];
        const csat = wholeNumber(options.csat, 'csat', issues);
        const nps = wholeNumber(options.nps, 'nps', issues);
        if (issues.length > 0) throw invalidInput(issues, DONE_OPTIONS, 'cli.invalid.nothingRecorded');
        const input = {
          id: id.trim().toLowerCase(),
          csat: csat ?? null,
          nps: nps ?? null,
          concern: options.concern,
          outcome: options.outcome,
          on: options.on,
        };
        const result = await app.session(g, ({ handlers }) =>
          call(handlers, 'care.followups.done', input, DONE_OPTIONS),
        );
        if (g.json) return app.print(toJson(result));
        const { t } = app;
        const lines: string[] = [];
        if (result.checkIn)
          lines.push(t('cli.followups.checkInDone', { id: result.id, date: result.checkIn.completedOn ?? '' }));
        if (result.action) lines.push(t('cli.followups.actionDone', { id: result.id, text: result.action.text }));
        if (result.interaction)
          lines.push(
            t('cli.followups.contactLogged', {
              kind: t(`cli.interactionKinds.${result.interaction.kind}`),
              name: result.interaction.customerName,
            }),
          );
        if (result.complaint && result.kind === 'complaint')
          lines.push(
            t('cli.followups.complaintResolved', { id: result.complaint.id, date: result.complaint.resolvedOn ?? '' }),
          );
        else if (result.complaint)
          lines.push(
            t('cli.followups.complaintOpened', { id: result.complaint.id, description: result.complaint.description }),
          );
        app.print(lines.join('\n'));
      },
    );

  followups
    .command('ics')
    .description('write the follow-ups to an .ics file that calendar apps import (re-import updates it)')
    .requiredOption('--out <file.ics>', 'the calendar file to write')
    .option('--force', 'replace the file if it exists')
    .option('--as-of <YYYY-MM-DD>', 'the day to look from (default: today)')
    .addHelpText(
      'after',
      '\nWith --json, {path, events, cancelled, bytes}.\n\nExample:\n  rapport followups ics --out ~/rapport.ics --force',
    )
    .action(async (options: { out: string; force?: boolean; asOf?: string }, command: Command) => {
      const g = globals(command);
      const input = { path: resolve(options.out), overwrite: options.force === true, asOf: options.asOf };
      const result = await app.session(g, ({ handlers }) => call(handlers, 'care.ics.export', input, ICS_OPTIONS));
      if (g.json) return app.print(toJson(result));
      const wrote = result.cancelled ? 'cli.followups.icsWroteCancelled' : 'cli.followups.icsWrote';
      app.print(app.t(wrote, { events: result.events, cancelled: result.cancelled, path: result.path }));
    });

  const complaints = program.command('complaints').description('customer complaints and concerns');
  complaints
    .command('list')
    .description('complaints, open ones first (oldest first), then closed ones')
    .addOption(
      new Option('--status <which>', 'active (open or in progress), closed or all')
        .choices(['active', 'closed', 'all'])
        .default('all'),
    )
    .addHelpText(
      'after',
      '\nWith --json, a list of {id, customer_id, customer_name, sale_id, sale_title, check_in_id, opened_on,\n' +
        'source, category, severity, description, status, resolution, resolved_on, days_to_resolve,\n' +
        'remind_on, created_at, updated_at}.\n\n' +
        'Example:\n  rapport complaints list --status active',
    )
    .action(async (options: { status: 'active' | 'closed' | 'all' }, command: Command) => {
      const g = globals(command);
      const page = await app.session(g, ({ handlers }) =>
        call(handlers, 'care.complaints.list', { status: options.status, limit: 500 }, {}),
      );
      if (g.json) return printJsonList(app, page, 'cli.followups.complaintsTotal');
      const { t } = app;
      if (page.items.length === 0) return app.print(t('cli.followups.noComplaints'));
      const today = localIsoDate(app.io.now());
      app.print(
        table(page.items, [
          { header: t('cli.head.id'), value: (c) => `k${c.id}` },
          { header: t('cli.head.opened'), value: (c) => app.format.date(c.openedOn) },
          { header: t('cli.head.status'), value: (c) => t(`complaintStatusWords.${c.status}`) },
          { header: t('cli.head.severity'), value: (c) => t(`severityWords.${c.severity}`) },
          { header: t('cli.head.category'), value: (c) => t(`cli.categories.${c.category}`) },
          { header: t('cli.head.customer'), value: (c) => c.customerName, max: 24 },
          {
            header: t('cli.head.days'),
            value: (c) => String(c.daysToResolve ?? daysBetween(c.openedOn, today)),
            align: 'right',
          },
          { header: t('cli.head.description'), value: (c) => c.description, max: 40 },
          { header: t('cli.head.resolution'), value: (c) => orDash(c.resolution), max: 30 },
        ]),
      );
      app.print(`\n${t('cli.followups.complaintsTotal', { shown: page.items.length, total: page.total })}`);
    });
}
